package io.eksid.ui;

import io.eksid.model.graph.NodeIds;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.ViewGraphBuilder;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * What the graph shows: expanded namespaces and workloads, the filters, and the laid-out graph of the latest
 * presentation. A change of view asks for a new presentation; the properties are UI-thread only, and
 * {@link #options()} is their snapshot for the background.
 */
public final class GraphModel {

    private final ObservableSet<String> expanded = FXCollections.observableSet(new HashSet<>());
    private final ObjectProperty<Set<String>> namespaceFilter = new SimpleObjectProperty<>(Set.of());
    private final BooleanProperty onlyProblems = new SimpleBooleanProperty();
    private final BooleanProperty onlyIrsa = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<LaidOutGraph> graph = new ReadOnlyObjectWrapper<>(LaidOutGraph.EMPTY);
    private final IntegerProperty graphUpdates = new SimpleIntegerProperty();
    private final Runnable optionsChanged;
    /** Until the user expands or collapses something, every namespace is opened as it appears (small graphs). */
    private boolean autoExpand = true;
    /** True while a presentation's automatic expansion is copied in: it was laid out with it already. */
    private boolean applying;
    /** Written on the UI thread, read by the presentation's background computation. */
    private volatile ViewOptions options = ViewOptions.INITIAL;
    private final javafx.beans.property.DoubleProperty layoutAspect = new javafx.beans.property.SimpleDoubleProperty();
    private volatile double aspect;

    /** @param optionsChanged asks for a new presentation (UI thread) */
    public GraphModel(Runnable optionsChanged) {
        this.optionsChanged = Objects.requireNonNull(optionsChanged);
        expanded.addListener((SetChangeListener<String>) c -> changed());
        namespaceFilter.addListener((o, a, b) -> changed());
        onlyProblems.addListener((o, a, b) -> changed());
        onlyIrsa.addListener((o, a, b) -> changed());
        layoutAspect.addListener((o, a, b) -> {
            aspect = b.doubleValue();
            optionsChanged.run();
        });
    }

    /** The graph viewport's width / height, bound to the view: a new shape packs the namespaces anew. */
    public javafx.beans.property.DoubleProperty layoutAspectProperty() {
        return layoutAspect;
    }

    private void changed() {
        if (applying) {
            return;
        }
        options = new ViewOptions(expanded, new ViewGraphBuilder.Filter(namespaceFilter.get(), onlyProblems.get(),
                onlyIrsa.get()), autoExpand);
        optionsChanged.run();
    }

    /** The view as last chosen; safe to read from any thread. */
    public ViewOptions options() {
        return options.withAspect(aspect);
    }

    /** A new context: nothing shown, nothing expanded, namespaces open automatically again. */
    void reset() {
        applying = true;
        try {
            expanded.clear();
        } finally {
            applying = false;
        }
        autoExpand = true;
        graph.set(LaidOutGraph.EMPTY);
        options = new ViewOptions(Set.of(), options.filter(), true);
    }

    /** Shows a presentation's graph (UI thread). */
    void show(Presentation p) {
        if (p.autoExpandEnded() && autoExpand) {
            autoExpand = false;
            options = new ViewOptions(options.expanded(), options.filter(), false);
        } else if (autoExpand && !expanded.containsAll(p.expanded())) {
            applying = true;
            try {
                expanded.addAll(p.expanded());
            } finally {
                applying = false;
            }
            options = new ViewOptions(expanded, options.filter(), true);
        }
        graph.set(p.graph());
        graphUpdates.set(graphUpdates.get() + 1);
    }

    /** Expands or collapses a namespace or workload. */
    public void toggle(String nodeId) {
        autoExpand = false;
        if (!expanded.remove(nodeId)) {
            expanded.add(nodeId);
        }
    }

    /** Makes sure a node is visible: expands its namespace (and workload for pods). */
    public void reveal(String nodeId) {
        io.eksid.model.graph.NodeId.tryParse(nodeId).flatMap(io.eksid.model.graph.NodeId::inNamespace)
                .ifPresent(ns -> expanded.add(NodeIds.namespace(ns)));
    }

    public ObservableSet<String> expanded() {
        return expanded;
    }

    public ObjectProperty<Set<String>> namespaceFilterProperty() {
        return namespaceFilter;
    }

    public BooleanProperty onlyProblemsProperty() {
        return onlyProblems;
    }

    public BooleanProperty onlyIrsaProperty() {
        return onlyIrsa;
    }

    public ReadOnlyObjectProperty<LaidOutGraph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    public IntegerProperty graphUpdatesProperty() {
        return graphUpdates;
    }
}
