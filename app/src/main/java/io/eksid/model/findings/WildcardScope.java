package io.eksid.model.findings;

import io.eksid.model.trust.WildcardTrust;

/** Words for a wildcard {@code :sub} pattern found by the trust inspector. */
final class WildcardScope {

    private WildcardScope() {
    }

    static boolean wholeCluster(WildcardTrust w) {
        return w.scope() == WildcardTrust.Scope.WHOLE_CLUSTER || w.scope() == WildcardTrust.Scope.SOME_NAMESPACES;
    }

    static String describe(WildcardTrust w) {
        String where = switch (w.scope()) {
            case WHOLE_CLUSTER -> "every service account of the cluster";
            case SOME_NAMESPACES -> "service accounts across several namespaces";
            case WHOLE_NAMESPACE -> "every service account of namespace " + w.namespace();
            case SOME_SERVICE_ACCOUNTS -> "several service accounts of namespace " + w.namespace();
        };
        return w.operator() + " \"" + w.issuer() + ":sub\": \"" + w.pattern() + "\" (" + where + ")";
    }

    static String statement(WildcardTrust w) {
        return "#" + w.statementIndex();
    }
}
