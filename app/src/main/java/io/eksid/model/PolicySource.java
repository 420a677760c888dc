package io.eksid.model;

/** Where a permission policy that takes part in a role session's decision comes from. */
public enum PolicySource {
    /** A managed policy attached to the role (its default version). */
    MANAGED,
    /** An inline policy embedded in the role. */
    INLINE,
    /** The role's permissions boundary: caps what the identity policies allow, grants nothing. */
    BOUNDARY,
    /** A session policy: the Pod Identity association's {@code policy}; caps the session, grants nothing. */
    SESSION
}
