package io.eksid.model.graph;

/** What the snapshot knows about a role that a service account or association refers to. */
public enum RoleAvailability {
    /** Read with GetRole; the trust policy is available. */
    READ,
    /** IAM says NoSuchEntity: the role does not exist. */
    MISSING,
    /** Referenced but not readable (AccessDenied, another account): nothing can be proved either way. */
    UNREADABLE,
    /** Referenced but not looked up in this snapshot. */
    NOT_READ,
    /** The reference is not a role ARN at all. */
    MALFORMED_ARN
}
