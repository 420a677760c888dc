package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.aws.IdentityWriter;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.WorkloadRef;
import io.eksid.model.plan.StepAction;
import io.eksid.model.trust.TrustDecision;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Proves one service account's conversion from live state: the association describes back as planned (by its own
 * Describe), its role's trust admits Pod Identity (read fresh once per role and run: see {@link RunFacts}), a chained target trusts the bridge, and the restarted workloads' pods
 * carry the Pod Identity variables (new pods only: FACTS.md, runtime). Clean-up depends on this step.
 */
final class VerifyStep {

    private final TrustEvaluator evaluator;

    VerifyStep(TrustEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    StepResult verify(StepContext ctx, StepAction.Verify a) {
        ObjectNode checks = StepContext.object().put("serviceAccount", a.serviceAccount().toString());
        IdentityWriter eks = ctx.gateways.cluster();
        String cluster = ctx.cluster().name();
        AtomicReference<Optional<PodIdentityAssociation>> seen = new AtomicReference<>(Optional.empty());
        Optional<String> id = ctx.shared.facts().associationId(a.serviceAccount().toString());
        boolean described = ctx.await(() -> {
            // Its own Describe when the run knows the id (one request), else List + Describe.
            seen.set(ctx.calls.eksRead(() -> id.isPresent() ? eks.describeAssociation(cluster, id.get())
                    : eks.findAssociation(cluster, a.serviceAccount().namespace(), a.serviceAccount().name())));
            return seen.get().filter(x -> a.roleArn().equals(x.roleArn())
                    && Objects.equals(blank(x.targetRoleArn()), blank(a.targetRoleArn()))).isPresent();
        });
        if (!described) {
            throw new StepFailure("the association of " + a.serviceAccount() + " does not describe back as "
                    + a.roleArn() + (a.targetRoleArn() == null ? "" : " -> " + a.targetRoleArn()) + ": "
                    + seen.get().map(x -> "it names " + x.roleArn()
                    + (x.targetRoleArn() == null ? "" : " -> " + x.targetRoleArn())).orElse("there is none"));
        }
        checks.put("association", seen.get().get().associationId());

        RoleArn role = RoleArn.parse(a.roleArn());
        IdentityWriter iam = ctx.gateways.iamOrFail(role.account());
        // Once per role and run: the trust step's re-read after its write, or one GetRole shared by all its
        // service accounts.
        TrustPolicy trust = ctx.shared.facts().trust(ctx.shared.locks(), a.roleArn(), () -> IamSteps.parse(
                a.roleArn(), ctx.calls.iamRead(() -> iam.getRole(role.name())).orElseThrow(() -> new StepFailure(
                        "role " + a.roleArn() + " no longer exists")).trustPolicyJson()));
        TrustDecision pi = evaluator.podIdentity(trust, ctx.cluster());
        if (!pi.allowed()) {
            throw new StepFailure("a fresh GetRole of " + a.roleArn() + " does not admit Pod Identity: " + pi.reason());
        }
        checks.put("roleTrust", pi.reason());

        if (a.targetRoleArn() != null) {
            RoleArn target = RoleArn.parse(a.targetRoleArn());
            Optional<IdentityWriter> targetIam = ctx.gateways.iam(target.account());
            if (targetIam.isPresent()) {
                TrustPolicy t = ctx.shared.facts().trust(ctx.shared.locks(), a.targetRoleArn(), () -> IamSteps.parse(
                        a.targetRoleArn(), ctx.calls.iamRead(() -> targetIam.get().getRole(target.name()))
                                .orElseThrow(() -> new StepFailure("target role " + a.targetRoleArn()
                                        + " no longer exists")).trustPolicyJson()));
                TrustDecision chain = evaluator.sourceRoleWithSessionTags(t, role);
                if (!chain.allowed()) {
                    throw new StepFailure("target role " + a.targetRoleArn() + " does not let " + a.roleArn()
                            + " assume it with session tags: " + chain.reason());
                }
                checks.put("targetTrust", chain.reason());
            } else {
                checks.put("targetTrust", "not checked: no profile reads account " + target.account());
            }
        }

        ArrayNode workloads = checks.putArray("workloads");
        for (String w : a.restartedWorkloads()) {
            int slash = w.indexOf('/');
            WorkloadRef ref = new WorkloadRef(w.substring(0, slash), w.substring(slash + 1));
            List<String> lacking = new ArrayList<>();
            boolean ok = ctx.await(() -> {
                List<PodInfo> pods = ctx.calls.kubeRead(() -> ctx.gateways.kube()
                        .workloadPods(a.serviceAccount().namespace(), ref));
                lacking.clear();
                pods.stream().filter(p -> !"Succeeded".equals(p.phase()) && !"Failed".equals(p.phase()))
                        .filter(p -> !p.credentials().podIdentity()).forEach(p -> lacking.add(p.name()));
                return !pods.isEmpty() && lacking.isEmpty();
            });
            if (!ok) {
                throw new StepFailure(ref + " in " + a.serviceAccount().namespace() + " still has pods without the "
                        + "Pod Identity variables after " + ctx.settings.settleTimeout().toSeconds() + "s: "
                        + (lacking.isEmpty() ? "no pods at all" : String.join(", ", lacking.subList(0,
                        Math.min(5, lacking.size())))) + "; is the eks-pod-identity-agent running?");
            }
            workloads.add(ref.toString());
        }
        ctx.verified(checks);
        return StepResult.unchanged(checks, "verified " + a.serviceAccount());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
