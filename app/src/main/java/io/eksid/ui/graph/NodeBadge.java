package io.eksid.ui.graph;

/** Small markers drawn on a node's right edge. */
public enum NodeBadge {
    /** Pods run on credentials that differ from what a new pod would get. */
    STALE,
    /** Pod Identity cannot work here (Fargate, Windows). */
    UNSUPPORTED,
    /** A finding of warning severity or worse is about this node. */
    PROBLEM,
    /** Convertible from IRSA to Pod Identity. */
    CONVERTIBLE,
    /** Converted: the association works; the old IRSA annotation can be removed. */
    CLEAN_UP
}
