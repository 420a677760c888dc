package io.eksid.model.plan;

import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.PolicySize;
import io.eksid.model.trust.RewriteResult;
import io.eksid.model.trust.TrustDecision;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.model.trust.TrustRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One trust update per association role, however many selected service accounts share it: eksctl rewrites a
 * shared role once per service account, in parallel, and loses updates (FACTS.md, eksctl). Every existing
 * statement is kept; a role that already lets Pod Identity in gets no step; a result over the account's quota
 * skips the role's service accounts with the numbers.
 */
final class RoleTrustSteps {

    private final PlanDraft draft;
    private final TrustEvaluator evaluator;
    private final TrustRewriter rewriter;

    RoleTrustSteps(PlanDraft draft, TrustEvaluator evaluator, TrustRewriter rewriter) {
        this.draft = draft;
        this.evaluator = evaluator;
        this.rewriter = rewriter;
    }

    void plan() {
        Map<String, List<Conversion>> byRole = new TreeMap<>();
        for (Conversion c : draft.active()) {
            if (c.associationRole != null && !draft.has("bridge:" + c.associationRole)) {
                byRole.computeIfAbsent(c.associationRole.toString(), k -> new ArrayList<>()).add(c);
            }
        }
        byRole.forEach((arn, group) -> planRole(group.get(0).associationRole, group));
    }

    private void planRole(RoleArn role, List<Conversion> group) {
        String arn = role.toString();
        Optional<TrustPolicy> current;
        try {
            current = draft.trust(arn);
        } catch (PolicyParseException e) {
            group.forEach(c -> draft.skip(c, SkipReason.TRUST_POLICY_INVALID, "the trust policy of " + arn
                    + " does not parse: " + e.getMessage()));
            return;
        }
        if (current.isEmpty()) {
            group.forEach(c -> draft.skip(c, draft.unreadableReason(arn), draft.unreadableDetail(arn)));
            return;
        }
        TrustPolicy before = current.get();
        if (evaluator.podIdentity(before, draft.cluster).allowed()) {
            return;
        }
        RewriteResult result = rewriter.addPodIdentity(before, draft.cluster, draft.quota);
        TrustDecision then = evaluator.podIdentity(result.after(), draft.cluster);
        if (!result.changed() || !then.allowed()) {
            String why = String.join(" ", result.notes());
            group.forEach(c -> draft.skip(c, SkipReason.TRUST_POLICY_DENIES, "the trust policy of " + arn
                    + " cannot be made to admit Pod Identity by adding a statement: " + why));
            return;
        }
        List<ServiceAccountRef> refs = group.stream().map(Conversion::ref).sorted().toList();
        if (!result.fits()) {
            String detail = overQuotaDetail(arn, before, result, group);
            group.forEach(c -> draft.skip(c, SkipReason.TRUST_POLICY_QUOTA, detail));
            return;
        }
        PolicySize sizeBefore = PolicySize.of(before, draft.quota);
        String id = "trust:" + arn;
        draft.plannedTrust.put(arn, result.after());
        draft.add(PlanStep.of(id, "Let EKS Pod Identity assume " + role.name(), List.of(),
                List.of("the trust policy of " + arn + " still equals the before-document (else re-plan)"),
                List.of("the trust policy of " + arn + " allows pods.eks.amazonaws.com sts:AssumeRole and "
                        + "sts:TagSession", "every statement of the before-document is still present"),
                new StepAction.UpdateRoleTrust(arn, role.name(), role.path(), role.account(), before.toPrettyJson(),
                        result.after().toPrettyJson(), sizeBefore.characters(), result.size().characters(),
                        draft.quota, refs, result.notes())));
        group.forEach(c -> c.addPrerequisite(id));
    }

    /**
     * The numbers: how far over the quota, and whether removing the OIDC entries of the service accounts being
     * converted in the same update would make it fit (the "combined" variant, which cuts IRSA before Pod
     * Identity is verified, so it is only suggested).
     */
    private String overQuotaDetail(String arn, TrustPolicy before, RewriteResult result, List<Conversion> group) {
        PolicySize size = result.size();
        StringBuilder detail = new StringBuilder("adding the Pod Identity statement to the trust policy of ")
                .append(arn).append(" makes it ").append(size.describe()).append(", now ")
                .append(String.format("%,d", PolicySize.of(before, draft.quota).characters()))
                .append("; IAM would reject it (LimitExceeded).");
        TrustPolicy combined = result.after();
        int removed = 0;
        for (Conversion c : group) {
            RewriteResult r = rewriter.removeIrsaSubject(combined, draft.cluster, c.ref(), draft.quota);
            if (r.changed()) {
                combined = r.after();
                removed++;
            }
        }
        if (removed > 0) {
            PolicySize combinedSize = PolicySize.of(combined, draft.quota);
            int freed = size.characters() - combinedSize.characters();
            detail.append(" Removing the OIDC trust of the ").append(removed).append(" service account(s) being ")
                    .append("converted would free ").append(String.format("%,d", freed)).append(" characters (")
                    .append(combinedSize.describe()).append(")");
            if (combinedSize.fits()) {
                detail.append(": that combined update fits, but it ends IRSA for them before Pod Identity is ")
                        .append("verified; remove their OIDC entries first, or");
            } else {
                detail.append(", still too long;");
            }
        }
        detail.append(" raise the account's \"Role trust policy length\" quota (").append(String.format("%,d",
                draft.quota)).append(" now) or remove statements that are no longer used.");
        return detail.toString();
    }
}
