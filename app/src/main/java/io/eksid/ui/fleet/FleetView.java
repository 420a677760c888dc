package io.eksid.ui.fleet;

import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * The Fleet view: every context in one sortable, filterable table with the scan's progress; a click on a
 * context opens it, "Convert IRSA…" on a row opens that cluster's conversion preview, and a failed row says why
 * and what to do.
 */
public final class FleetView extends BorderPane {

    private final TableView<FleetRow> table = new TableView<>();

    /**
     * @param open    opens a context in the cluster view
     * @param convert opens a context's conversion preview
     */
    public FleetView(FleetViewModel vm, Consumer<String> open, Consumer<String> convert) {
        setId("fleet-view");
        Label title = new Label("Fleet", new FontIcon(MaterialDesignV.VIEW_GRID_OUTLINE));
        title.getStyleClass().add("title-4");
        Button refresh = new Button("Scan all", new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("fleet-refresh");
        refresh.setTooltip(new Tooltip("Scan every context of every kubeconfig file again"));
        refresh.disableProperty().bind(vm.runningProperty());
        refresh.setOnAction(e -> vm.refresh());
        TextField filter = new TextField();
        filter.setId("fleet-filter");
        filter.setPromptText("Filter contexts, accounts, regions, states\u2026");
        filter.setPrefWidth(300);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("fleet-progress");
        bar.setPrefWidth(160);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        Label summary = new Label();
        summary.setId("fleet-summary");
        summary.textProperty().bind(vm.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, title, filter, spacer, bar, summary, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setStyle("-fx-padding: 8 10 8 10;");
        setTop(top);

        table.setId("fleet-table");
        SortedList<FleetRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("No contexts yet: \u201cScan all\u201d reads every kubeconfig file"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(stateColumn());
        table.getColumns().add(contextColumn(open));
        table.getColumns().add(convertColumn(convert));
        table.getColumns().add(text("Account", FleetRow::account, 124));
        table.getColumns().add(text("Region", FleetRow::region, 88));
        table.getColumns().add(text("Version", FleetRow::version, 70));
        table.getColumns().add(number("IRSA", FleetRow::irsaMappings, "IRSA mappings"));
        table.getColumns().add(number("Assoc", FleetRow::associations, "Pod Identity associations"));
        table.getColumns().add(number("Conv", FleetRow::convertible, "IRSA mappings a conversion can take on"));
        table.getColumns().add(number("Crit", FleetRow::critical, "Critical findings"));
        table.getColumns().add(number("Err", FleetRow::errors, "Error findings"));
        table.getColumns().add(number("Warn", FleetRow::warnings, "Warning findings"));
        table.getColumns().add(number("Info", FleetRow::infos, "Info findings"));
        table.getColumns().add(number("Stale", FleetRow::stalePods, "Pods still on credentials of an older mapping"));
        table.getColumns().add(text("Agent", FleetRow::agent, 74));
        TableColumn<FleetRow, String> why = text("Fix / why", r -> r.fix().isEmpty() ? r.reason()
                : r.fix() + (r.reason().isEmpty() ? "" : " \u2014 " + r.reason()), 260);
        why.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        table.getColumns().add(why);
        table.setRowFactory(t -> {
            TableRow<FleetRow> row = new TableRow<>();
            MenuItem openItem = new MenuItem("Open cluster");
            openItem.setOnAction(e -> open.accept(row.getItem().context()));
            MenuItem convertItem = new MenuItem("Convert IRSA\u2026");
            convertItem.setOnAction(e -> convert.accept(row.getItem().context()));
            ContextMenu menu = new ContextMenu(openItem, convertItem);
            row.itemProperty().addListener((o, a, item) -> {
                row.setContextMenu(item == null ? null : menu);
                convertItem.setDisable(item == null || !item.canConvert());
                row.getStyleClass().removeIf(c -> c.startsWith("fleet-"));
                if (item != null) {
                    row.getStyleClass().add("fleet-" + item.state().name().toLowerCase(java.util.Locale.ROOT));
                }
            });
            return row;
        });
        setCenter(table);
        Label detail = new Label("Select a row for its details");
        detail.setId("fleet-detail");
        detail.setWrapText(true);
        detail.setStyle("-fx-padding: 6 10 8 10;");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> detail.setText(r == null
                ? "Select a row for its details" : detailOf(r)));
        setBottom(detail);
    }

    /** The selected row in words: its state, why it is not OK and what to do. */
    static String detailOf(FleetRow r) {
        StringBuilder sb = new StringBuilder(r.context()).append(": ").append(r.state().label());
        if (!r.reason().isEmpty()) {
            sb.append(" \u2014 ").append(r.reason());
        }
        if (!r.fix().isEmpty()) {
            sb.append("\nFix: ").append(r.fix());
        }
        return sb.toString();
    }

    public TableView<FleetRow> table() {
        return table;
    }

    private static TableColumn<FleetRow, FleetRow.State> stateColumn() {
        TableColumn<FleetRow, FleetRow.State> c = new TableColumn<>("Status");
        c.setId("fleet-col-status");
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(d.getValue().state()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(FleetRow.State s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeIf(x -> x.startsWith("state-"));
                setText(empty || s == null ? null : s.label());
                if (!empty && s != null) {
                    getStyleClass().add(switch (s) {
                        case OK -> "state-live";
                        case DEGRADED -> "state-degraded";
                        case FAILED -> "state-error";
                        default -> "state-connecting";
                    });
                }
            }
        });
        c.setPrefWidth(76);
        c.setMinWidth(76);
        return c;
    }

    private static TableColumn<FleetRow, String> contextColumn(Consumer<String> open) {
        TableColumn<FleetRow, String> c = new TableColumn<>("Context");
        c.setId("fleet-col-context");
        c.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().context()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Hyperlink link = new Hyperlink();

            {
                link.setOnAction(e -> open.accept(link.getText()));
                link.getStyleClass().add("fleet-context-link");
            }

            @Override
            protected void updateItem(String context, boolean empty) {
                super.updateItem(context, empty);
                link.setText(context);
                setGraphic(empty || context == null ? null : link);
                setText(null);
            }
        });
        c.setPrefWidth(140);
        c.setMinWidth(120);
        return c;
    }

    private static TableColumn<FleetRow, FleetRow> convertColumn(Consumer<String> convert) {
        TableColumn<FleetRow, FleetRow> c = new TableColumn<>("");
        c.setId("fleet-col-convert");
        c.setSortable(false);
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Button button = new Button("Convert IRSA\u2026", new FontIcon(MaterialDesignS.SWAP_HORIZONTAL));

            {
                button.getStyleClass().add("small");
                // The icon alone fits the row; the text stays for screen readers and the tooltip says it.
                button.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
                button.setTooltip(new Tooltip("Convert IRSA\u2026: preview this cluster's conversion to Pod Identity"));
                button.setOnAction(e -> convert.accept(getItem().context()));
            }

            @Override
            protected void updateItem(FleetRow row, boolean empty) {
                super.updateItem(row, empty);
                setGraphic(empty || row == null || !row.canConvert() ? null : button);
                setText(null);
            }
        });
        c.setPrefWidth(48);
        c.setMinWidth(48);
        return c;
    }

    private static TableColumn<FleetRow, String> text(String name, Function<FleetRow, String> value, double width) {
        TableColumn<FleetRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 124));
        return c;
    }

    private static TableColumn<FleetRow, Integer> number(String name, Function<FleetRow, Integer> value,
                                                         String tooltip) {
        TableColumn<FleetRow, Integer> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(value.apply(d.getValue())));
        c.setPrefWidth(Math.max(46, name.length() * 9 + 20));
        c.setMinWidth(c.getPrefWidth());
        c.setUserData(tooltip); // the header's meaning, for the column menu and tests
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }
}
