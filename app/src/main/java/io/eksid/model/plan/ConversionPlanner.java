package io.eksid.model.plan;

import io.eksid.model.Addon;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans the conversion of IRSA mappings to EKS Pod Identity associations (DESIGN §2). Pure: it reads a
 * {@link ClusterSnapshot} and returns a {@link ConversionPlan}; executing it is the engine's job.
 *
 * <p>Where eksctl's migrator falls short (FACTS.md, eksctl), this planner: updates a shared role's trust once,
 * keeps every existing statement, checks the trust policy length quota, handles role paths and cross-account
 * roles, creates associations only after the trust allows them, restarts and verifies, and cleans up only after
 * verification, removing just the converted service accounts' {@code :sub} entries of this cluster's issuer.
 */
public final class ConversionPlanner {

    /** Tag put on every association the console creates, so admins can tell them apart. */
    public static final String CONVERTED_FROM_TAG = "eksid/converted-from";

    private final TrustEvaluator evaluator;
    private final TrustRewriter rewriter;

    public ConversionPlanner(TrustEvaluator evaluator, TrustRewriter rewriter) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
    }

    public ConversionPlan plan(ClusterSnapshot snapshot, Selection selection, ConversionOptions options) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(options, "options");
        PlanDraft draft = new PlanDraft(snapshot, options);
        new CandidateResolver(draft).resolve(selection);
        draft.conversions.sort(Comparator.comparing(Conversion::ref));
        classify(draft);
        new CrossAccountChaining(draft, evaluator).plan();
        new RoleTrustSteps(draft, evaluator, rewriter).plan();
        new FollowUpSteps(draft, evaluator, rewriter).plan();
        return PlanAssembler.freeze(draft, selection);
    }

    /** Refusals that need no IAM: unsupported cluster or workloads, and existing associations. */
    private void classify(PlanDraft draft) {
        AddonServiceAccounts addons = new AddonServiceAccounts(draft.snapshot);
        for (Conversion c : draft.conversions) {
            if (draft.cluster.region().startsWith("cn-")) {
                draft.skip(c, SkipReason.CLUSTER_UNSUPPORTED, "EKS Pod Identity is not available in China regions ("
                        + draft.cluster.region() + "); keep IRSA");
                continue;
            }
            if (c.irsaRole.partition() != draft.cluster.partition()) {
                draft.skip(c, SkipReason.MALFORMED_ROLE_ARN, "role " + c.irsaRole + " is in partition "
                        + c.irsaRole.partition() + " but the cluster is in " + draft.cluster.partition());
                continue;
            }
            if (unsupportedWorkloads(draft, c)) {
                continue;
            }
            c.addonName = addons.owner(c.ref(), c.irsaRole).map(Addon::name).orElse(null);
            if (!checkExistingAssociation(draft, c)) {
                continue;
            }
            if (c.crossAccount(draft.cluster.account())) {
                if (c.addonName != null) {
                    draft.skip(c, SkipReason.CROSS_ACCOUNT_DISABLED, "add-on " + c.addonName + " uses role "
                            + c.irsaRole + " of account " + c.irsaRole.account() + "; add-on Pod Identity "
                            + "associations take no target role, so it must use a role of account "
                            + draft.cluster.account());
                } else if (draft.options.crossAccount() == ConversionOptions.CrossAccountMode.SKIP) {
                    draft.skip(c, SkipReason.CROSS_ACCOUNT_DISABLED, "role " + c.irsaRole + " is in account "
                            + c.irsaRole.account() + ", the cluster in " + draft.cluster.account()
                            + "; cross-account chaining (an association role in the cluster's account with "
                            + "targetRoleArn) is turned off");
                }
                continue;
            }
            String arn = c.irsaRole.toString();
            if (draft.snapshot.role(arn).isEmpty()) {
                draft.skip(c, draft.unreadableReason(arn), draft.unreadableDetail(arn));
                continue;
            }
            if (c.associationRole == null) {
                c.associationRole = c.irsaRole;
            }
        }
    }

    /** Pod Identity does not work on Fargate or Windows nodes (FACTS.md, Unsupported): refuse with the workloads. */
    private static boolean unsupportedWorkloads(PlanDraft draft, Conversion c) {
        ServiceAccountRef ref = c.ref();
        List<String> fargate = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        for (WorkloadInfo w : draft.snapshot.workloads()) {
            if (w.serviceAccountRef().equals(ref)) {
                if (w.fargate()) {
                    fargate.add(w.ref().toString());
                }
                if (w.windows()) {
                    windows.add(w.ref().toString());
                }
            }
        }
        for (PodInfo p : draft.snapshot.pods()) {
            if (p.serviceAccountRef().equals(ref)) {
                String name = p.owner() == null ? "Pod/" + p.name() : p.owner().toString();
                if (p.fargate() && !fargate.contains(name)) {
                    fargate.add(name);
                }
                if (p.windows() && !windows.contains(name)) {
                    windows.add(name);
                }
            }
        }
        if (!fargate.isEmpty()) {
            draft.skip(c, SkipReason.FARGATE_WORKLOAD, String.join(", ", fargate.stream().sorted().toList())
                    + " in " + ref.namespace() + " run on Fargate, which EKS Pod Identity does not support; "
                    + "keep IRSA for " + ref);
            return true;
        }
        if (!windows.isEmpty()) {
            draft.skip(c, SkipReason.WINDOWS_WORKLOAD, String.join(", ", windows.stream().sorted().toList())
                    + " in " + ref.namespace() + " run on Windows nodes, which EKS Pod Identity does not "
                    + "support; keep IRSA for " + ref);
            return true;
        }
        return false;
    }

    /**
     * An association for the service account already exists: identical is success (eksctl issue #7753), another
     * role is a conflict for the user, an add-on's is not ours to edit. Returns false when the SA was skipped.
     */
    private static boolean checkExistingAssociation(PlanDraft draft, Conversion c) {
        Optional<PodIdentityAssociation> found = draft.snapshot.associations().stream()
                .filter(a -> a.serviceAccountRef().equals(c.ref())).findFirst();
        if (found.isEmpty()) {
            return true;
        }
        PodIdentityAssociation a = found.get();
        c.existing = a;
        boolean cross = c.crossAccount(draft.cluster.account());
        String expected = c.irsaRole.toString();
        boolean same = a.roleArn() != null && (cross ? expected.equals(strip(a.targetRoleArn()))
                : expected.equals(a.roleArn().strip()) && strip(a.targetRoleArn()) == null);
        if (a.ownedByAddon() && !same) {
            draft.skip(c, SkipReason.ADDON_OWNED_ASSOCIATION, "association " + CandidateResolver.describe(a)
                    + " is owned by " + a.ownerArn() + "; change it through the add-on, not by hand");
            return false;
        }
        if (a.roleArn() == null) {
            draft.skip(c, SkipReason.ASSOCIATION_CONFLICT, "association " + CandidateResolver.describe(a)
                    + " exists but its role is unknown (listed, not described); describe it and re-plan");
            return false;
        }
        if (!same) {
            draft.skip(c, SkipReason.ASSOCIATION_CONFLICT, "association " + CandidateResolver.describe(a)
                    + " already maps " + c.ref() + " to another role than its IRSA annotation (" + expected
                    + "); Pod Identity wins over IRSA, so new pods get the association's role. Decide which is "
                    + "right: delete or update the association, or change the annotation");
            return false;
        }
        c.associationDone = true;
        c.associationRole = io.eksid.model.RoleArn.tryParse(a.roleArn().strip()).orElse(null);
        if (c.associationRole == null) {
            draft.skip(c, SkipReason.ASSOCIATION_CONFLICT, "association " + CandidateResolver.describe(a)
                    + " names a role ARN that does not parse");
            return false;
        }
        return true;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
