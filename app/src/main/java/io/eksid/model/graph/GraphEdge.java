package io.eksid.model.graph;

import java.util.Objects;

/**
 * A typed, directed edge. Structural edges (contains, owned-by, runs-as) are always {@link EdgeStatus#OK};
 * mapping edges carry the status of the mapping and the reason behind it.
 */
public record GraphEdge(String id, EdgeKind kind, String from, String to, EdgeStatus status, String reason) {

    public GraphEdge {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(status, "status");
        if (id == null) {
            id = idOf(kind, from, to);
        }
        reason = reason == null ? "" : reason;
    }

    public static GraphEdge structural(EdgeKind kind, String from, String to) {
        return new GraphEdge(null, kind, from, to, EdgeStatus.OK, "");
    }

    public static GraphEdge mapping(EdgeKind kind, String from, String to, MappingCheck check) {
        return new GraphEdge(null, kind, from, to, check.status(), check.reason());
    }

    /** Stable edge id: kind, source and target; there is at most one edge of a kind between two nodes. */
    public static String idOf(EdgeKind kind, String from, String to) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + from + "->" + to;
    }
}
