package io.eksid.model.graph;

import io.eksid.model.Arn;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.OidcProvider;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.trust.SessionTags;
import io.eksid.model.trust.TrustDecision;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.UnreadSources;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Decides the status of each mapping (IRSA, association role, target role) from the snapshot and the evaluator. */
final class MappingChecker {

    private final ClusterSnapshot snapshot;
    private final ClusterInfo cluster;
    private final TrustEvaluator evaluator;
    private final RoleResolver roles;
    private final Set<String> providerArns = new HashSet<>();
    private final Set<String> accountsWithKnownProviders = new HashSet<>();

    MappingChecker(ClusterSnapshot snapshot, TrustEvaluator evaluator, RoleResolver roles) {
        this.snapshot = snapshot;
        this.cluster = snapshot.cluster();
        this.evaluator = evaluator;
        this.roles = roles;
        if (!snapshot.unread().unknown(UnreadSources.AWS_OIDC_PROVIDERS)) {
            accountsWithKnownProviders.add(cluster.account());
        }
        for (OidcProvider p : snapshot.oidcProviders()) {
            providerArns.add(p.arn());
            Arn.tryParse(p.arn()).ifPresent(a -> accountsWithKnownProviders.add(a.account()));
        }
    }

    /** IRSA: AssumeRoleWithWebIdentity with the cluster's OIDC provider as Federated principal (FACTS.md, IRSA). */
    MappingCheck irsa(ServiceAccountRef sa, String annotation, String audience, PodIdentityAssociation association) {
        ResolvedRole role = roles.resolve(annotation);
        MappingCheck working = role.availability() == RoleAvailability.MALFORMED_ARN
                ? MappingCheck.of(EdgeStatus.BROKEN, "the eks.amazonaws.com/role-arn annotation is malformed: "
                + role.problem())
                : irsaTrust(sa, role, audience);
        if (association != null) {
            return new MappingCheck(EdgeStatus.SHADOWED, "Pod Identity association " + association.associationId()
                    + " takes precedence: new pods get only the Pod Identity variables (IRSA alone would be "
                    + working.status() + (working.reason().isEmpty() ? "" : ": " + working.reason()) + ")",
                    working.decision());
        }
        return working;
    }

    private MappingCheck irsaTrust(ServiceAccountRef sa, ResolvedRole role, String audience) {
        Optional<String> clusterUnknown = snapshot.unread().why(UnreadSources.AWS_CLUSTER);
        if (clusterUnknown.isPresent()) {
            return MappingCheck.of(EdgeStatus.UNPROVABLE, "cannot check the role's trust without the cluster's "
                    + "OIDC issuer: " + clusterUnknown.get());
        }
        if (cluster.oidcIssuer() == null || cluster.oidcIssuer().isBlank()) {
            return MappingCheck.of(EdgeStatus.BROKEN, "cluster " + cluster.name()
                    + " has no OIDC issuer, so IRSA cannot work on it");
        }
        MappingCheck unusable = unusableRole(role);
        if (unusable != null) {
            return unusable;
        }
        TrustDecision decision = evaluator.irsa(role.policy(), asSeenFrom(role.arn()), sa, audience);
        String provider = expectedProviderArn(role.arn());
        if (!providerArns.contains(provider) && accountsWithKnownProviders.contains(role.arn().account())) {
            return new MappingCheck(EdgeStatus.BROKEN, "IAM OIDC provider " + provider
                    + " for the cluster's issuer does not exist: STS cannot validate the token", decision);
        }
        return fromDecision(decision);
    }

    /**
     * The cluster as a role in another account sees it: IRSA across accounts needs an OIDC provider for the
     * cluster's issuer in the role's account, and the role's trust names that provider, not the cluster account's.
     */
    private ClusterInfo asSeenFrom(RoleArn roleArn) {
        if (roleArn.account().equals(cluster.account())) {
            return cluster;
        }
        return new ClusterInfo(cluster.name(), cluster.arn(), roleArn.account(), roleArn.partition(),
                cluster.region(), cluster.oidcIssuer(), cluster.version(), cluster.platformVersion(),
                cluster.autoMode());
    }

    /** The OIDC provider ARN in the role's account for this cluster's issuer (the provider lives with the role). */
    String expectedProviderArn(RoleArn roleArn) {
        return "arn:" + roleArn.partition().id() + ":iam::" + roleArn.account() + ":oidc-provider/"
                + cluster.issuerHostPath().orElse("");
    }

    boolean providerKnownMissing(String providerArn) {
        return !providerArns.contains(providerArn) && Arn.tryParse(providerArn)
                .map(a -> accountsWithKnownProviders.contains(a.account())).orElse(false);
    }

    boolean providerExists(String providerArn) {
        return providerArns.contains(providerArn);
    }

    /** Pod Identity: the association role must trust pods.eks.amazonaws.com for AssumeRole and TagSession. */
    MappingCheck associationRole(PodIdentityAssociation assoc) {
        if (assoc.roleArn() == null || assoc.roleArn().isBlank()) {
            return MappingCheck.of(EdgeStatus.UNPROVABLE, "association " + assoc.associationId()
                    + " was listed but not described: list results carry no roleArn");
        }
        ResolvedRole role = roles.resolve(assoc.roleArn());
        if (role.availability() == RoleAvailability.MALFORMED_ARN) {
            return MappingCheck.of(EdgeStatus.BROKEN, "the association's roleArn is malformed: " + role.problem());
        }
        if (!role.arn().account().equals(cluster.account())) {
            return MappingCheck.of(EdgeStatus.BROKEN, "the association role is in account " + role.arn().account()
                    + ", but it must be in the cluster's account " + cluster.account()
                    + " (reach other accounts with targetRoleArn)");
        }
        MappingCheck unusable = unusableRole(role);
        if (unusable != null) {
            return unusable;
        }
        return fromDecision(evaluator.podIdentity(role.policy(), cluster, tags(assoc)));
    }

    /**
     * The association role's trust for one pod: the same as {@link #associationRole} with the pod's own
     * {@code kubernetes-pod-name} and {@code kubernetes-pod-uid} session tags, which an ABAC trust may test.
     */
    MappingCheck associationRoleForPod(PodIdentityAssociation assoc, String podName, String podUid) {
        ResolvedRole role = roles.resolve(assoc.roleArn());
        return fromDecision(evaluator.podIdentity(role.policy(), cluster, tags(assoc).forPod(podName, podUid)));
    }

    /** The target role's trust for one pod's chained session (its tags are transitive). */
    MappingCheck targetRoleForPod(PodIdentityAssociation assoc, String podName, String podUid) {
        ResolvedRole target = roles.resolve(assoc.targetRoleArn());
        RoleArn source = RoleArn.parse(assoc.roleArn());
        return fromDecision(evaluator.sourceRole(target.policy(), source, cluster,
                tags(assoc).forPod(podName, podUid)));
    }

    /** The session tags EKS sends for the association's sessions, the pod not yet known. */
    SessionTags tags(PodIdentityAssociation assoc) {
        return SessionTags.forAssociation(cluster, assoc.serviceAccountRef(), !assoc.disableSessionTags());
    }

    /** Cross-account chaining: the target role must trust the association role (FACTS.md, Cross-account). */
    MappingCheck targetRole(PodIdentityAssociation assoc) {
        ResolvedRole target = roles.resolve(assoc.targetRoleArn());
        if (target.availability() == RoleAvailability.MALFORMED_ARN) {
            return MappingCheck.of(EdgeStatus.BROKEN, "the association's targetRoleArn is malformed: "
                    + target.problem());
        }
        RoleArn source = assoc.roleArn() == null ? null : RoleArn.tryParse(assoc.roleArn()).orElse(null);
        if (source == null) {
            return MappingCheck.of(EdgeStatus.UNPROVABLE, "the association role is unknown or malformed, so the "
                    + "target role's trust in it cannot be checked");
        }
        MappingCheck unusable = unusableRole(target);
        if (unusable != null) {
            return unusable;
        }
        // With session tags on, EKS passes them when chaining (transitive), so the target role must allow
        // sts:TagSession too and sees them as request tags.
        return fromDecision(evaluator.sourceRole(target.policy(), source, cluster, tags(assoc)));
    }

    /** The service account → association edge: does the association have anything to serve? */
    MappingCheck associationLink(PodIdentityAssociation assoc, boolean namespaceExists, boolean saExists,
                                 AgentStatus agent) {
        Optional<String> kubeUnknown = snapshot.unread().why(UnreadSources.KUBE_NAMESPACES,
                UnreadSources.KUBE_SERVICE_ACCOUNTS);
        if ((!namespaceExists || !saExists) && kubeUnknown.isPresent()) {
            return MappingCheck.of(EdgeStatus.UNPROVABLE, "cannot tell whether service account "
                    + assoc.serviceAccountRef() + " exists: " + kubeUnknown.get());
        }
        if (!namespaceExists) {
            return MappingCheck.of(EdgeStatus.BROKEN, "namespace " + assoc.namespace()
                    + " does not exist: no pod can use this association");
        }
        if (!saExists) {
            return MappingCheck.of(EdgeStatus.BROKEN, "service account " + assoc.serviceAccountRef()
                    + " does not exist: no pod can use this association until it is created");
        }
        if (agent.unknown()) {
            return MappingCheck.of(EdgeStatus.UNPROVABLE, agent.reason());
        }
        if (!agent.present()) {
            return MappingCheck.of(EdgeStatus.BROKEN, agent.reason() + ": pods cannot fetch Pod Identity credentials");
        }
        return MappingCheck.of(EdgeStatus.OK, "association " + assoc.associationId());
    }

    private static MappingCheck unusableRole(ResolvedRole role) {
        return switch (role.availability()) {
            case MISSING -> MappingCheck.of(EdgeStatus.BROKEN, role.problem());
            case UNREADABLE, NOT_READ -> MappingCheck.of(EdgeStatus.UNPROVABLE, role.problem());
            case MALFORMED_ARN -> MappingCheck.of(EdgeStatus.BROKEN, role.problem());
            case READ -> role.policy() == null ? MappingCheck.of(EdgeStatus.UNPROVABLE,
                    "the trust policy of " + role.label() + " could not be parsed: " + role.parseErrorText()) : null;
        };
    }

    /** The evaluator's reason already names the deciding statement (its index is in the decision). */
    static MappingCheck fromDecision(TrustDecision d) {
        String reason = d.reason() == null || d.reason().isBlank() ? d.verdict().name() : d.reason();
        return switch (d.verdict()) {
            case ALLOWED -> new MappingCheck(EdgeStatus.OK, reason, d);
            case EXPLICIT_DENY, NO_MATCHING_ALLOW -> new MappingCheck(EdgeStatus.BROKEN, reason, d);
            case UNPROVABLE -> new MappingCheck(EdgeStatus.UNPROVABLE, reason, d);
        };
    }
}
