package io.eksid.model.graph;

import java.util.Objects;

/**
 * A node of the identity graph. Its id is stable across snapshots (derived from names and ARNs only), so a view
 * can keep the positions of unchanged nodes between updates.
 *
 * @param exists false for a placeholder: something referenced (by a pod, an annotation or an association) that
 *               the snapshot does not contain
 */
public record GraphNode(String id, NodeKind kind, String label, boolean exists) {

    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
    }
}
