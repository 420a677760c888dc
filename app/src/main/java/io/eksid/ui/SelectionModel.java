package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The one selection the graph, the tables and the inspector share, and the search that moves it. */
public final class SelectionModel {

    private final StringProperty selectedNodeId = new SimpleStringProperty();
    private final Supplier<IdentityState> state;
    private final Consumer<String> reveal;

    /** @param reveal makes a node visible in the graph (opens its namespace) */
    public SelectionModel(Supplier<IdentityState> state, Consumer<String> reveal) {
        this.state = Objects.requireNonNull(state);
        this.reveal = Objects.requireNonNull(reveal);
    }

    /** Finds the best node for a search text and selects it (see {@link NodeSearch}). */
    public Optional<String> search(String text) {
        IdentityState s = state.get();
        Optional<String> found = s == null ? Optional.empty() : NodeSearch.best(s.graph(), text);
        found.ifPresent(id -> {
            reveal.accept(id);
            selectedNodeId.set(id);
        });
        return found;
    }

    public StringProperty selectedNodeIdProperty() {
        return selectedNodeId;
    }
}
