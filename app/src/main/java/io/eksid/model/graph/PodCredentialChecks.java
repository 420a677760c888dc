package io.eksid.model.graph;

import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides, per pod, whether the credential variables it carries really get it its role: an IRSA pod needs the
 * role's trust to admit its service account's token; a Pod Identity pod needs an association, a reachable agent
 * and role trusts that admit the pod with its own session tags (an ABAC trust on {@code kubernetes-pod-name}
 * admits some pods of a service account and not others). Service-account level checks are reused; only what
 * differs per pod is evaluated again.
 */
final class PodCredentialChecks {

    private final MappingChecker checker;
    private final MappingChecker staleRoles;
    private final AgentStatus agent;
    private final Set<String> namespaces;
    private final Map<String, MappingCheck> irsaByRole = new HashMap<>();

    /**
     * @param staleRoles a checker with its own role resolver, for roles only running pods still name: they are
     *                   checked, but do not become nodes of the graph
     */
    PodCredentialChecks(MappingChecker checker, MappingChecker staleRoles, AgentStatus agent, Set<String> namespaces) {
        this.checker = checker;
        this.staleRoles = staleRoles;
        this.agent = agent;
        this.namespaces = namespaces;
    }

    EffectiveIdentity check(PodInfo pod, EffectiveIdentity identity, ServiceAccountIdentity sa) {
        return switch (identity.mechanism()) {
            case IRSA -> irsa(identity, sa);
            case POD_IDENTITY -> podIdentity(pod, identity, sa);
            case NODE_ROLE, NONE -> identity.withCredentials(CredentialStatus.NOT_APPLICABLE, identity.reason());
        };
    }

    private EffectiveIdentity irsa(EffectiveIdentity identity, ServiceAccountIdentity sa) {
        String role = identity.roleArn();
        if (role == null || role.isBlank()) {
            return identity.withCredentials(CredentialStatus.REFUSED, "AWS_ROLE_ARN is empty: STS rejects the"
                    + " request");
        }
        MappingCheck check;
        MappingCheck saCheck = sa.irsaCheck();
        if (role.equals(sa.irsaAnnotation()) && saCheck != null && saCheck.status() != EdgeStatus.SHADOWED) {
            check = saCheck;
        } else {
            // A stale pod's role, or an annotation shadowed by an association: the pod still uses IRSA itself.
            ServiceAccountRef ref = sa.ref();
            check = irsaByRole.computeIfAbsent(ref + "|" + role, k -> staleRoles.irsa(ref, role, sa.audience(), null));
        }
        return identity.withCredentials(status(check), "IRSA with role " + role + ": " + check.reason());
    }

    private EffectiveIdentity podIdentity(PodInfo pod, EffectiveIdentity identity, ServiceAccountIdentity sa) {
        PodIdentityAssociation assoc = sa.association();
        if (assoc == null) {
            return identity.withCredentials(CredentialStatus.REFUSED, "it carries Pod Identity variables but "
                    + sa.ref() + " has no association: every credential request fails");
        }
        MappingCheck link = checker.associationLink(assoc, namespaces.contains(assoc.namespace()), sa.exists(),
                agent);
        if (link.status() == EdgeStatus.BROKEN) {
            return identity.withCredentials(CredentialStatus.REFUSED, link.reason());
        }
        MappingCheck role = perPod(sa.podIdentityCheck(), assoc, pod, false);
        if (role == null) {
            return identity.withCredentials(CredentialStatus.UNPROVABLE, "association " + assoc.associationId()
                    + " has not been checked");
        }
        MappingCheck target = sa.targetRoleCheck() == null ? null : perPod(sa.targetRoleCheck(), assoc, pod, true);
        String roleWhy = "association role " + assoc.roleArn() + ": " + role.reason();
        if (role.status() == EdgeStatus.BROKEN) {
            return identity.withCredentials(CredentialStatus.REFUSED, roleWhy);
        }
        if (target != null && target.status() == EdgeStatus.BROKEN) {
            return identity.withCredentials(CredentialStatus.REFUSED, "target role " + assoc.targetRoleArn() + ": "
                    + target.reason());
        }
        if (role.status() == EdgeStatus.UNPROVABLE) {
            return identity.withCredentials(CredentialStatus.UNPROVABLE, roleWhy);
        }
        if (target != null && target.status() == EdgeStatus.UNPROVABLE) {
            return identity.withCredentials(CredentialStatus.UNPROVABLE, "target role " + assoc.targetRoleArn()
                    + ": " + target.reason());
        }
        return identity.withCredentials(CredentialStatus.WORKS, roleWhy + (target == null ? ""
                : "; target role " + assoc.targetRoleArn() + ": " + target.reason()));
    }

    /**
     * The association-level check, or, when it could not be decided and the session tags carry the pod's name
     * and uid, the same check for this pod.
     */
    private MappingCheck perPod(MappingCheck saLevel, PodIdentityAssociation assoc, PodInfo pod, boolean target) {
        if (saLevel == null || saLevel.status() != EdgeStatus.UNPROVABLE || saLevel.decision() == null
                || assoc.disableSessionTags() || pod.uid() == null) {
            return saLevel;
        }
        return target ? checker.targetRoleForPod(assoc, pod.name(), pod.uid())
                : checker.associationRoleForPod(assoc, pod.name(), pod.uid());
    }

    private static CredentialStatus status(MappingCheck check) {
        return switch (check.status()) {
            case OK -> CredentialStatus.WORKS;
            case BROKEN -> CredentialStatus.REFUSED;
            case UNPROVABLE, SHADOWED -> CredentialStatus.UNPROVABLE;
        };
    }
}
