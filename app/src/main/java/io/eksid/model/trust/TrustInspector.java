package io.eksid.model.trust;

import io.eksid.model.ClusterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Structural questions about a trust policy that findings ask, beyond a single yes/no decision. */
public final class TrustInspector {

    static final String SUBJECT_PREFIX = "system:serviceaccount:";

    /** An Allow statement that trusts an OIDC provider for web identity without any {@code :sub} condition. */
    public record UnrestrictedIrsa(int statementIndex, String providerArn) {
    }

    /**
     * Every {@code :sub} pattern with {@code *} or {@code ?} under a StringLike operator, in an Allow statement that
     * covers sts:AssumeRoleWithWebIdentity, that admits more than one service account.
     */
    public List<WildcardTrust> wildcardIrsaSubjects(TrustPolicy p) {
        List<WildcardTrust> out = new ArrayList<>();
        for (int i = 0; i < p.statements().size(); i++) {
            Statement s = p.statements().get(i);
            if (!isIrsaAllow(s)) {
                continue;
            }
            for (Statement.ConditionEntry e : s.conditions()) {
                Optional<ConditionOperator> op = ConditionOperator.parse(e.operator());
                if (op.isEmpty() || op.get().base() != ConditionOperator.Base.StringLike || !isSubKey(e.key())) {
                    continue;
                }
                String issuer = e.key().substring(0, e.key().length() - ":sub".length());
                for (String pattern : e.values().texts()) {
                    int index = i;
                    classify(pattern).ifPresent(c -> out.add(new WildcardTrust(index, issuer, e.operator(),
                            pattern, c.scope(), c.namespace())));
                }
            }
        }
        return out;
    }

    /** Allow statements that trust a Federated OIDC provider for web identity but never look at {@code :sub}. */
    public List<UnrestrictedIrsa> irsaStatementsWithoutSubject(TrustPolicy p) {
        List<UnrestrictedIrsa> out = new ArrayList<>();
        for (int i = 0; i < p.statements().size(); i++) {
            Statement s = p.statements().get(i);
            if (!isIrsaAllow(s) || s.conditions().stream().anyMatch(e -> isSubKey(e.key()))) {
                continue;
            }
            for (String f : s.principal().values("Federated")) {
                if (f.contains(":oidc-provider/")) {
                    out.add(new UnrestrictedIrsa(i, f));
                }
            }
        }
        return out;
    }

    /**
     * Whether some Allow statement names the Service principal {@value TrustEvaluator#POD_IDENTITY_SERVICE} for
     * sts:AssumeRole and its conditions do not rule this cluster out. This is the structural "does the role
     * mean to trust Pod Identity" question; whether Pod Identity actually works (sts:TagSession too, no Deny) is
     * {@link TrustEvaluator#podIdentity}.
     */
    public boolean trustsPodIdentityService(TrustPolicy p, ClusterInfo cluster) {
        RequestContext ctx = RequestContexts.podIdentity(cluster);
        StatementEvaluator evaluator = new StatementEvaluator();
        for (int i = 0; i < p.statements().size(); i++) {
            Statement s = p.statements().get(i);
            if (s.effect() != Effect.ALLOW || s.notPrincipal() || s.principal().values("Service").stream()
                    .noneMatch(v -> v.equalsIgnoreCase(TrustEvaluator.POD_IDENTITY_SERVICE))) {
                continue;
            }
            if (evaluator.evaluate(s, i, ctx, p.supportsPolicyVariables()).applies() != Tri.FALSE) {
                return true;
            }
        }
        return false;
    }

    static boolean isIrsaAllow(Statement s) {
        return s.effect() == Effect.ALLOW && !s.notPrincipal()
                && ActionPatterns.covers(s, TrustEvaluator.ASSUME_ROLE_WITH_WEB_IDENTITY);
    }

    static boolean isSubKey(String key) {
        return key.toLowerCase(Locale.ROOT).endsWith(":sub");
    }

    private record Classified(WildcardTrust.Scope scope, String namespace) {
    }

    /** How much a pattern admits, or empty when it admits at most one service account. */
    private static Optional<Classified> classify(String pattern) {
        if (!Glob.hasWildcard(pattern)) {
            return Optional.empty();
        }
        if (!pattern.startsWith(SUBJECT_PREFIX)) {
            // The wildcard sits inside "system:serviceaccount:" itself ("*", "system:*"): if it can match two
            // subjects in different namespaces, it spans the cluster.
            boolean wide = Glob.matches(pattern, SUBJECT_PREFIX + "a:b", false)
                    && Glob.matches(pattern, SUBJECT_PREFIX + "c:d", false);
            return wide ? Optional.of(new Classified(WildcardTrust.Scope.WHOLE_CLUSTER, null)) : Optional.empty();
        }
        String rest = pattern.substring(SUBJECT_PREFIX.length());
        int colon = rest.indexOf(':');
        String ns = colon < 0 ? rest : rest.substring(0, colon);
        String name = colon < 0 ? null : rest.substring(colon + 1);
        if (Glob.hasWildcard(ns)) {
            boolean anyNamespace = ns.equals("*") && (name == null || name.equals("*"));
            boolean nsStarOnly = ns.chars().allMatch(c -> c == '*');
            return Optional.of(new Classified(anyNamespace || (nsStarOnly && name == null)
                    ? WildcardTrust.Scope.WHOLE_CLUSTER : WildcardTrust.Scope.SOME_NAMESPACES, null));
        }
        if (name == null) {
            return Optional.empty();
        }
        if (name.chars().allMatch(c -> c == '*')) {
            return Optional.of(new Classified(WildcardTrust.Scope.WHOLE_NAMESPACE, ns));
        }
        return Optional.of(new Classified(WildcardTrust.Scope.SOME_SERVICE_ACCOUNTS, ns));
    }
}
