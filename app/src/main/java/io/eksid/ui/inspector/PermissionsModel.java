package io.eksid.ui.inspector;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.NamedPolicy;
import io.eksid.model.PodInfo;
import io.eksid.model.RolePermissions;
import io.eksid.model.access.AccessDecision;
import io.eksid.model.access.AccessRequest;
import io.eksid.model.access.PermissionEvaluator;
import io.eksid.model.access.SessionIdentity;
import io.eksid.model.access.WhoCan;
import io.eksid.model.graph.EffectiveIdentity;
import io.eksid.model.graph.ExpectedIdentity;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.Mechanism;
import io.eksid.model.graph.NodeId;
import io.eksid.model.graph.ServiceAccountIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the inspector's Permissions section shows for a pod, a service account or a role, as plain data: the
 * role whose session it is, its policies (pretty-printed, statement by statement), the session tags sent, and the
 * answer to a "Can it…?" question. No JavaFX: tested directly.
 */
public final class PermissionsModel {

    /** Common actions offered as completions in the "Can it…?" box. */
    public static final List<String> COMMON_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject",
            "s3:ListBucket", "s3:GetBucketLocation", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
            "dynamodb:Scan", "dynamodb:UpdateItem", "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
            "sns:Publish", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "secretsmanager:GetSecretValue",
            "ssm:GetParameter", "ssm:GetParameters", "sts:AssumeRole", "sts:TagSession", "iam:PassRole",
            "ec2:DescribeInstances", "ecr:GetAuthorizationToken", "ecr:BatchGetImage", "logs:PutLogEvents",
            "logs:CreateLogStream", "cloudwatch:PutMetricData", "kinesis:PutRecord", "es:ESHttpGet",
            "es:ESHttpPost", "route53:ChangeResourceRecordSets", "elasticloadbalancing:CreateLoadBalancer",
            "autoscaling:SetDesiredCapacity", "bedrock:InvokeModel", "aps:RemoteWrite");

    /** One policy as shown: where it comes from, its name and version, the text and its statement lines. */
    public record PolicyView(String label, String name, PolicyText text) {
    }

    /**
     * The subject of the section.
     *
     * @param roleArn      the role whose session it is (the target role when chained), or null
     * @param sessionTags  the tags sent with the session (empty for IRSA or with session tags disabled)
     * @param unavailable  why there is nothing to evaluate (node role, permissions not read...), or null
     */
    public record Subject(String nodeId, String description, String roleArn, Mechanism mechanism,
                          Map<String, String> sessionTags, List<PolicyView> policies, String unavailable) {
    }

    /** The answer to "Can it…?": the decision and, per policy name, the statement indexes that decided. */
    public record Answer(AccessDecision decision, Map<String, List<Integer>> decidingStatements) {
    }

    private final PermissionEvaluator evaluator = new PermissionEvaluator();
    private final WhoCan whoCan = new WhoCan(evaluator);

    /** Empty when the node is not a pod, a service account or a role. */
    public Optional<Subject> subject(IdentityState state, String nodeId) {
        if (state == null || nodeId == null) {
            return Optional.empty();
        }
        ClusterSnapshot snapshot = state.snapshot();
        IdentityGraph graph = state.graph();
        NodeId id = NodeId.tryParse(nodeId).orElse(null);
        if (id instanceof NodeId.Pod p) {
            return pod(snapshot, graph, nodeId, p);
        }
        if (id instanceof NodeId.ServiceAccount s) {
            return graph.serviceAccount(s.ref())
                    .map(sa -> {
                        ExpectedIdentity e = sa.newPod();
                        Optional<SessionIdentity> session = WhoCan.session(snapshot, sa, e.mechanism(), e.roleArn(),
                                null, null);
                        return subject(snapshot, nodeId, "A new pod of " + sa.ref() + " (" + e.reason() + ")",
                                e.roleArn(), e.mechanism(), session);
                    });
        }
        if (id instanceof NodeId.Role r) {
            return Optional.of(subject(snapshot, nodeId, "A session of this role without session tags; select a pod "
                    + "for the tags it sends", r.arn(), Mechanism.IRSA, Optional.empty()));
        }
        return Optional.empty();
    }

    private Optional<Subject> pod(ClusterSnapshot snapshot, IdentityGraph graph, String nodeId, NodeId.Pod podId) {
        String ref = podId.namespace() + "/" + podId.name();
        Optional<PodInfo> pod = snapshot.pod(podId.namespace(), podId.name());
        if (pod.isEmpty()) {
            return Optional.empty();
        }
        PodInfo p = pod.get();
        Optional<ServiceAccountIdentity> sa = graph.serviceAccount(p.serviceAccountRef());
        Optional<EffectiveIdentity> id = graph.effectiveIdentity(p);
        Mechanism m = id.map(EffectiveIdentity::mechanism).orElse(Mechanism.NONE);
        String role = id.map(EffectiveIdentity::roleArn).orElse(null);
        Optional<SessionIdentity> session = sa.flatMap(s -> WhoCan.session(snapshot, s, m, role, p.name(), p.uid()));
        return Optional.of(subject(snapshot, nodeId, "Pod " + ref + " with the credentials it started with", role, m,
                session));
    }

    private static Subject subject(ClusterSnapshot snapshot, String nodeId, String description, String roleArn,
                                   Mechanism mechanism, Optional<SessionIdentity> session) {
        Map<String, String> tags = session.map(WhoCan::sessionTags).orElse(Map.of());
        if (roleArn == null) {
            String why = switch (mechanism) {
                case NODE_ROLE -> "It uses the node's instance role, whose policies are not read.";
                case NONE -> "It has no AWS identity.";
                default -> "No role answers its credential variables.";
            };
            return new Subject(nodeId, description, null, mechanism, tags, List.of(), why);
        }
        Optional<RolePermissions> perms = snapshot.rolePermissions(roleArn);
        if (perms.isEmpty()) {
            String why = snapshot.unreadablePermissions().get(roleArn);
            return new Subject(nodeId, description, roleArn, mechanism, tags, List.of(), "The permissions of "
                    + roleArn + " are not known" + (why == null ? " yet." : ": " + why));
        }
        List<PolicyView> views = new ArrayList<>();
        for (NamedPolicy p : perms.get().identityPolicies()) {
            views.add(view(p));
        }
        if (perms.get().boundary() != null) {
            views.add(view(perms.get().boundary()));
        }
        session.map(SessionIdentity::sessionPolicy).ifPresent(doc -> views.add(new PolicyView("Session policy",
                "association session policy", PolicyText.of(doc))));
        return new Subject(nodeId, description, roleArn, mechanism, tags, views, null);
    }

    private static PolicyView view(NamedPolicy p) {
        String kind = switch (p.source()) {
            case MANAGED -> "Managed";
            case INLINE -> "Inline";
            case BOUNDARY -> "Boundary";
            case SESSION -> "Session policy";
        };
        String shortName = p.name().substring(p.name().lastIndexOf('/') + 1);
        return new PolicyView(kind + ": " + shortName + (p.versionId() == null ? "" : " (" + p.versionId() + ")"),
                p.name(), PolicyText.of(p.document()));
    }

    /** Evaluates "may this subject call {@code action} on {@code resource}?". */
    public Answer check(IdentityState state, Subject subject, String action, String resource) {
        String a = action == null ? "" : action.strip();
        String r = resource == null ? "" : resource.strip();
        if (!a.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
            throw new IllegalArgumentException("Enter an action like s3:GetObject");
        }
        if (!r.equals("*") && !r.startsWith("arn:")) {
            throw new IllegalArgumentException("Enter a resource ARN like arn:aws:s3:::bucket/key");
        }
        AccessRequest request = new AccessRequest(a, r, Map.of());
        AccessDecision d = decide(state, subject, request);
        Map<String, List<Integer>> deciding = new java.util.LinkedHashMap<>();
        for (AccessDecision.StatementMatch m : d.statements()) {
            deciding.computeIfAbsent(m.policy(), k -> new ArrayList<>()).add(m.index());
        }
        return new Answer(d, deciding);
    }

    private AccessDecision decide(IdentityState state, Subject subject, AccessRequest request) {
        ClusterSnapshot snapshot = state.snapshot();
        IdentityGraph graph = state.graph();
        NodeId id = NodeId.tryParse(subject.nodeId()).orElse(null);
        if (id instanceof NodeId.Pod podId) {
            String ref = podId.namespace() + "/" + podId.name();
            PodInfo p = snapshot.pod(podId.namespace(), podId.name())
                    .orElseThrow(() -> new IllegalArgumentException("The pod " + ref + " is gone."));
            ServiceAccountIdentity sa = graph.serviceAccount(p.serviceAccountRef()).orElseThrow(
                    () -> new IllegalArgumentException("The service account of " + ref + " is gone."));
            return whoCan.forPod(snapshot, graph, sa, p, request).decision();
        }
        if (id instanceof NodeId.ServiceAccount saId) {
            ServiceAccountIdentity sa = graph.serviceAccount(saId.ref())
                    .orElseThrow(() -> new IllegalArgumentException("The service account is gone."));
            return whoCan.forServiceAccount(snapshot, graph, sa, request).decision();
        }
        RolePermissions perms = snapshot.rolePermissions(subject.roleArn()).orElseThrow(
                () -> new IllegalArgumentException(subject.unavailable() == null ? "The role's permissions are not known."
                        : subject.unavailable()));
        return evaluator.evaluate(perms, SessionIdentity.irsa(subject.roleArn(), "", ""), request);
    }

    /** Completions for what was typed: common actions starting with it (case-insensitive). */
    public static List<String> completions(String typed) {
        String t = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return COMMON_ACTIONS.stream().filter(a -> a.toLowerCase(Locale.ROOT).startsWith(t)).toList();
    }
}
