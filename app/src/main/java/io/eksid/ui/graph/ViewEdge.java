package io.eksid.ui.graph;

import java.util.Objects;

/** An edge as the graph view shows it; {@code tooltip} explains it (the evaluator's reason for broken ones). */
public record ViewEdge(String from, String to, EdgeStyle style, String tooltip) {

    public ViewEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(style, "style");
        tooltip = tooltip == null ? "" : tooltip;
    }
}
