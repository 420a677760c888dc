package io.eksid.ui;

import io.eksid.ui.inspector.PermissionsModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The "Who can…?" panel under the graph: action and resource, the answer list (selecting a line selects its node),
 * and a close button that ends the query.
 */
public final class WhoCanView extends VBox {

    private final ComboBox<String> action = new ComboBox<>();
    private final TextField resource = new TextField();

    public WhoCanView(WhoCanViewModel vm, StringProperty selectedNodeId, Runnable onClose) {
        super(6);
        setId("who-can");
        setPadding(new Insets(8));
        getStyleClass().add("who-can");
        Label title = new Label("Who can\u2026?", new FontIcon(MaterialDesignA.ACCOUNT_SEARCH));
        title.setStyle("-fx-font-weight: bold;");
        action.setId("who-can-action");
        action.setEditable(true);
        action.getItems().setAll(PermissionsModel.COMMON_ACTIONS);
        action.setPromptText("s3:GetObject");
        action.setPrefWidth(220);
        action.getEditor().textProperty().bindBidirectional(vm.actionProperty());
        resource.setId("who-can-resource");
        resource.setPromptText("arn:aws:s3:::bucket/prefix/key");
        resource.textProperty().bindBidirectional(vm.resourceProperty());
        HBox.setHgrow(resource, Priority.ALWAYS);
        Button run = new Button("Ask");
        run.setId("who-can-run");
        run.setDefaultButton(false);
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run());
        resource.setOnAction(e -> vm.run());
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.setId("who-can-close");
        close.setOnAction(e -> {
            vm.clear();
            onClose.run();
        });
        HBox query = new HBox(8, title, action, resource, run, close);
        query.setAlignment(Pos.CENTER_LEFT);
        Label summary = new Label();
        summary.setId("who-can-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());

        TableView<WhoCanViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("who-can-results");
        table.setPlaceholder(new Label("Ask which service accounts and pods may call an action on a resource."));
        table.getColumns().add(column("Decision", WhoCanViewModel.Row::decision, 120));
        table.getColumns().add(column("Service account / pod", r -> (r.pod() ? "    pod " : "") + r.subject(), 280));
        table.getColumns().add(column("Mechanism", WhoCanViewModel.Row::mechanism, 110));
        table.getColumns().add(column("Why", WhoCanViewModel.Row::reason, 700));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(WhoCanViewModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("who-can-allowed", "who-can-denied", "who-can-unknown");
                if (item != null && !empty) {
                    getStyleClass().add(item.decision().equals("ALLOWED") ? "who-can-allowed"
                            : item.decision().equals("UNKNOWN") ? "who-can-unknown" : "who-can-denied");
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                selectedNodeId.set(row.nodeId());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(query, summary, table);
    }

    /** Puts the caret in the action field. */
    public void focusQuery() {
        action.requestFocus();
    }

    private static TableColumn<WhoCanViewModel.Row, String> column(String name,
            java.util.function.Function<WhoCanViewModel.Row, String> value, double width) {
        TableColumn<WhoCanViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
