package io.eksid.ui.graph;

import java.util.Objects;
import java.util.Set;

/**
 * A node as the graph view shows it.
 *
 * @param id         stable id from the identity graph; positions are cached by it
 * @param group      the namespace it is drawn inside, or null for the cluster-wide columns
 * @param detail     second line (counts, role path, association id), may be empty
 * @param expandable clicking it expands or collapses it (namespaces, workloads)
 */
public record ViewNode(String id, GraphColumn column, String group, String label, String detail, NodeStyle style,
                       Set<NodeBadge> badges, boolean expandable, boolean expanded) {

    public ViewNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(label, "label");
        detail = detail == null ? "" : detail;
        badges = badges == null ? Set.of() : Set.copyOf(badges);
    }
}
