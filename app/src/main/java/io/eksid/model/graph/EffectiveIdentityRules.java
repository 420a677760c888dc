package io.eksid.model.graph;

import io.eksid.model.PodCredentials;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * A running pod's identity comes from the variables it was created with, not from the service account's current
 * state (running pods are not changed, FACTS.md "Pod Identity runtime"). It is stale when that differs from what
 * a new pod of the same service account, on the same kind of node, would get now.
 */
final class EffectiveIdentityRules {

    private EffectiveIdentityRules() {
    }

    static EffectiveIdentity of(PodInfo pod, ServiceAccountIdentity sa) {
        ExpectedIdentity expected = sa.expectedFor(pod.fargate(), pod.windows());
        PodCredentials creds = pod.credentials();
        PodIdentityAssociation assoc = sa.association();
        Mechanism carried;
        String role;
        if (creds.podIdentity() && (pod.fargate() || pod.windows())) {
            // Nothing serves the Pod Identity variables there: no agent on Fargate or Windows nodes.
            carried = Mechanism.NONE;
            role = null;
        } else if (creds.podIdentity()) {
            // The agent looks the association up when the pod asks for credentials, so a pod with Pod Identity
            // variables follows the association's current role; without an association its requests fail.
            carried = Mechanism.POD_IDENTITY;
            role = assoc == null ? null : NewPodIdentityRules.appRole(assoc);
        } else if (creds.irsa()) {
            carried = Mechanism.IRSA;
            role = creds.irsaRoleArn();
        } else {
            carried = pod.fargate() ? Mechanism.NONE : Mechanism.NODE_ROLE;
            role = null;
        }
        boolean stale = carried != expected.mechanism() || !Objects.equals(role, expected.roleArn());
        String reason = stale ? staleReason(pod, sa, carried, role, expected) : currentReason(pod, carried, role, expected);
        return new EffectiveIdentity(carried, role, stale, expected.mechanism(), reason,
                CredentialStatus.NOT_APPLICABLE, "");
    }

    private static String currentReason(PodInfo pod, Mechanism carried, String role, ExpectedIdentity expected) {
        return switch (carried) {
            case POD_IDENTITY, IRSA -> describe(carried, role) + ", as a new pod would get (" + expected.reason() + ")";
            case NODE_ROLE -> expected.reason();
            case NONE -> pod.credentials().podIdentity()
                    ? "carries Pod Identity variables, but Pod Identity does not work on "
                    + (pod.fargate() ? "Fargate" : "Windows nodes") + ": no AWS identity" : expected.reason();
        };
    }

    private static String staleReason(PodInfo pod, ServiceAccountIdentity sa, Mechanism carried, String role,
                                      ExpectedIdentity expected) {
        String now = "a new pod would get " + describe(expected.mechanism(), expected.roleArn());
        if (!sa.exists()) {
            return "runs on " + describe(carried, role) + " but service account " + sa.ref()
                    + " no longer exists; " + now;
        }
        if (carried == Mechanism.POD_IDENTITY && sa.association() == null) {
            return "carries Pod Identity variables but service account " + sa.ref()
                    + " has no association any more: its credential requests fail; " + now;
        }
        if (carried == Mechanism.IRSA && expected.mechanism() == Mechanism.IRSA) {
            return "carries AWS_ROLE_ARN " + role + " but the annotation now names " + expected.roleArn()
                    + "; it keeps the old role until restarted";
        }
        if (expected.mechanism() == Mechanism.POD_IDENTITY) {
            PodIdentityAssociation assoc = sa.association();
            if (startedBefore(pod.startTime(), assoc.createdAt())) {
                return "started " + pod.startTime() + ", before association " + assoc.associationId()
                        + " was created (" + assoc.createdAt() + "): runs on " + describe(carried, role) + "; " + now;
            }
            return "runs on " + describe(carried, role) + " although association " + assoc.associationId()
                    + " exists (created while the pod was being admitted, or the webhook missed it); " + now;
        }
        if (carried == Mechanism.POD_IDENTITY) {
            return "carries Pod Identity variables but " + expected.reason() + "; " + now;
        }
        if (expected.mechanism() == Mechanism.IRSA) {
            return "runs on " + describe(carried, role) + ": it started before the IRSA annotation was set; " + now;
        }
        if (carried == Mechanism.IRSA) {
            return "carries AWS_ROLE_ARN " + role + " but the IRSA annotation was removed; " + now;
        }
        return "runs on " + describe(carried, role) + "; " + now;
    }

    private static boolean startedBefore(Instant podStart, Instant created) {
        return podStart != null && created != null && podStart.isBefore(created);
    }

    static String describe(Mechanism mechanism, String role) {
        return switch (mechanism) {
            case POD_IDENTITY -> role == null ? "Pod Identity (no role)" : "Pod Identity with role " + role;
            case IRSA -> "IRSA with role " + role;
            case NODE_ROLE -> "the node's instance role";
            case NONE -> "no AWS identity";
        };
    }
}
