package io.eksid.model.findings;

import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.UnreadSources;
import io.eksid.model.graph.AgentStatus;
import io.eksid.model.graph.MappingCheck;
import io.eksid.model.graph.NodeIds;
import io.eksid.model.graph.ResolvedRole;
import io.eksid.model.graph.RoleAvailability;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.model.trust.TrustDecision;
import io.eksid.model.trust.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Findings about Pod Identity associations, their roles, the agent and where their pods run. */
final class PodIdentityFindings {

    private final PodIdentityTrustGap trustGap;

    PodIdentityFindings(PodIdentityTrustGap trustGap) {
        this.trustGap = trustGap;
    }

    List<Finding> find(AnalysisContext ctx) {
        List<Finding> out = new ArrayList<>();
        agent(ctx, out);
        Set<String> namespaces = ctx.snapshot().namespaces().stream().map(n -> n.name()).collect(Collectors.toSet());
        Map<ServiceAccountRef, List<WorkloadInfo>> workloadsBySa = ctx.snapshot().workloads().stream()
                .collect(Collectors.groupingBy(WorkloadInfo::serviceAccountRef));
        for (ServiceAccountIdentity sa : ctx.graph().serviceAccounts()) {
            PodIdentityAssociation assoc = sa.association();
            if (assoc == null) {
                continue;
            }
            String subject = NodeIds.association(assoc.associationId(), sa.ref());
            if (assoc.ownedByAddon()) {
                out.add(Finding.of(FindingCode.ASSOCIATION_OWNED_BY_ADDON, subject, "Association "
                                + assoc.associationId() + " for " + sa.ref() + " is owned by " + assoc.ownerArn()
                                + "; EKS manages it with the add-on.",
                        "Do not edit or delete it by hand: change it with aws eks update-addon --cluster-name "
                                + ctx.cluster().name() + " --addon-name " + addonName(assoc.ownerArn())
                                + " --pod-identity-associations serviceAccount=" + assoc.serviceAccount()
                                + ",roleArn=<role-arn>"));
            }
            boolean kubeUnknown = ctx.snapshot().unread().unknown(UnreadSources.KUBE_NAMESPACES,
                    UnreadSources.KUBE_SERVICE_ACCOUNTS);
            if (kubeUnknown) {
                // Whether the service account exists is unknown: neither orphaned nor placed.
            } else if (!namespaces.contains(assoc.namespace()) || !sa.exists()) {
                orphaned(ctx, sa, assoc, namespaces.contains(assoc.namespace()), subject, out);
            } else {
                unsupportedPlacement(ctx, sa, assoc, workloadsBySa.getOrDefault(sa.ref(), List.of()), out);
            }
            if (sa.exists() && sa.hasIrsaAnnotation()) {
                shadowed(ctx, sa, assoc, out);
            }
            associationRole(ctx, sa, assoc, subject, out);
            targetRole(ctx, sa, assoc, subject, out);
        }
        return out;
    }

    private static void agent(AnalysisContext ctx, List<Finding> out) {
        AgentStatus agent = ctx.graph().agentStatus();
        int associations = ctx.snapshot().associations().size();
        if (associations == 0) {
            return;
        }
        ClusterInfo cluster = ctx.cluster();
        PodIdentityPlatform.unsupportedReason(cluster).ifPresent(reason -> out.add(Finding.of(
                FindingCode.POD_IDENTITY_UNSUPPORTED_CLUSTER, cluster.arn(), Fixes.plural(associations,
                        "association exists", "associations exist") + " on cluster " + cluster.name() + ", but "
                        + reason + ": no pod gets credentials from them.",
                cluster.partition() == Partition.AWS_CN
                        ? "Keep IRSA for this cluster's workloads and delete the associations."
                        : "Update the cluster (aws eks update-cluster-version --name " + cluster.name()
                        + " --region " + cluster.region() + " --kubernetes-version <next>), which also moves it "
                        + "to the latest platform version, or keep IRSA until then.")));
        if (agent.present() || agent.unknown()) {
            return; // unknown is reported once, with its reason, as what the findings could not cover
        }
        String uses = Fixes.plural(associations, "association exists", "associations exist");
        if (agent.state() == AgentStatus.State.MISSING) {
            out.add(Finding.of(FindingCode.POD_IDENTITY_AGENT_MISSING, cluster.arn(), uses + " on cluster "
                            + cluster.name() + " but " + agent.reason() + ": pods get the Pod Identity variables "
                            + "and nothing answers on 169.254.170.23, so they get no credentials.",
                    Fixes.createAgentAddon(cluster) + " (the node role needs eks-auth:AssumeRoleForPodIdentity)"));
        } else {
            out.add(Finding.of(FindingCode.POD_IDENTITY_AGENT_UNHEALTHY, cluster.arn(), uses + " on cluster "
                            + cluster.name() + " but " + agent.reason() + ": pods on nodes without a ready agent "
                            + "get no credentials.",
                    "aws eks describe-addon --cluster-name " + cluster.name() + " --addon-name "
                            + "eks-pod-identity-agent --query addon.health; kubectl -n kube-system describe "
                            + "daemonset eks-pod-identity-agent (the node role needs "
                            + "eks-auth:AssumeRoleForPodIdentity)"));
        }
    }

    private static void orphaned(AnalysisContext ctx, ServiceAccountIdentity sa, PodIdentityAssociation assoc,
                                 boolean namespaceExists, String subject, List<Finding> out) {
        String what = namespaceExists ? "service account " + sa.ref() : "namespace " + assoc.namespace();
        out.add(Finding.of(FindingCode.ASSOCIATION_ORPHANED, subject, "Association " + assoc.associationId()
                        + " maps " + sa.ref() + " to " + assoc.roleArn() + ", but " + what
                        + " does not exist: no pod uses it.",
                (namespaceExists ? "" : "kubectl create namespace " + assoc.namespace() + " && ")
                        + "kubectl create serviceaccount -n " + assoc.namespace() + " " + assoc.serviceAccount()
                        + " if it is still wanted; otherwise "
                        + Fixes.deleteAssociation(ctx.cluster(), assoc.associationId())));
    }

    private static void shadowed(AnalysisContext ctx, ServiceAccountIdentity sa, PodIdentityAssociation assoc,
                                 List<Finding> out) {
        long stillIrsa = ctx.graph().podsOf(sa.ref()).stream()
                .filter(p -> p.credentials().irsa() && !p.credentials().podIdentity()).count();
        boolean sameRole = sa.irsaAnnotation().equals(assoc.roleArn()) || sa.irsaAnnotation().equals(
                assoc.targetRoleArn());
        out.add(Finding.of(FindingCode.IRSA_SHADOWED_BY_ASSOCIATION, sa.nodeId(), "Service account " + sa.ref()
                        + " has IRSA annotation " + sa.irsaAnnotation() + " and Pod Identity association "
                        + assoc.associationId() + " (role " + assoc.roleArn() + "). New pods get only the Pod "
                        + "Identity variables, so the annotation is dead weight"
                        + (sameRole ? "." : ", and it names a different role, which misleads anyone reading it."),
                (stillIrsa > 0 ? "First restart the " + Fixes.plural(stillIrsa, "pod", "pods")
                        + " still running on IRSA, then remove the annotation: " : "Remove the annotation: ")
                        + Fixes.removeAnnotation(sa.ref())));
    }

    /** Pod Identity does not work on Fargate or Windows nodes (FACTS.md, Unsupported). */
    private static void unsupportedPlacement(AnalysisContext ctx, ServiceAccountIdentity sa,
                                             PodIdentityAssociation assoc, List<WorkloadInfo> workloads,
                                             List<Finding> out) {
        Map<String, String> places = new LinkedHashMap<>();
        for (WorkloadInfo w : workloads) {
            if (w.fargate() || w.windows()) {
                places.put(NodeIds.workload(w.namespace(), w.ref()), describe(w.namespace(), w.ref(), w.fargate()));
            }
        }
        for (PodInfo p : ctx.graph().podsOf(sa.ref())) {
            if (p.fargate() || p.windows()) {
                WorkloadRef owner = p.owner() == null ? new WorkloadRef("Pod", p.name()) : p.owner();
                places.putIfAbsent(NodeIds.workload(p.namespace(), owner), describe(p.namespace(), owner, p.fargate()));
            }
        }
        places.forEach((subject, description) -> out.add(Finding.of(FindingCode.POD_IDENTITY_UNSUPPORTED_PLACEMENT,
                subject, description + " and runs as " + sa.ref() + ", which has association "
                        + assoc.associationId() + ". Pod Identity is not supported there: its pods get no "
                        + "credentials from the association"
                        + (sa.hasIrsaAnnotation() ? ", and the association also hides the IRSA annotation." : "."),
                "Give these pods IRSA instead: run them as a separate service account annotated with an IRSA role ("
                        + Fixes.annotate(new ServiceAccountRef(sa.ref().namespace(), "<new-sa>"),
                        assoc.roleArn()) + ", and let the role trust the cluster's OIDC provider), or schedule them "
                        + "on EC2 Linux nodes.")));
    }

    private static String describe(String namespace, WorkloadRef ref, boolean fargate) {
        return ref.kind() + " " + namespace + "/" + ref.name() + " runs on " + (fargate ? "Fargate" : "Windows nodes");
    }

    private void associationRole(AnalysisContext ctx, ServiceAccountIdentity sa, PodIdentityAssociation assoc,
                                 String subject, List<Finding> out) {
        MappingCheck check = sa.podIdentityCheck();
        if (check == null || check.ok() || assoc.roleArn() == null || assoc.roleArn().isBlank()) {
            return;
        }
        ClusterInfo cluster = ctx.cluster();
        ResolvedRole role = ctx.graph().role(assoc.roleArn()).orElseThrow();
        if (role.arn() == null) {
            out.add(Finding.of(FindingCode.ASSOCIATION_ROLE_MISSING, subject, "Association " + assoc.associationId()
                            + " for " + sa.ref() + ": " + check.reason() + ".",
                    Fixes.updateAssociation(cluster, assoc.associationId()) + " --role-arn <valid-role-arn>"));
            return;
        }
        if (!role.arn().account().equals(cluster.account())) {
            out.add(Finding.of(FindingCode.ASSOCIATION_ROLE_OTHER_ACCOUNT, subject, "Association "
                            + assoc.associationId() + " for " + sa.ref() + ": " + check.reason() + ".",
                    "Create a role in account " + cluster.account() + " trusting " + Fixes.podIdentityStatement()
                            + ", then " + Fixes.updateAssociation(cluster, assoc.associationId())
                            + " --role-arn <that role> --target-role-arn " + assoc.roleArn()));
            return;
        }
        if (role.availability() == RoleAvailability.MISSING) {
            out.add(Finding.of(FindingCode.ASSOCIATION_ROLE_MISSING, subject, "Association " + assoc.associationId()
                            + " for " + sa.ref() + " names role " + assoc.roleArn() + ", which does not exist.",
                    "Create role " + role.arn().name() + " trusting " + Fixes.podIdentityStatement()
                            + ", or " + Fixes.updateAssociation(cluster, assoc.associationId())
                            + " --role-arn <existing-role-arn>"));
            return;
        }
        if (role.availability() != RoleAvailability.READ) {
            out.add(Finding.of(FindingCode.ASSOCIATION_ROLE_UNREADABLE, subject, "Association "
                            + assoc.associationId() + " for " + sa.ref() + ": " + role.problem()
                            + ", so whether it trusts pods.eks.amazonaws.com is unknown.",
                    "Allow iam:GetRole on " + assoc.roleArn() + " to the identity the console uses."));
            return;
        }
        TrustDecision d = check.decision();
        if (d == null) {
            return; // trust policy did not parse: TRUST_POLICY_MALFORMED
        }
        if (d.verdict() == Verdict.UNPROVABLE) {
            out.add(Finding.of(FindingCode.POD_IDENTITY_TRUST_UNPROVABLE, subject, "Whether role "
                            + role.arn().name() + " lets Pod Identity assume it for " + sa.ref()
                            + " depends on what cannot be checked from here: " + d.reason(),
                    "Confirm from a new pod of " + sa.ref() + ": aws sts get-caller-identity"));
            return;
        }
        String missing = d.verdict() == Verdict.EXPLICIT_DENY ? null : trustGap.missingActions(role.policy(), cluster);
        out.add(Finding.of(FindingCode.POD_IDENTITY_TRUST_MISSING, subject, "Role " + role.arn().name()
                        + " of association " + assoc.associationId() + " (" + sa.ref() + ") "
                        + (missing == null ? "denies pods.eks.amazonaws.com: " + d.reason()
                        : "does not allow " + missing + " to pods.eks.amazonaws.com (Pod Identity needs both "
                        + "sts:AssumeRole and sts:TagSession): " + d.reason()),
                (missing == null ? "Remove or narrow the Deny statement " + (d.statementIndex() == null ? ""
                        : "#" + d.statementIndex() + " ") + "of " + role.arn().name() + "'s trust policy"
                        : "Add this statement to " + role.arn().name() + "'s trust policy (or add " + missing
                        + " to the existing pods.eks.amazonaws.com statement): " + Fixes.podIdentityStatement())
                        + ", then " + Fixes.updateTrust(role.arn())));
    }

    private static void targetRole(AnalysisContext ctx, ServiceAccountIdentity sa, PodIdentityAssociation assoc,
                                   String subject, List<Finding> out) {
        MappingCheck check = sa.targetRoleCheck();
        if (check == null || check.ok() || check.decision() == null
                || check.decision().verdict() == Verdict.UNPROVABLE) {
            return; // missing or unreadable target roles show on the edge; only a definite "no" is a finding here
        }
        ResolvedRole target = ctx.graph().role(assoc.targetRoleArn()).orElseThrow();
        out.add(Finding.of(FindingCode.TARGET_ROLE_TRUST_DENIES, subject, "Target role " + assoc.targetRoleArn()
                        + " of association " + assoc.associationId() + " (" + sa.ref() + ") does not trust the "
                        + "association role " + assoc.roleArn() + ": " + check.reason(),
                "Add to " + target.arn().name() + "'s trust policy: "
                        + Fixes.sourceRoleStatement(assoc.roleArn(), !assoc.disableSessionTags()) + ", then "
                        + Fixes.updateTrust(target.arn())));
    }

    /** {@code arn:aws:eks:<region>:<account>:addon/<cluster>/<addon-name>/<uuid>} → the add-on name. */
    static String addonName(String ownerArn) {
        String[] parts = ownerArn.split("/");
        return parts.length >= 3 && parts[0].endsWith(":addon") ? parts[2] : "<addon-name>";
    }
}
