package io.eksid.ui.wizard;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.SimpleStringProperty;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * The new-association wizard: fields with their messages in place (shown once a field was edited, or on an attempt
 * to continue, in a line reserved under each field so nothing moves), the role picker, the API calls, then a
 * confirm step with the exact calls, then the result and the restart offer.
 */
public final class NewAssociationView extends BorderPane {

    private final NewAssociationModel vm;

    public NewAssociationView(NewAssociationModel vm, Runnable close) {
        this.vm = vm;
        setId("new-association-wizard");
        setPadding(new Insets(14));
        Label title = new Label("New Pod Identity association");
        title.getStyleClass().add(Styles.TITLE_3);
        setTop(new VBox(4, title, muted("An association maps one service account to a role in the cluster's "
                + "account; pods started after it exists get that role's credentials.")));

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(4);
        form.setPadding(new Insets(12, 0, 12, 0));
        int row = 0;
        ComboBox<String> ns = new ComboBox<>();
        ns.setId("namespace");
        ns.setEditable(true);
        ns.getItems().setAll(vm.namespaces());
        ns.getEditor().textProperty().bindBidirectional(vm.namespaceProperty());
        row = field(form, row, "Namespace", ns, ns.getEditor(), vm.namespaceErrorProperty(), null);

        ComboBox<String> sa = new ComboBox<>();
        sa.setId("service-account");
        sa.setEditable(true);
        sa.setPromptText("pick one, or type a new name");
        vm.namespaceProperty().addListener((o, a, b) -> sa.getItems().setAll(vm.serviceAccountsIn(b.strip())));
        sa.getItems().setAll(vm.serviceAccountsIn(vm.namespaceProperty().get()));
        sa.getEditor().textProperty().bindBidirectional(vm.serviceAccountProperty());
        sa.setCellFactory(l -> new ServiceAccountCell());
        row = field(form, row, "Service account", sa, sa.getEditor(), vm.serviceAccountErrorProperty(),
                vm.serviceAccountNoteProperty());

        TextField role = new TextField();
        role.setId("role-arn");
        role.setPromptText("pick below, or paste a role ARN of the cluster's account");
        role.textProperty().bindBidirectional(vm.roleArnProperty());
        row = field(form, row, "Role", role, role, vm.existingRoleErrorProperty(), null);
        TableView<NewAssociationModel.RoleOption> roleTable = roleTable();
        form.add(roleTable, 1, row++);
        CheckBox createRole = new CheckBox("Create a new role, trusted by EKS Pod Identity, instead");
        createRole.setId("create-role");
        createRole.selectedProperty().bindBidirectional(vm.createRoleProperty());
        form.add(createRole, 1, row++);
        role.disableProperty().bind(vm.createRoleProperty());
        roleTable.disableProperty().bind(vm.createRoleProperty());
        TextField roleName = new TextField();
        roleName.setId("new-role-name");
        roleName.setPromptText("role name, e.g. payments-api");
        roleName.textProperty().bindBidirectional(vm.newRoleNameProperty());
        TextField rolePath = new TextField();
        rolePath.setId("new-role-path");
        rolePath.setPromptText("/");
        rolePath.textProperty().bindBidirectional(vm.newRolePathProperty());
        TextArea managed = new TextArea();
        managed.setId("managed-policies");
        managed.setPrefRowCount(3);
        managed.setPromptText("managed policy ARNs to attach, one a line (e.g. arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess)");
        managed.textProperty().bindBidirectional(vm.managedPoliciesProperty());
        int newRoleFrom = row;
        row = field(form, row, "New role name", roleName, roleName, vm.roleErrorProperty(), null);
        row = field(form, row, "Path", rolePath, rolePath, null, null);
        row = field(form, row, "Managed policies", managed, managed, vm.managedPoliciesErrorProperty(), null);
        for (javafx.scene.Node n : form.getChildren()) {
            Integer r = GridPane.getRowIndex(n);
            if (r != null && r >= newRoleFrom && r < row) {
                n.visibleProperty().bind(vm.createRoleProperty());
                n.managedProperty().bind(vm.createRoleProperty());
            }
        }
        CheckBox addTrust = new CheckBox("Add the Pod Identity trust to the role (diff below)");
        addTrust.setId("add-trust");
        addTrust.selectedProperty().bindBidirectional(vm.addTrustProperty());
        TextArea diff = new TextArea();
        diff.setId("trust-diff");
        diff.setEditable(false);
        diff.setPrefRowCount(10);
        diff.setStyle("-fx-font-family: 'Monospaced';");
        diff.textProperty().bind(vm.trustDiffProperty());
        VBox trustBox = new VBox(4, addTrust, diff);
        trustBox.visibleProperty().bind(vm.trustDiffProperty().isNotNull());
        trustBox.managedProperty().bind(trustBox.visibleProperty());
        form.add(trustBox, 1, row++);

        TextField target = new TextField();
        target.setId("target-role-arn");
        target.setPromptText("optional: a role in another account to chain to");
        target.textProperty().bindBidirectional(vm.targetRoleArnProperty());
        row = field(form, row, "Target role ARN", target, target, vm.targetRoleErrorProperty(), null);

        CheckBox tags = new CheckBox("Disable session tags");
        tags.setId("disable-session-tags");
        tags.selectedProperty().bindBidirectional(vm.disableSessionTagsProperty());
        form.add(tags, 1, row++);
        TextArea policy = new TextArea();
        policy.setId("session-policy");
        policy.setPromptText("optional session policy (JSON); needs session tags disabled");
        policy.setPrefRowCount(4);
        policy.textProperty().bindBidirectional(vm.sessionPolicyProperty());
        row = field(form, row, "Session policy", policy, policy, vm.sessionPolicyErrorProperty(), null);

        TextArea calls = new TextArea();
        calls.setId("api-calls");
        calls.setEditable(false);
        calls.setPrefRowCount(4);
        calls.setStyle("-fx-font-family: 'Monospaced';");
        calls.textProperty().bind(vm.apiCallsProperty());
        field(form, row, "API calls", calls, null, null, null);
        form.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(130),
                new javafx.scene.layout.ColumnConstraints(200, 800, Double.MAX_VALUE, Priority.ALWAYS, null, true));
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        AssociationConfirmPane confirm = new AssociationConfirmPane(vm, vm.clusterName(), vm.clusterAccount());
        ScrollPane confirmScroll = new ScrollPane(confirm);
        confirmScroll.setFitToWidth(true);
        scroll.visibleProperty().bind(vm.phaseProperty().isEqualTo(NewAssociationModel.Phase.EDIT));
        confirmScroll.visibleProperty().bind(scroll.visibleProperty().not());
        setCenter(new javafx.scene.layout.StackPane(scroll, confirmScroll));

        Label reason = muted("");
        reason.setId("association-disabled-reason");
        // a field's problem shows in the bar only once the user tried to continue; a block (read-only) always
        reason.textProperty().bind(Bindings.createStringBinding(() -> vm.phaseProperty().get()
                        != NewAssociationModel.Phase.EDIT || vm.applyDisabledReasonProperty().get() == null ? null
                        : vm.attemptedProperty().get() || !vm.applyDisabledReasonProperty().get().startsWith("Fix")
                        ? vm.applyDisabledReasonProperty().get() : null,
                vm.applyDisabledReasonProperty(), vm.attemptedProperty(), vm.phaseProperty()));
        Label result = new Label();
        result.setId("association-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        Button review = new Button("Review calls\u2026", new FontIcon(MaterialDesignA.ARROW_RIGHT));
        review.setId("review-association");
        review.getStyleClass().add(Styles.ACCENT);
        review.setDefaultButton(true);
        // enabled with field problems: pressing it is the attempt to continue that shows every field's message
        review.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.applyDisabledReasonProperty().get()
                != null && !vm.applyDisabledReasonProperty().get().startsWith("Fix"), vm.applyDisabledReasonProperty()));
        review.setOnAction(e -> vm.review());
        showIn(review, NewAssociationModel.Phase.EDIT);
        Button back = new Button("Back", new FontIcon(MaterialDesignA.ARROW_LEFT));
        back.setId("back-to-fields");
        back.setOnAction(e -> vm.back());
        showIn(back, NewAssociationModel.Phase.CONFIRM);
        Button apply = new Button("Create association", new FontIcon(MaterialDesignL.LINK_VARIANT_PLUS));
        apply.setId("create-association");
        apply.getStyleClass().add(Styles.DANGER);
        apply.setOnAction(e -> vm.apply());
        apply.visibleProperty().bind(vm.phaseProperty().isEqualTo(NewAssociationModel.Phase.CONFIRM)
                .or(vm.phaseProperty().isEqualTo(NewAssociationModel.Phase.APPLYING)));
        apply.managedProperty().bind(apply.visibleProperty());
        apply.disableProperty().bind(vm.applyingProperty());
        Button closeButton = new Button("Close");
        closeButton.setId("close-association");
        closeButton.setOnAction(e -> close.run());
        closeButton.disableProperty().bind(vm.applyingProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox.setHgrow(reason, Priority.SOMETIMES);
        HBox.setHgrow(result, Priority.SOMETIMES);
        result.setMinWidth(80);
        reason.setMinWidth(80);
        ConversionWizardView.keepLabelWhole(review, back, apply, closeButton);
        HBox bar = new HBox(10, result, grow, reason, back, review, apply, closeButton);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(10, 0, 0, 0));
        setBottom(bar);
    }

    private void showIn(Button b, NewAssociationModel.Phase p) {
        b.visibleProperty().bind(vm.phaseProperty().isEqualTo(p));
        b.managedProperty().bind(b.visibleProperty());
    }

    /** A service account of the picked namespace with its identity today; an associated one is flagged. */
    private final class ServiceAccountCell extends javafx.scene.control.ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            String ns = vm.namespaceProperty().get().strip();
            setText(empty || item == null ? null : vm.serviceAccountListText(ns, item));
            pseudoClassStateChanged(Styles.STATE_WARNING, !empty && item != null
                    && vm.serviceAccountAssociated(ns, item));
        }
    }

    private TableView<NewAssociationModel.RoleOption> roleTable() {
        TableView<NewAssociationModel.RoleOption> table = new TableView<>();
        table.setId("role-table");
        table.setPrefHeight(170);
        table.getItems().setAll(vm.roles());
        TableColumn<NewAssociationModel.RoleOption, String> arn = new TableColumn<>("Role");
        arn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().arn()));
        arn.setPrefWidth(520);
        TableColumn<NewAssociationModel.RoleOption, String> trusts = new TableColumn<>("Trusts Pod Identity");
        trusts.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().trustsPodIdentity() ? "yes"
                : "no \u2014 trust can be added"));
        trusts.setPrefWidth(200);
        table.getColumns().add(arn);
        table.getColumns().add(trusts);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.roleArnProperty().set(b.arn());
            }
        });
        return table;
    }

    /**
     * Adds a labelled field with its message line under it: the error (red) once the field was edited or the user
     * tried to continue, else the note. The line keeps its height when empty, so fields never move as errors clear.
     */
    private int field(GridPane form, int row, String label, Node control, TextInputControl input,
                      ReadOnlyStringProperty error, ReadOnlyStringProperty note) {
        Label l = new Label(label);
        form.add(l, 0, row);
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        VBox box = new VBox(2, control);
        if (error != null || note != null) {
            BooleanProperty touched = new SimpleBooleanProperty(input != null && !input.getText().isEmpty());
            if (input != null) {
                input.textProperty().addListener((o, a, b) -> touched.set(true));
            }
            StringBinding shown = Bindings.createStringBinding(() -> error != null && error.get() != null
                    && (touched.get() || vm.attemptedProperty().get()) ? error.get() : null,
                    error == null ? touched : error, touched, vm.attemptedProperty());
            Label e = new Label();
            e.setId(control.getId() + "-error");
            e.setWrapText(true);
            e.setStyle("-fx-text-fill: -color-danger-fg;");
            e.textProperty().bind(Bindings.createStringBinding(() -> shown.get() == null ? "" : shown.get(), shown));
            e.setMinHeight(Region.USE_PREF_SIZE);
            javafx.scene.layout.StackPane line = new javafx.scene.layout.StackPane(e);
            line.setAlignment(Pos.TOP_LEFT);
            if (note != null) {
                Label n = muted("");
                n.setId(control.getId() + "-note");
                n.textProperty().bind(note);
                n.visibleProperty().bind(shown.isNull().and(note.isNotNull()));
                line.getChildren().add(n);
            }
            if (input != null) {
                shown.addListener((o, a, b) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, b != null));
            }
            box.getChildren().add(line);
        }
        form.add(box, 1, row);
        return row + 1;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
