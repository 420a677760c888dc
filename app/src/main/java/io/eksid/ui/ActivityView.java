package io.eksid.ui;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * The Activity tab: what the console did and saw, newest first; applied plans offer a rollback until they are
 * rolled back, then say so instead.
 */
public final class ActivityView extends BorderPane {

    public ActivityView(MainViewModel vm, Consumer<String> rollback) {
        this(vm.activity(), rollback);
    }

    public ActivityView(ObservableList<ActivityEntry> activity, Consumer<String> rollback) {
        setId("activity");
        TableView<ActivityEntry> table = new TableView<>(activity);
        // a rollback entry changes what its run's row offers
        activity.addListener((ListChangeListener<ActivityEntry>) c -> table.refresh());
        table.setId("activity-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ActivityEntry, String> at = new TableColumn<>("Time");
        at.setCellValueFactory(c -> new ReadOnlyStringWrapper(MainView.time(c.getValue().at())));
        at.setPrefWidth(90);
        at.setMinWidth(84);
        TableColumn<ActivityEntry, String> kind = new TableColumn<>("Kind");
        kind.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kind().name().toLowerCase(java.util.Locale.ROOT)));
        kind.setPrefWidth(110);
        kind.setMinWidth(100);
        TableColumn<ActivityEntry, String> what = new TableColumn<>("What happened");
        what.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().summary()));
        what.setCellFactory(col -> new TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.getStyleClass().add("wrapped-cell-text");
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty || item == null ? null : text);
            }
        });
        what.setPrefWidth(600);
        TableColumn<ActivityEntry, String> journal = new TableColumn<>("Journal");
        journal.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().journalId()));
        journal.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                if (empty || id == null || getTableRow() == null || getTableRow().getItem() == null
                        || getTableRow().getItem().kind() != ActivityEntry.Kind.CONVERSION) {
                    setGraphic(null);
                    setText(id);
                    return;
                }
                java.util.Optional<ActivityEntry> undone = activity.stream().filter(e -> e.kind()
                        == ActivityEntry.Kind.ROLLBACK && id.equals(e.journalId())).findFirst();
                if (undone.isPresent()) {
                    Label done = new Label("Rolled back \u00b7 " + id);
                    done.setId("rolled-back-" + id);
                    done.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
                    done.setTooltip(new Tooltip("Rolled back at " + MainView.time(undone.get().at())
                            + ": its changes were undone, nothing is left to roll back"));
                    setText(null);
                    setGraphic(done);
                    return;
                }
                Button b = new Button("Roll back " + id);
                b.setOnAction(e -> rollback.accept(id));
                setText(null);
                setGraphic(b);
            }
        });
        journal.setPrefWidth(220);
        journal.setMinWidth(200);
        table.getColumns().addAll(at, kind, what, journal);
        setCenter(table);
    }
}
