package io.eksid.model.trust;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.trust.ConditionOperator.Base;
import io.eksid.model.trust.ConditionOperator.Qualifier;
import io.eksid.model.trust.Statement.ConditionEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two trust policy edits an IRSA → Pod Identity conversion makes (DESIGN §2): add the Pod Identity statement
 * once, keeping every other statement; later, remove exactly one service account's IRSA trust, never other service
 * accounts', never other clusters' issuers, never by widening a condition. Every result reports its size against
 * the quota.
 */
public final class TrustRewriter {

    static final String POD_IDENTITY_SID = "EksPodIdentity";

    private final TrustEvaluator evaluator = new TrustEvaluator();
    private final ConditionEvaluator conditions = new ConditionEvaluator();
    private final PrincipalMatcher principals = new PrincipalMatcher();

    /**
     * Appends {@code {"Sid":"EksPodIdentity","Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},
     * "Action":["sts:AssumeRole","sts:TagSession"]}} unless the policy already lets Pod Identity assume the role.
     * Idempotent: a second call changes nothing. A Deny that blocks Pod Identity is reported, not worked around.
     */
    public RewriteResult addPodIdentity(TrustPolicy p, ClusterInfo cluster, int quota) {
        List<String> notes = new ArrayList<>();
        TrustDecision now = evaluator.podIdentity(p, cluster);
        if (now.allowed()) {
            notes.add("Unchanged: Pod Identity can already assume the role. " + now.reason());
            return result(p, p, notes, quota);
        }
        Optional<Integer> existing = existingPodIdentityStatement(p);
        if (existing.isPresent()) {
            notes.add("Unchanged: Statement[" + existing.get() + "] already is the Pod Identity statement, but it"
                    + " does not take effect: " + now.reason());
            return result(p, p, notes, quota);
        }
        if (now.verdict() == Verdict.EXPLICIT_DENY) {
            notes.add("Unchanged: an added Allow could not override the explicit Deny. " + now.reason()
                    + " Remove or narrow that Deny first.");
            return result(p, p, notes, quota);
        }
        List<Statement> statements = new ArrayList<>(p.statements());
        String sid = uniqueSid(p);
        statements.add(podIdentityStatement(sid));
        TrustPolicy after = p.withStatements(statements);
        notes.add("Appended Statement[" + (statements.size() - 1) + "] (" + sid + ") allowing "
                + TrustEvaluator.POD_IDENTITY_SERVICE + " sts:AssumeRole and sts:TagSession; the "
                + p.statements().size() + " existing statement(s) are kept as they were.");
        TrustDecision then = evaluator.podIdentity(after, cluster);
        if (!then.allowed()) {
            notes.add("Pod Identity still cannot be proven to work: " + then.reason());
        }
        return result(p, after, notes, quota);
    }

    /**
     * Removes the IRSA trust of one service account of {@code cluster}: its subject from a {@code :sub} list, or
     * the whole statement when that subject was its only one. Leaves the policy unchanged, with a note, when the
     * service account is admitted through a wildcard or an unrestricted statement shared with others (removing it
     * would need a new condition, not a removal), or when nothing trusts it.
     */
    public RewriteResult removeIrsaSubject(TrustPolicy p, ClusterInfo cluster, ServiceAccountRef sa, int quota) {
        return removeIrsaSubject(p, cluster, sa, quota, cluster.account());
    }

    /** As {@link #removeIrsaSubject(TrustPolicy, ClusterInfo, ServiceAccountRef, int)} for a role in another account. */
    public RewriteResult removeIrsaSubject(TrustPolicy p, ClusterInfo cluster, ServiceAccountRef sa, int quota,
                                           String roleAccount) {
        List<String> notes = new ArrayList<>();
        if (cluster.oidcProviderArn().isEmpty()) {
            notes.add("Unchanged: cluster " + cluster.name() + " has no OIDC issuer, so no statement can trust its"
                    + " service accounts through IRSA.");
            return result(p, p, notes, quota);
        }
        String provider = RequestContexts.providerArn(cluster, roleAccount);
        String subKey = cluster.issuerHostPath().orElseThrow() + ":sub";
        RequestContext ctx = RequestContexts.irsa(cluster, sa, null, roleAccount);
        RequestPrincipal caller = new RequestPrincipal.Federated(provider);
        boolean variables = p.supportsPolicyVariables();

        List<Statement> out = new ArrayList<>();
        List<String> blockers = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (int i = 0; i < p.statements().size(); i++) {
            Statement s = p.statements().get(i);
            String label = "Statement[" + i + "]" + (s.sid() == null ? "" : " (" + s.sid() + ")");
            if (!TrustInspector.isIrsaAllow(s) || principals.names(s.principal(), caller).result() != Tri.TRUE) {
                out.add(s);
                continue;
            }
            List<ConditionEntry> subEntries = s.conditions().stream()
                    .filter(e -> e.key().equalsIgnoreCase(subKey)).toList();
            if (subEntries.stream().anyMatch(e -> conditions.evaluate(e, ctx, variables).result() == Tri.FALSE)) {
                out.add(s);
                continue;
            }
            if (subEntries.isEmpty()) {
                blockers.add(label + " trusts every service account of the cluster (it has no " + subKey
                        + " condition)");
                out.add(s);
                continue;
            }
            Optional<ConditionEntry> removable = subEntries.stream()
                    .filter(e -> removableLiteral(e, sa.subject())).findFirst();
            if (removable.isEmpty()) {
                blockers.add(label + " admits it through " + admittingValues(subEntries, sa.subject()));
                out.add(s);
                continue;
            }
            ConditionEntry e = removable.get();
            List<PolicyValue> kept = e.values().values().stream()
                    .filter(v -> !literalMatches(e.operator(), v.text(), sa.subject())).toList();
            if (kept.isEmpty()) {
                done.add("Removed " + label + ": " + sa.subject() + " was its only subject.");
                continue;
            }
            out.add(withValues(s, e, new ConditionValues(kept, e.values().listForm() || kept.size() != 1)));
            done.add("Removed " + sa.subject() + " from " + label + " " + e.operator() + " " + e.key() + "; "
                    + kept.size() + " other subject(s) stay.");
        }
        if (!blockers.isEmpty()) {
            notes.add("Unchanged: service account " + sa + " would still be admitted, because "
                    + String.join("; ", blockers) + ". That trust is shared with other service accounts, and removing"
                    + " it would cut them off while narrowing it means a new condition, not a removal; narrow it by"
                    + " hand if " + sa + " must lose IRSA access.");
            return result(p, p, notes, quota);
        }
        if (done.isEmpty()) {
            notes.add("Unchanged: no statement trusts " + sa + " of cluster " + cluster.name() + " through "
                    + provider + "; there is nothing to remove.");
            return result(p, p, notes, quota);
        }
        if (out.isEmpty()) {
            notes.add("Unchanged: removing " + sa + " would leave the policy without any statement, which IAM"
                    + " rejects. Add the Pod Identity statement first, or delete the role instead.");
            return result(p, p, notes, quota);
        }
        TrustPolicy after = p.withStatements(out);
        if (evaluator.irsa(after, cluster, sa, null, roleAccount).verdict() == Verdict.ALLOWED) {
            notes.add("Unchanged: " + sa + " would still be allowed after the edit; the policy is left as it is.");
            return result(p, p, notes, quota);
        }
        notes.addAll(done);
        return result(p, after, notes, quota);
    }

    private static RewriteResult result(TrustPolicy before, TrustPolicy after, List<String> notes, int quota) {
        PolicySize size = PolicySize.of(after, quota);
        List<String> all = new ArrayList<>(notes);
        if (!size.fits()) {
            all.add("The " + (before.equals(after) ? "" : "rewritten ") + "policy is " + size.characters()
                    + " characters (white space not counted) and the role trust policy quota is " + size.quota()
                    + ": it is " + size.overBy() + " characters over. IAM will reject it with LimitExceeded unless"
                    + " the account's quota is raised or statements are merged.");
        }
        return new RewriteResult(before, after, !before.equals(after), size, all);
    }

    private static Statement podIdentityStatement(String sid) {
        return new Statement(sid, Effect.ALLOW, Principal.of("Service", TrustEvaluator.POD_IDENTITY_SERVICE), false,
                StringValues.list(List.of(TrustEvaluator.ASSUME_ROLE, TrustEvaluator.TAG_SESSION)), false, null);
    }

    /** A statement that already is exactly the Pod Identity statement (any Sid), so we never add a second one. */
    private static Optional<Integer> existingPodIdentityStatement(TrustPolicy p) {
        for (int i = 0; i < p.statements().size(); i++) {
            Statement s = p.statements().get(i);
            if (s.effect() == Effect.ALLOW && !s.notPrincipal() && s.condition() == null
                    && s.principal().values("Service").contains(TrustEvaluator.POD_IDENTITY_SERVICE)
                    && ActionPatterns.covers(s, TrustEvaluator.ASSUME_ROLE)
                    && ActionPatterns.covers(s, TrustEvaluator.TAG_SESSION)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static String uniqueSid(TrustPolicy p) {
        Set<String> taken = new HashSet<>();
        p.statements().forEach(s -> taken.add(s.sid()));
        String sid = POD_IDENTITY_SID;
        for (int n = 2; taken.contains(sid); n++) {
            sid = POD_IDENTITY_SID + n;
        }
        return sid;
    }

    /**
     * Whether removing {@code subject}'s literal values from this entry removes exactly that service account.
     * Only positive, non-IfExists, non-ForAllValues string operators qualify: with no values left such an entry
     * is false for every caller, so dropping a statement that would be left empty changes nobody else's access.
     * Every value that admits the subject must be a literal equal to it (no wildcard, no policy variable).
     */
    private boolean removableLiteral(ConditionEntry e, String subject) {
        Optional<ConditionOperator> op = ConditionOperator.parse(e.operator());
        if (op.isEmpty() || op.get().ifExists() || op.get().qualifier() == Qualifier.FOR_ALL_VALUES
                || op.get().base().negated) {
            return false;
        }
        Base b = op.get().base();
        if (b != Base.StringEquals && b != Base.StringLike && b != Base.StringEqualsIgnoreCase) {
            return false;
        }
        boolean any = false;
        for (PolicyValue v : e.values().values()) {
            boolean literal = !v.text().contains("${") && (b != Base.StringLike || !Glob.hasWildcard(v.text()));
            boolean admits = literal ? literalMatches(e.operator(), v.text(), subject)
                    : v.text().contains("${") || Glob.matches(v.text(), subject, false);
            if (admits && !literal) {
                return false;
            }
            any |= admits;
        }
        return any;
    }

    private static boolean literalMatches(String operator, String value, String subject) {
        if (value.contains("${") || (operator.contains("StringLike") && Glob.hasWildcard(value))) {
            return false;
        }
        return operator.contains("IgnoreCase") ? value.equalsIgnoreCase(subject) : value.equals(subject);
    }

    private static String admittingValues(List<ConditionEntry> entries, String subject) {
        List<String> parts = new ArrayList<>();
        for (ConditionEntry e : entries) {
            List<String> admitting = e.values().texts().stream()
                    .filter(v -> Glob.hasWildcard(v) || v.contains("${") || v.equalsIgnoreCase(subject)).toList();
            parts.add(e.operator() + " " + e.key() + " = " + String.join(" or ",
                    admitting.isEmpty() ? e.values().texts() : admitting));
        }
        return String.join(" and ", parts);
    }

    private static Statement withValues(Statement s, ConditionEntry target, ConditionValues values) {
        List<ConditionEntry> entries = new ArrayList<>();
        for (ConditionEntry e : s.conditions()) {
            entries.add(e.operator().equals(target.operator()) && e.key().equals(target.key())
                    ? new ConditionEntry(e.operator(), e.key(), values) : e);
        }
        Map<String, Map<String, ConditionValues>> condition = Statement.conditionOf(entries);
        return s.withCondition(condition);
    }
}
