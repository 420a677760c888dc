package io.eksid.ui;

import io.eksid.ui.graph.ViewGraphBuilder;
import java.util.Objects;
import java.util.Set;

/**
 * What the user chose to see, as one value the presentation is computed from.
 *
 * @param expanded   namespaces and workloads opened in the graph
 * @param autoExpand true until the user expands or collapses something: every namespace opens as it appears while
 *                   the whole graph stays readable
 * @param aspect     the graph viewport's width / height, which the namespaces are packed to match (0: unknown)
 */
public record ViewOptions(Set<String> expanded, ViewGraphBuilder.Filter filter, boolean autoExpand, double aspect) {

    public ViewOptions(Set<String> expanded, ViewGraphBuilder.Filter filter, boolean autoExpand) {
        this(expanded, filter, autoExpand, 0);
    }

    public ViewOptions withAspect(double newAspect) {
        return newAspect == aspect ? this : new ViewOptions(expanded, filter, autoExpand, newAspect);
    }

    public ViewOptions {
        expanded = Set.copyOf(expanded);
        Objects.requireNonNull(filter, "filter");
    }

    public static final ViewOptions INITIAL = new ViewOptions(Set.of(), ViewGraphBuilder.Filter.ALL, true);
}
