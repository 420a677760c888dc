package io.eksid.ui.tables;

import io.eksid.engine.settings.TableLayoutStore;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.scene.control.TableView;
import javafx.util.Duration;

/**
 * Remembers each table's column choices: restores them when the window opens, and saves a table's layout in the
 * background once the user has stopped dragging or clicking for a moment (a column drag changes its width many
 * times a second).
 */
public final class ColumnChoices {

    private final TableLayoutStore store;
    private final Executor background;
    private final Consumer<String> onProblem;

    public ColumnChoices(TableLayoutStore store, Executor background, Consumer<String> onProblem) {
        this.store = store;
        this.background = background;
        this.onProblem = onProblem;
    }

    /** Call on the FX thread, with the tables by a stable name each. */
    public void attach(Map<String, TableView<?>> tables, Map<String, TableLayoutStore.Layout> saved) {
        tables.forEach((name, table) -> {
            TableLayoutStore.Layout layout = saved.get(name);
            if (layout != null) {
                ColumnMemory.apply(table, layout);
            }
            PauseTransition quiet = new PauseTransition(Duration.millis(600));
            TableLayoutStore.Layout[] latest = new TableLayoutStore.Layout[1];
            quiet.setOnFinished(e -> {
                TableLayoutStore.Layout toSave = latest[0];
                background.execute(() -> {
                    try {
                        store.save(name, toSave);
                    } catch (IOException ex) {
                        onProblem.accept("Could not save the columns of the " + name + " table: " + ex.getMessage());
                    }
                });
            });
            ColumnMemory.watch(table, l -> {
                latest[0] = l;
                quiet.playFromStart();
            });
        });
    }

    /** Loads the saved layouts (call in the background); an unreadable file is reported and none are restored. */
    public Map<String, TableLayoutStore.Layout> load() {
        try {
            return store.load();
        } catch (IOException e) {
            onProblem.accept(e.getMessage());
            return Map.of();
        }
    }
}
