package io.eksid.ui.tables;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A sortable table with a filter field, whose selection is shared with the graph through a node-id property:
 * selecting a row selects the node, selecting a node elsewhere selects its row.
 */
public final class FilterableTable<R> extends BorderPane {

    private final ObservableList<R> items = FXCollections.observableArrayList();
    private final FilteredList<R> filtered = new FilteredList<>(items);
    private final TableView<R> table = new TableView<>();
    private final TextField filter = new TextField();
    private final Label count = new Label();
    private final Function<R, String> nodeIdOf;
    private final Function<R, String> searchText;
    private boolean syncing;

    public FilterableTable(String id, Function<R, String> nodeIdOf, Function<R, String> searchText,
                           StringProperty selectedNodeId) {
        this.nodeIdOf = Objects.requireNonNull(nodeIdOf);
        this.searchText = Objects.requireNonNull(searchText);
        setId(id);
        table.setId(id + "-table");
        SortedList<R> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing to show"));
        filter.setPromptText("Filter");
        filter.setId(id + "-filter");
        filter.textProperty().addListener((o, a, b) -> applyFilter(b));
        HBox top = new HBox(8, filter, count);
        HBox.setHgrow(filter, Priority.ALWAYS);
        top.setStyle("-fx-padding: 6 8 6 8; -fx-alignment: center-left;");
        setTop(top);
        setCenter(table);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && !syncing) {
                syncing = true;
                selectedNodeId.set(nodeIdOf.apply(b));
                syncing = false;
            }
        });
        selectedNodeId.addListener((o, a, b) -> select(b));
        filtered.addListener((javafx.collections.ListChangeListener<R>) c -> updateCount());
    }

    private void applyFilter(String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        filtered.setPredicate(q.isEmpty() ? null : r -> searchText.apply(r).toLowerCase(Locale.ROOT).contains(q));
    }

    private void updateCount() {
        count.setText(filtered.size() == items.size() ? items.size() + " rows"
                : filtered.size() + " of " + items.size() + " rows");
    }

    private void select(String nodeId) {
        if (syncing || nodeId == null) {
            return;
        }
        syncing = true;
        for (R r : table.getItems()) {
            if (nodeId.equals(nodeIdOf.apply(r))) {
                table.getSelectionModel().select(r);
                table.scrollTo(r);
                break;
            }
        }
        syncing = false;
    }

    /** Replaces the rows, keeping sort order, filter and (where the row still exists) selection. */
    public void setRows(List<R> rows) {
        if (items.equals(rows)) {
            return; // live updates that change no row must not re-render the table
        }
        R selected = table.getSelectionModel().getSelectedItem();
        String selectedId = selected == null ? null : nodeIdOf.apply(selected);
        syncing = true;
        items.setAll(rows);
        syncing = false;
        updateCount();
        if (selectedId != null) {
            select(selectedId);
        }
    }

    public <V> TableColumn<R, V> column(String title, Function<R, V> value, double width) {
        TableColumn<R, V> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        keepHeaderReadable(c);
        table.getColumns().add(c);
        return c;
    }

    /** A text column; a cell cut short by the column's width shows its whole text on hover. */
    public TableColumn<R, String> text(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        keepHeaderReadable(c);
        c.setCellFactory(col -> new TableCell<>() {
            // one tooltip per cell, reused: cells are recycled, and live updates re-render them many times a second
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                boolean has = !empty && item != null && !item.isEmpty();
                if (has) {
                    tip.setText(item);
                }
                if (has != (getTooltip() != null)) {
                    setTooltip(has ? tip : null);
                }
            }
        });
        table.getColumns().add(c);
        return c;
    }

    /**
     * A text column whose cells wrap onto as many lines as the text needs: the whole of a finding's message
     * reads without widening anything.
     */
    public TableColumn<R, String> wrapped(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        keepHeaderReadable(c);
        c.setCellFactory(col -> new TableCell<>() {
            private final Text text = new Text();

            {
                text.getStyleClass().add("wrapped-cell-text");
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
                setPrefHeight(Control.USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                text.setText(empty || item == null ? "" : io.eksid.ui.inspector.ArnText.breakable(item));
                setGraphic(empty || item == null ? null : text);
            }
        });
        table.getColumns().add(c);
        return c;
    }

    /** A column never gets narrower than its title: "Pods" and "Stale" must not become two blank headers. */
    private static void keepHeaderReadable(TableColumn<?, ?> c) {
        c.setMinWidth(Math.max(c.getMinWidth(), c.getText().length() * 8.0 + 24));
    }

    public TableView<R> table() {
        return table;
    }

    public ObservableList<R> items() {
        return items;
    }

    public TextField filterField() {
        return filter;
    }
}
