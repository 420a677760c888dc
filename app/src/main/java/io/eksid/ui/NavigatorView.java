package io.eksid.ui;

import io.eksid.engine.live.ContextInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The left navigator: kubeconfig contexts grouped by the file that defines them, the connection state of the
 * current one, its AWS profile and region, and "Open sandbox".
 */
public final class NavigatorView extends VBox {

    private final TreeView<Object> tree = new TreeView<>();
    private final Label state = new Label();
    private final Label aws = new Label();
    /** The tree's root: the Fleet view of every context. */
    static final String FLEET = "Fleet \u00b7 all contexts";
    private Runnable onFleet = () -> { };
    private Runnable onContext = () -> { };
    private final Button openSandbox = new Button("Open sandbox", new FontIcon(MaterialDesignT.TEST_TUBE));

    public NavigatorView(MainViewModel vm, Runnable openSandboxAction) {
        getStyleClass().add("navigator");
        setId("navigator");
        setPrefWidth(215);
        setMinWidth(180);
        Label title = new Label("CONTEXTS");
        title.getStyleClass().add("section-title");
        tree.setShowRoot(false);
        tree.setId("context-tree");
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                } else if (FLEET.equals(item)) {
                    setText(FLEET);
                    setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignV.VIEW_GRID_OUTLINE));
                    setTooltip(null);
                } else if (item instanceof ContextInfo c) {
                    setText(c.name());
                    setGraphic(new FontIcon(MaterialDesignK.KUBERNETES));
                    setTooltip(new javafx.scene.control.Tooltip(c.server() + (c.hint().isEmpty() ? ""
                            : "\n" + c.hint())));
                } else {
                    setText(String.valueOf(item));
                    setGraphic(new FontIcon(MaterialDesignF.FILE_OUTLINE));
                }
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.getValue() instanceof ContextInfo c) {
                vm.connect(c.name());
                onContext.run();
            } else if (b != null && FLEET.equals(b.getValue())) {
                onFleet.run();
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        Label stateTitle = new Label("CONNECTION");
        stateTitle.getStyleClass().add("section-title");
        state.setWrapText(true);
        state.setId("connection-state");
        state.textProperty().bind(vm.connectionSummaryProperty());
        vm.connectionStateProperty().addListener((o, a, b) -> styleState(b));
        styleState(vm.connectionStateProperty().get());
        aws.setWrapText(true);
        aws.setId("aws-profile");
        vm.stateProperty().addListener((o, a, s) -> aws.setText(s == null ? "" : awsLine(s)));
        openSandbox.setId("open-sandbox");
        openSandbox.setMaxWidth(Double.MAX_VALUE);
        openSandbox.setOnAction(e -> openSandboxAction.run());
        Button signIn = new Button("Sign in to AWS (SSO)\u2026", new FontIcon(MaterialDesignK.KEY_OUTLINE));
        signIn.setId("sso-sign-in");
        signIn.setMaxWidth(Double.MAX_VALUE);
        signIn.setOnAction(e -> vm.ssoSignIn().signIn());
        // Offered when a source says its IAM Identity Center session is missing or expired.
        vm.stateProperty().addListener((o, a, st) -> {
            boolean needed = st != null && st.sources().stream().anyMatch(src -> src.reason().contains("SSO"));
            signIn.setVisible(needed);
            signIn.setManaged(needed);
        });
        signIn.setVisible(false);
        signIn.setManaged(false);
        Label signInMessage = new Label();
        signInMessage.setWrapText(true);
        signInMessage.setId("sso-sign-in-message");
        signInMessage.textProperty().bind(vm.ssoSignIn().messageProperty());
        signInMessage.managedProperty().bind(vm.ssoSignIn().messageProperty().isNotEmpty());
        VBox stateBox = new VBox(4, state, aws, signIn, signInMessage, openSandbox);
        stateBox.setStyle("-fx-padding: 0 8 10 8;");
        getChildren().addAll(title, tree, stateTitle, stateBox);
        vm.contexts().addListener((ListChangeListener<ContextInfo>) c -> rebuild(vm.contexts(),
                vm.currentContextProperty().get()));
        vm.currentContextProperty().addListener((o, a, b) -> select(b));
    }

    /** What selecting the tree's root (Fleet) and selecting a context do besides connecting. */
    public void setOnFleet(Runnable fleet, Runnable context) {
        this.onFleet = java.util.Objects.requireNonNull(fleet);
        this.onContext = java.util.Objects.requireNonNull(context);
        tree.setShowRoot(true);
    }

    /** Selects the Fleet root (the Fleet view is showing). */
    public void selectFleet() {
        if (tree.getRoot() != null) {
            tree.getSelectionModel().select(tree.getRoot());
        }
    }

    private void styleState(io.eksid.model.store.SourceState s) {
        state.getStyleClass().removeIf(c -> c.startsWith("state-"));
        state.getStyleClass().add("state-" + s.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void rebuild(List<ContextInfo> contexts, String current) {
        TreeItem<Object> root = new TreeItem<>(FLEET);
        root.setExpanded(true);
        Map<Path, TreeItem<Object>> files = new LinkedHashMap<>();
        for (ContextInfo c : contexts) {
            TreeItem<Object> file = files.computeIfAbsent(c.file(), f -> {
                TreeItem<Object> item = new TreeItem<>(f == null ? "(unknown file)" : f.getFileName().toString());
                item.setExpanded(true);
                root.getChildren().add(item);
                return item;
            });
            file.getChildren().add(new TreeItem<>(c));
        }
        tree.setRoot(root);
        select(current);
    }

    private void select(String contextName) {
        if (tree.getRoot() == null || contextName == null) {
            return;
        }
        for (TreeItem<Object> file : tree.getRoot().getChildren()) {
            for (TreeItem<Object> item : file.getChildren()) {
                if (item.getValue() instanceof ContextInfo c && c.name().equals(contextName)) {
                    tree.getSelectionModel().select(item);
                    return;
                }
            }
        }
    }

    /** "AWS: account 1111… · us-west-2", or what is not known yet instead of blanks. */
    private static String awsLine(io.eksid.engine.live.IdentityState s) {
        var c = s.snapshot().cluster();
        boolean known = c.account() != null && !c.account().isBlank() && c.region() != null && !c.region().isBlank();
        return (known ? "AWS: account " + c.account() + " \u00b7 " + c.region() : "AWS: account not read yet")
                + (s.lastAwsRefresh() == null ? "" : "\nAWS data from " + MainView.time(s.lastAwsRefresh()));
    }
}
