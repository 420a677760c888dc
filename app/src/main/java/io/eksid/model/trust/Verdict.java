package io.eksid.model.trust;

/** The answer to "may this principal assume the role?". */
public enum Verdict {
    /** An Allow statement matches and no Deny statement does. */
    ALLOWED,
    /** A Deny statement matches; explicit denies win over any Allow. */
    EXPLICIT_DENY,
    /** No Allow statement matches (the implicit deny). */
    NO_MATCHING_ALLOW,
    /**
     * The outcome depends on something the evaluator cannot decide: an operator it does not know, or a request
     * value (session name, source IP, session tag) the question does not fix. Never reported as allowed.
     */
    UNPROVABLE
}
