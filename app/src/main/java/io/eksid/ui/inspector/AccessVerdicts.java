package io.eksid.ui.inspector;

import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.graph.EdgeKind;
import io.eksid.model.graph.EdgeStatus;
import io.eksid.model.graph.EffectiveIdentity;
import io.eksid.model.graph.GraphEdge;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.MappingCheck;
import io.eksid.model.graph.NodeIds;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.model.trust.TrustDecision;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Whether an identity actually works, in one sentence: green only when the mapping the pod (or a new pod) uses is
 * proven to work, red when it cannot, amber when it cannot be proven. Derived from the graph's mapping checks
 * (the trust verdict, the association's link to its service account and the agent), so a pod that carries IRSA
 * variables for a role that does not trust its service account never reads as healthy. Pure: no FX.
 */
public final class AccessVerdicts {

    /** How an answer is coloured. */
    public enum Tone { WORKS, FAILS, UNPROVEN, NEUTRAL }

    /** The answer an admin reads first. */
    public record Verdict(Tone tone, String headline, String why) {
        public Verdict {
            Objects.requireNonNull(tone, "tone");
            why = why == null ? "" : why;
        }

        /** The inspector's field tone for this verdict. */
        public String fieldTone() {
            return switch (tone) {
                case WORKS -> "ok";
                case FAILS -> "error";
                case UNPROVEN -> "warn";
                case NEUTRAL -> "";
            };
        }
    }

    private AccessVerdicts() {
    }

    /** What a running pod's AWS calls get, judged by the credentials it was started with. */
    public static Verdict pod(IdentityGraph g, PodInfo pod) {
        EffectiveIdentity id = g.effectiveIdentity(pod).orElse(null);
        ServiceAccountIdentity sa = g.serviceAccount(new ServiceAccountRef(pod.namespace(), pod.serviceAccount()))
                .orElse(null);
        if (id == null || sa == null) {
            return new Verdict(Tone.UNPROVEN, "This pod's identity is not known yet", "");
        }
        String role = shortRole(id.roleArn());
        return switch (id.mechanism()) {
            case IRSA -> {
                MappingCheck check = sa.irsaCheck();
                if (check == null || !Objects.equals(id.roleArn(), sa.irsaAnnotation())) {
                    yield new Verdict(Tone.UNPROVEN, "This pod calls AWS as role " + role + " through IRSA, which "
                            + "is no longer what its service account names", id.reason());
                }
                EdgeStatus working = irsaWorking(check);
                yield switch (working) {
                    case OK, SHADOWED -> new Verdict(Tone.WORKS, "This pod's AWS calls use role " + role
                            + " through IRSA", check.reason());
                    case BROKEN -> new Verdict(Tone.FAILS, "This pod's AWS calls fail: " + irsaFailure(check, role,
                            sa), check.reason());
                    case UNPROVABLE -> new Verdict(Tone.UNPROVEN, "Cannot prove this pod's AWS access through IRSA "
                            + "(role " + role + ")", check.reason());
                };
            }
            case POD_IDENTITY -> podIdentity(g, sa, "This pod's", id.roleArn());
            case NODE_ROLE -> new Verdict(Tone.NEUTRAL, "This pod uses the node's instance role (no pod identity)",
                    id.reason());
            case NONE -> new Verdict(Tone.FAILS, "This pod has no AWS credentials", id.reason());
        };
    }

    /** What a pod created now as this service account would get. */
    public static Verdict newPods(IdentityGraph g, ServiceAccountIdentity sa) {
        var expected = sa.newPod();
        String role = shortRole(expected.roleArn());
        return switch (expected.mechanism()) {
            case IRSA -> {
                MappingCheck c = sa.irsaCheck();
                EdgeStatus st = c == null ? EdgeStatus.UNPROVABLE : c.status();
                yield switch (st) {
                    case OK, SHADOWED -> new Verdict(Tone.WORKS, "New pods get role " + role + " through IRSA",
                            c == null ? "" : c.reason());
                    case BROKEN -> new Verdict(Tone.FAILS, "New pods' AWS calls fail: " + irsaFailure(c, role, sa),
                            c.reason());
                    case UNPROVABLE -> new Verdict(Tone.UNPROVEN, "Cannot prove that new pods get role " + role
                            + " through IRSA", c == null ? "" : c.reason());
                };
            }
            case POD_IDENTITY -> podIdentity(g, sa, "New pods'", expected.roleArn());
            case NODE_ROLE -> new Verdict(Tone.NEUTRAL, "New pods use the node's instance role (no pod identity)",
                    expected.reason());
            case NONE -> new Verdict(sa.exists() ? Tone.FAILS : Tone.NEUTRAL, "New pods get no AWS credentials",
                    expected.reason());
        };
    }

    /** Whether an association serves its service account's pods. */
    public static Verdict association(IdentityGraph g, ServiceAccountIdentity sa) {
        if (sa.association() == null) {
            return new Verdict(Tone.UNPROVEN, "This association is not matched to " + sa.ref(), "");
        }
        MappingCheck link = associationLink(g, sa);
        if (link != null && link.status() == EdgeStatus.BROKEN) {
            return new Verdict(Tone.FAILS, "No pod gets credentials from this association: " + link.reason(), "");
        }
        Verdict v = podIdentity(g, sa, "New pods'", sa.newPod().roleArn());
        return v;
    }

    private static Verdict podIdentity(IdentityGraph g, ServiceAccountIdentity sa, String whose, String roleArn) {
        String role = shortRole(roleArn);
        if (sa.association() == null) {
            return new Verdict(Tone.FAILS, whose + " AWS calls fail: it carries Pod Identity variables but "
                    + sa.ref() + " has no association", "");
        }
        MappingCheck link = associationLink(g, sa);
        if (link != null && link.status() == EdgeStatus.BROKEN) {
            return new Verdict(Tone.FAILS, whose + " AWS calls fail: " + link.reason(), "");
        }
        MappingCheck c = sa.podIdentityCheck();
        if (c != null && c.status() == EdgeStatus.BROKEN) {
            return new Verdict(Tone.FAILS, whose + " AWS calls fail: role " + shortRole(sa.association().roleArn())
                    + " does not trust EKS Pod Identity", c.reason());
        }
        MappingCheck target = sa.targetRoleCheck();
        if (target != null && target.status() == EdgeStatus.BROKEN) {
            return new Verdict(Tone.FAILS, whose + " AWS calls fail: target role " + role + " does not trust "
                    + shortRole(sa.association().roleArn()), target.reason());
        }
        if (c == null || c.status() != EdgeStatus.OK || link == null || link.status() != EdgeStatus.OK
                || target != null && target.status() != EdgeStatus.OK) {
            return new Verdict(Tone.UNPROVEN, "Cannot prove " + whose.toLowerCase(java.util.Locale.ROOT)
                    + " AWS access through Pod Identity (role " + role + ")", c == null ? "" : c.reason());
        }
        return new Verdict(Tone.WORKS, (whose.equals("New pods'") ? "New pods get" : "This pod gets") + " role "
                + role + " through Pod Identity", "association " + sa.association().associationId());
    }

    /** "role X does not trust ns/sa" when the trust decided it, else the check's own reason. */
    private static String irsaFailure(MappingCheck c, String role, ServiceAccountIdentity sa) {
        TrustDecision d = c.decision();
        if (d != null && !d.allowed() && d.verdict() != io.eksid.model.trust.Verdict.UNPROVABLE) {
            return "role " + role + " does not trust " + sa.ref();
        }
        return c.reason();
    }

    /** A shadowed IRSA check carries the verdict IRSA alone would have in its decision. */
    private static EdgeStatus irsaWorking(MappingCheck check) {
        if (check.status() != EdgeStatus.SHADOWED) {
            return check.status();
        }
        TrustDecision d = check.decision();
        if (d == null) {
            return EdgeStatus.UNPROVABLE;
        }
        return switch (d.verdict()) {
            case ALLOWED -> EdgeStatus.OK;
            case EXPLICIT_DENY, NO_MATCHING_ALLOW -> EdgeStatus.BROKEN;
            case UNPROVABLE -> EdgeStatus.UNPROVABLE;
        };
    }

    /** The service account → association edge's verdict (association's namespace, service account, agent). */
    static MappingCheck associationLink(IdentityGraph g, ServiceAccountIdentity sa) {
        String assocId = NodeIds.association(sa.association().associationId(), sa.ref());
        for (GraphEdge e : g.edgesFrom(sa.nodeId())) {
            if (e.kind() == EdgeKind.ASSOCIATION && e.to().equals(assocId)) {
                return MappingCheck.of(e.status(), e.reason());
            }
        }
        return null;
    }

    /** The association's link (agent, service account) and its role's trust both work. */
    public static boolean associationWorks(IdentityGraph g, ServiceAccountIdentity sa) {
        if (sa.association() == null || sa.podIdentityCheck() == null
                || sa.podIdentityCheck().status() != EdgeStatus.OK) {
            return false;
        }
        MappingCheck link = associationLink(g, sa);
        return link != null && link.status() == EdgeStatus.OK;
    }

    /**
     * Converted, clean-up pending: the association works and names the same role as the IRSA annotation still on
     * the service account. That is success; removing the annotation is the optional last step.
     */
    public static Set<String> cleanUpPending(IdentityGraph g) {
        Set<String> out = new HashSet<>();
        for (ServiceAccountIdentity sa : g.serviceAccounts()) {
            if (cleanUpPending(g, sa)) {
                out.add(sa.nodeId());
            }
        }
        return out;
    }

    public static boolean cleanUpPending(IdentityGraph g, ServiceAccountIdentity sa) {
        return sa.irsaShadowed() && sa.irsaRole() != null && associationWorks(g, sa)
                && sa.irsaRole().toString().equals(sa.association().roleArn());
    }

    static String shortRole(String arn) {
        return arn == null ? "(none)" : arn.substring(arn.lastIndexOf('/') + 1);
    }
}
