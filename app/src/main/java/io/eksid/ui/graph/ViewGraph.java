package io.eksid.ui.graph;

import java.util.List;

/** What the graph view should show now: nodes already filtered and collapsed as the user asked. */
public record ViewGraph(List<ViewNode> nodes, List<ViewEdge> edges) {

    public static final ViewGraph EMPTY = new ViewGraph(List.of(), List.of());

    public ViewGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
