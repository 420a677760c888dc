package io.eksid.model.trust;

/**
 * An IRSA {@code :sub} pattern that admits more than one service account.
 *
 * @param statementIndex 0-based statement index
 * @param issuer         the issuer host/path from the condition key (without {@code :sub})
 * @param operator       the condition operator as written, e.g. {@code StringLike}
 * @param pattern        the pattern, e.g. {@code system:serviceaccount:pay:*}
 * @param namespace      the one namespace the pattern is limited to, or null when it spans namespaces
 */
public record WildcardTrust(int statementIndex, String issuer, String operator, String pattern, Scope scope,
                            String namespace) {

    /** How much the pattern admits. */
    public enum Scope {
        /** Every service account of the cluster: {@code *}, {@code system:serviceaccount:*}, ...{@code :*:*}. */
        WHOLE_CLUSTER,
        /** Several namespaces, e.g. {@code system:serviceaccount:team-*:app}. */
        SOME_NAMESPACES,
        /** Every service account of one namespace: {@code system:serviceaccount:pay:*}. */
        WHOLE_NAMESPACE,
        /** Several service accounts of one namespace, e.g. {@code system:serviceaccount:pay:api-*}. */
        SOME_SERVICE_ACCOUNTS
    }
}
