package io.eksid.model.plan;

import io.eksid.model.IrsaAnnotations;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
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
 * Opt-in clean-up, planned strictly after each service account's verification (eksctl removes the annotation
 * before the association exists: FACTS.md). The OIDC trust removal takes out exactly the converted service
 * accounts' {@code :sub} entries of this cluster's issuer, through the rewriter, never whole statements of other
 * service accounts or other clusters.
 */
final class CleanUpSteps {

    private final PlanDraft draft;
    private final TrustEvaluator evaluator;
    private final TrustRewriter rewriter;

    CleanUpSteps(PlanDraft draft, TrustEvaluator evaluator, TrustRewriter rewriter) {
        this.draft = draft;
        this.evaluator = evaluator;
        this.rewriter = rewriter;
    }

    /** Whether the options ask for clean-up that this service account still needs. */
    boolean wanted(Conversion c) {
        if (draft.options.removeAnnotationAfterVerify() && c.addonName == null) {
            return true;
        }
        if (!draft.options.removeOidcTrustAfterVerify() || !writable(oidcRole(c))) {
            return false;
        }
        return draft.trustAfterPlan(oidcRole(c).toString())
                .map(p -> rewriter.removeIrsaSubject(p, draft.cluster, c.ref(), draft.quota,
                        c.irsaRole.account()).changed())
                .orElse(false);
    }

    void plan(List<Conversion> active) {
        List<Conversion> verified = active.stream().filter(c -> draft.has(verifyId(c))).toList();
        if (draft.options.removeAnnotationAfterVerify()) {
            verified.forEach(this::removeAnnotation);
        }
        if (draft.options.removeOidcTrustAfterVerify()) {
            Map<String, List<Conversion>> byRole = new TreeMap<>();
            verified.forEach(c -> byRole.computeIfAbsent(oidcRole(c).toString(), k -> new ArrayList<>()).add(c));
            byRole.forEach((arn, group) -> removeOidcTrust(oidcRole(group.get(0)), group));
        }
    }

    private void removeAnnotation(Conversion c) {
        ServiceAccountRef ref = c.ref();
        if (c.addonName != null) {
            draft.notes.add("Add-on " + c.addonName + " manages the annotation of " + ref + "; to drop IRSA there, "
                    + "clear the add-on's service account role (serviceAccountRoleArn), not the annotation.");
            return;
        }
        String id = "remove-annotation:" + ref;
        draft.add(PlanStep.of(id, "Remove the IRSA annotation of " + ref, List.of(verifyId(c)),
                List.of(ref + " is annotated " + IrsaAnnotations.ROLE_ARN + "=" + c.annotation
                        + " (journal this value: rollback restores it)"),
                List.of(ref + " has no " + IrsaAnnotations.ROLE_ARN + " annotation"),
                new StepAction.RemoveIrsaAnnotation(ref.namespace(), ref.name(), IrsaAnnotations.ROLE_ARN,
                        c.annotation)));
        c.addStep(id);
    }

    private void removeOidcTrust(RoleArn role, List<Conversion> group) {
        String arn = role.toString();
        if (!writable(role)) {
            draft.notes.add("No profile can write account " + role.account() + ": ask its owner to remove the "
                    + "OIDC trust of " + names(group) + " from " + arn + " once they run on Pod Identity.");
            return;
        }
        Optional<TrustPolicy> start = draft.trustAfterPlan(arn);
        if (start.isEmpty()) {
            return;
        }
        TrustPolicy policy = start.get();
        List<String> notes = new ArrayList<>();
        List<ServiceAccountRef> removed = new ArrayList<>();
        List<String> dependsOn = new ArrayList<>();
        for (Conversion c : group) {
            RewriteResult r = rewriter.removeIrsaSubject(policy, draft.cluster, c.ref(), draft.quota,
                    role.account());
            notes.addAll(r.notes());
            if (r.changed()) {
                policy = r.after();
                removed.add(c.ref());
                dependsOn.add(verifyId(c));
            }
        }
        if (removed.isEmpty()) {
            draft.notes.add("The OIDC trust of " + names(group) + " in " + arn + " is left as it is: "
                    + String.join(" ", notes));
            return;
        }
        for (Conversion c : group) {
            TrustDecision still = evaluator.irsa(policy, draft.cluster, c.ref(), c.serviceAccount.audience(),
                    role.account());
            if (still.allowed()) {
                notes.add("After this removal " + c.ref() + " can still assume " + role.name() + " through IRSA"
                        + (still.statementIndex() == null ? "" : " by Statement[" + still.statementIndex() + "]")
                        + ": " + still.reason());
            }
        }
        String id = "remove-oidc-trust:" + arn;
        TrustPolicy before = start.get();
        draft.add(PlanStep.of(id, "Remove the OIDC trust of " + names(removed) + " from " + role.name(), dependsOn,
                List.of("the trust policy of " + arn + " still equals the before-document (else re-plan)"),
                List.of("the trust policy of " + arn + " no longer trusts " + names(removed) + " of cluster "
                        + draft.cluster.name() + " through OIDC", "every other statement and subject is unchanged"),
                new StepAction.RemoveOidcTrust(arn, role.name(), role.account(), removed, before.toPrettyJson(),
                        policy.toPrettyJson(), PolicySize.of(before, draft.quota).characters(),
                        PolicySize.of(policy, draft.quota).characters(), draft.quota, notes)));
        group.stream().filter(c -> removed.contains(c.ref())).forEach(c -> c.addStep(id));
    }

    /** The role whose trust names the OIDC provider: the original IRSA role, also when chaining. */
    private static RoleArn oidcRole(Conversion c) {
        return c.irsaRole;
    }

    private boolean writable(RoleArn role) {
        return draft.options.canWrite(role.account(), draft.cluster.account());
    }

    private static String verifyId(Conversion c) {
        return "verify:" + c.ref();
    }

    private static String names(List<?> items) {
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            out.add(o instanceof Conversion c ? c.ref().toString() : o.toString());
        }
        return String.join(", ", out);
    }
}
