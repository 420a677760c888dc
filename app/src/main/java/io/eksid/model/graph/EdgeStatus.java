package io.eksid.model.graph;

/** Whether a mapping edge works, as far as the snapshot can prove. */
public enum EdgeStatus {
    /** Works: the trust allows it and everything it needs exists. */
    OK,
    /** Cannot work; the edge's reason says why (trust denies, role or provider missing, malformed ARN, ...). */
    BROKEN,
    /** IRSA annotation on a service account that also has a Pod Identity association: Pod Identity wins. */
    SHADOWED,
    /** Neither provable nor disprovable from what was read (role unreadable, condition we cannot evaluate). */
    UNPROVABLE
}
