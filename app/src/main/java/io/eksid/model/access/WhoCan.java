package io.eksid.model.access;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.RolePermissions;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.access.AccessDecision.Decision;
import io.eksid.model.graph.CredentialStatus;
import io.eksid.model.graph.EdgeStatus;
import io.eksid.model.graph.EffectiveIdentity;
import io.eksid.model.graph.ExpectedIdentity;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.MappingCheck;
import io.eksid.model.graph.Mechanism;
import io.eksid.model.graph.ServiceAccountIdentity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "Who in this cluster can call {@code action} on {@code resource}?": every service account, by what a new pod of
 * it would get, and each of its running pods by the identity that pod really carries (its credential variables
 * were fixed when it started), each with the {@link PermissionEvaluator}'s decision for that session.
 *
 * <p>Before permissions, credentials: a mapping whose trust does not admit the session, or Pod Identity without
 * a running agent, gives the pod no credentials at all, so it can do nothing. A role whose permissions were not
 * read, and the node's instance role (not read), give UNKNOWN with the reason.
 */
public final class WhoCan {

    /** One running pod's answer. */
    public record PodAnswer(String name, String uid, Mechanism mechanism, String roleArn, AccessDecision decision) {
    }

    /**
     * One service account's answer, for a pod created now; {@code pods} are its running pods.
     *
     * @param targetRoleArn the association's target role (the session the application ends up with), or null
     */
    public record Principal(ServiceAccountRef serviceAccount, Mechanism mechanism, String roleArn,
                            String targetRoleArn, AccessDecision decision, List<PodAnswer> pods) {

        public Principal {
            pods = List.copyOf(pods);
        }

        /** The service account or one of its pods may. */
        public boolean anyAllowed() {
            return decision.allowed() || pods.stream().anyMatch(p -> p.decision().allowed());
        }
    }

    /** The whole answer: allowed principals first. {@code unknown} gathers what no decision could see. */
    public record Answer(AccessRequest request, String cluster, List<Principal> principals, List<String> unknown) {

        public Answer {
            principals = List.copyOf(principals);
            unknown = List.copyOf(unknown);
        }
    }

    private final PermissionEvaluator evaluator;

    public WhoCan(PermissionEvaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    /** @param namespaces only these namespaces; empty for all */
    public Answer ask(ClusterSnapshot snapshot, IdentityGraph graph, AccessRequest request, Set<String> namespaces) {
        List<Principal> principals = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (ServiceAccountIdentity sa : graph.serviceAccounts()) {
            if (!sa.exists() || !namespaces.isEmpty() && !namespaces.contains(sa.ref().namespace())) {
                continue;
            }
            // A service account with no pod-level identity and no pods is nobody's principal right now.
            Mechanism m = sa.newPod().mechanism();
            if ((m == Mechanism.NODE_ROLE || m == Mechanism.NONE) && graph.podsOf(sa.ref()).isEmpty()) {
                continue;
            }
            Principal p = forServiceAccount(snapshot, graph, sa, request);
            principals.add(p);
            unknown.addAll(p.decision().unknown());
            p.pods().forEach(pod -> unknown.addAll(pod.decision().unknown()));
        }
        principals.sort(Comparator.comparingInt(WhoCan::rank)
                .thenComparing(p -> p.serviceAccount().namespace())
                .thenComparing(p -> p.serviceAccount().name()));
        return new Answer(request, snapshot.cluster().name(), principals, List.copyOf(unknown));
    }

    public Principal forServiceAccount(ClusterSnapshot snapshot, IdentityGraph graph, ServiceAccountIdentity sa,
                                       AccessRequest request) {
        ExpectedIdentity expected = sa.newPod();
        PodIdentityAssociation assoc = expected.mechanism() == Mechanism.POD_IDENTITY ? sa.association() : null;
        String roleArn = assoc != null ? assoc.roleArn() : expected.roleArn();
        String target = assoc == null || assoc.targetRoleArn() == null || assoc.targetRoleArn().isBlank()
                ? null : assoc.targetRoleArn();
        AccessDecision decision = decide(snapshot, graph, sa, expected.mechanism(), expected.roleArn(), null, null,
                request, false);
        List<PodAnswer> pods = new ArrayList<>();
        for (PodInfo pod : graph.podsOf(sa.ref())) {
            pods.add(forPod(snapshot, graph, sa, pod, request));
        }
        pods.sort(Comparator.comparing(PodAnswer::name));
        return new Principal(sa.ref(), expected.mechanism(), roleArn, target, decision, pods);
    }

    /** One running pod, by the credentials it carries (which may be stale). */
    public PodAnswer forPod(ClusterSnapshot snapshot, IdentityGraph graph, ServiceAccountIdentity sa, PodInfo pod,
                            AccessRequest request) {
        Optional<EffectiveIdentity> effective = graph.effectiveIdentity(pod);
        Mechanism mechanism = effective.map(EffectiveIdentity::mechanism).orElse(Mechanism.NONE);
        String role = effective.map(EffectiveIdentity::roleArn).orElse(null);
        // The graph judged this pod's own credentials, with its session tags (an ABAC trust on the pod's name
        // admits some pods of a service account and refuses others): that beats the service account's verdict.
        CredentialStatus credentials = effective.map(EffectiveIdentity::credentials)
                .orElse(CredentialStatus.NOT_APPLICABLE);
        if (credentials == CredentialStatus.REFUSED) {
            return new PodAnswer(pod.name(), pod.uid(), mechanism, role, noCredentials(Decision.IMPLICIT_DENY,
                    "gets no credentials: " + effective.get().credentialsReason()));
        }
        AccessDecision d = decide(snapshot, graph, sa, mechanism, role, pod.name(), pod.uid(), request,
                credentials == CredentialStatus.WORKS);
        return new PodAnswer(pod.name(), pod.uid(), mechanism, role, d);
    }

    /**
     * The decision for a session of {@code appRole} obtained by {@code mechanism}; pod name and uid are null when
     * asked for the service account as a whole; {@code admitted} when the graph found this pod's credentials work.
     */
    private AccessDecision decide(ClusterSnapshot snapshot, IdentityGraph graph, ServiceAccountIdentity sa,
                                  Mechanism mechanism, String appRole, String podName, String podUid,
                                  AccessRequest request, boolean admitted) {
        switch (mechanism) {
            case NONE -> {
                return noCredentials(Decision.IMPLICIT_DENY, "no AWS identity");
            }
            case NODE_ROLE -> {
                return noCredentials(Decision.UNKNOWN, "uses the node's instance role through IMDS, whose policies "
                        + "are not read");
            }
            default -> {
            }
        }
        if (appRole == null) {
            return noCredentials(Decision.IMPLICIT_DENY, "carries " + mechanism + " variables but no role answers "
                    + "them any more");
        }
        // When the pod's own trust check passed there is no mapping left to check.
        if (!admitted && mechanism == Mechanism.POD_IDENTITY) {
            PodIdentityAssociation assoc = sa.association();
            if (assoc == null) {
                return noCredentials(Decision.IMPLICIT_DENY, "carries Pod Identity variables but the association "
                        + "is gone: credential requests fail");
            }
            if (!graph.agentStatus().present()) {
                return noCredentials(Decision.IMPLICIT_DENY, "the Pod Identity agent is not running ("
                        + graph.agentStatus().reason() + "): credential requests fail");
            }
            Optional<AccessDecision> broken = brokenMapping(sa.podIdentityCheck(), "association role");
            if (broken.isEmpty() && appRole.equals(assoc.targetRoleArn())) {
                broken = brokenMapping(sa.targetRoleCheck(), "target role");
            }
            if (broken.isPresent()) {
                return broken.get();
            }
        } else if (!admitted && appRole.equals(sa.irsaAnnotation())) {
            Optional<AccessDecision> broken = brokenMapping(sa.irsaCheck(), "IRSA role");
            if (broken.isPresent()) {
                return broken.get();
            }
        }
        SessionIdentity session = session(snapshot, sa, mechanism, appRole, podName, podUid).orElseThrow();
        Optional<RolePermissions> permissions = snapshot.rolePermissions(appRole);
        if (permissions.isEmpty()) {
            String why = snapshot.unreadablePermissions().get(appRole);
            return noCredentials(Decision.UNKNOWN, "the permissions of " + appRole + " are not known"
                    + (why == null ? " yet (not read)" : ": " + why));
        }
        try {
            return evaluator.evaluate(permissions.get(), session, request);
        } catch (IllegalArgumentException e) {
            return noCredentials(Decision.UNKNOWN, e.getMessage());
        }
    }

    /**
     * The role session a pod of {@code sa} gets by {@code mechanism} for {@code appRole} (pod name and uid null for
     * the service account as a whole); empty for the node role, no identity, or Pod Identity without association.
     */
    public static Optional<SessionIdentity> session(ClusterSnapshot snapshot, ServiceAccountIdentity sa,
                                                    Mechanism mechanism, String appRole, String podName,
                                                    String podUid) {
        if (appRole == null) {
            return Optional.empty();
        }
        if (mechanism == Mechanism.POD_IDENTITY) {
            PodIdentityAssociation assoc = sa.association();
            if (assoc == null) {
                return Optional.empty();
            }
            String clusterArn = snapshot.cluster().arn() == null ? "" : snapshot.cluster().arn();
            return Optional.of(SessionIdentity.podIdentity(appRole, clusterArn, sa.ref().namespace(), sa.ref().name(),
                    podName, podUid, !assoc.disableSessionTags(), blankToNull(assoc.policy())));
        }
        if (mechanism == Mechanism.IRSA) {
            return Optional.of(SessionIdentity.irsa(appRole, sa.ref().namespace(), sa.ref().name()));
        }
        return Optional.empty();
    }

    /**
     * The session tags EKS sends with this session: none for IRSA or with session tags disabled; a null value is a
     * pod tag not known because the question is for the service account as a whole.
     */
    public static java.util.Map<String, String> sessionTags(SessionIdentity session) {
        if (session.mechanism() != SessionIdentity.Mechanism.POD_IDENTITY || !session.sessionTags()) {
            return java.util.Map.of();
        }
        return SessionKeys.sessionTags(session);
    }

    /** A mapping that cannot give credentials: broken is a denial of everything, unprovable is unknown. */
    private static Optional<AccessDecision> brokenMapping(MappingCheck check, String what) {
        if (check == null || check.status() == EdgeStatus.OK || check.status() == EdgeStatus.SHADOWED) {
            return Optional.empty();
        }
        if (check.status() == EdgeStatus.UNPROVABLE) {
            return Optional.of(noCredentials(Decision.UNKNOWN, "whether the " + what + " admits it is not known: "
                    + check.reason()));
        }
        return Optional.of(noCredentials(Decision.IMPLICIT_DENY, "gets no credentials: the " + what
                + " mapping is broken (" + check.reason() + ")"));
    }

    private static AccessDecision noCredentials(Decision decision, String reason) {
        return new AccessDecision(decision, List.of(), List.of(), reason);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Allowed (the account or any pod) first, then unknown, then denied. */
    private static int rank(Principal p) {
        if (p.anyAllowed()) {
            return 0;
        }
        if (p.decision().decision() == Decision.UNKNOWN
                || p.pods().stream().anyMatch(x -> x.decision().decision() == Decision.UNKNOWN)) {
            return 1;
        }
        return 2;
    }
}
