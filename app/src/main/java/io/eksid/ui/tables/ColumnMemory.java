package io.eksid.ui.tables;

import io.eksid.engine.settings.TableLayoutStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Reads a table's column choices into a layout, puts a saved layout back, and reports each change the user makes. */
public final class ColumnMemory {

    private ColumnMemory() {
    }

    public static TableLayoutStore.Layout capture(TableView<?> table) {
        List<TableLayoutStore.Column> columns = new ArrayList<>();
        for (TableColumn<?, ?> c : table.getColumns()) {
            columns.add(new TableLayoutStore.Column(c.getText(), c.getWidth() > 0 ? c.getWidth() : c.getPrefWidth(),
                    c.isVisible(), table.getSortOrder().contains(c) ? c.getSortType().name() : null));
        }
        List<String> sort = new ArrayList<>();
        for (TableColumn<?, ?> c : table.getSortOrder()) {
            sort.add(c.getText());
        }
        return new TableLayoutStore.Layout(columns, sort);
    }

    /** Applies a saved layout; columns it does not name keep their place after the named ones. */
    public static <R> void apply(TableView<R> table, TableLayoutStore.Layout layout) {
        Map<String, TableColumn<R, ?>> byTitle = new HashMap<>();
        for (TableColumn<R, ?> c : table.getColumns()) {
            byTitle.put(c.getText(), c);
        }
        List<TableColumn<R, ?>> order = new ArrayList<>();
        for (TableLayoutStore.Column saved : layout.columns()) {
            TableColumn<R, ?> c = byTitle.remove(saved.title());
            if (c != null) {
                c.setPrefWidth(Math.max(c.getMinWidth(), saved.width()));
                c.setVisible(saved.visible());
                if (saved.sort() != null) {
                    c.setSortType(TableColumn.SortType.valueOf(saved.sort()));
                }
                order.add(c);
            }
        }
        for (TableColumn<R, ?> c : table.getColumns()) {
            if (!order.contains(c)) {
                order.add(c);
            }
        }
        table.getColumns().setAll(order);
        List<TableColumn<R, ?>> sort = new ArrayList<>();
        for (String title : layout.sortOrder()) {
            for (TableColumn<R, ?> c : order) {
                if (c.getText().equals(title)) {
                    sort.add(c);
                }
            }
        }
        table.getSortOrder().setAll(sort);
    }

    /** Calls {@code changed} with the new layout whenever order, width, visibility or sort changes. */
    public static void watch(TableView<?> table, Consumer<TableLayoutStore.Layout> changed) {
        InvalidationListener l = o -> changed.accept(capture(table));
        table.getColumns().addListener(l);
        table.getSortOrder().addListener(l);
        for (TableColumn<?, ?> c : table.getColumns()) {
            c.widthProperty().addListener(l);
            c.visibleProperty().addListener(l);
            c.sortTypeProperty().addListener(l);
        }
    }
}
