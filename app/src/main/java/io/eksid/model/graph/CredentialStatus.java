package io.eksid.model.graph;

/**
 * Whether a pod's credential variables actually get it its role: the variables are only half of a pod's identity,
 * the other half is whether the role's trust (with the pod's own session tags) admits it.
 */
public enum CredentialStatus {
    /** The role's trust admits this pod (and everything the mechanism needs is there): it gets the role. */
    WORKS,
    /** The pod carries the variables, but every credential request fails (trust refuses, role missing ...). */
    REFUSED,
    /** Neither provable nor disprovable from what was read. */
    UNPROVABLE,
    /** No role mapping to check: the node's instance role, or no AWS identity at all. */
    NOT_APPLICABLE
}
