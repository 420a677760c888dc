package io.eksid.model.plan;

import io.eksid.model.Addon;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import io.eksid.model.IrsaAnnotations;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.Partition;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Hand-built clusters, roles and trust documents for planner and exporter tests. */
public final class PlanFixtures {

    public static final String ACCOUNT = "111122223333";
    public static final String OTHER_ACCOUNT = "444455556666";
    public static final String ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    public static final String OTHER_ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER0000000000000000000";
    public static final ClusterInfo CLUSTER = new ClusterInfo("prod", null, ACCOUNT, Partition.AWS, "eu-west-1", ISSUER,
            "1.30", "eks.5", false);

    private PlanFixtures() {
    }

    public static ConversionPlanner planner() {
        return new ConversionPlanner(new TrustEvaluator(), new TrustRewriter());
    }

    public static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    public static ServiceAccountRef ref(String text) {
        return ServiceAccountRef.parse(text);
    }

    public static ServiceAccountInfo irsaSa(String ref, String roleArn) {
        ServiceAccountRef r = ref(ref);
        return ServiceAccountInfo.of(r.namespace(), r.name(), Map.of(IrsaAnnotations.ROLE_ARN, roleArn));
    }

    public static ServiceAccountInfo plainSa(String ref) {
        ServiceAccountRef r = ref(ref);
        return ServiceAccountInfo.of(r.namespace(), r.name(), Map.of());
    }

    /** One IRSA statement of {@code issuer} (in {@code account}) for the given subjects. */
    public static String irsaStatement(String account, String issuer, List<String> serviceAccounts) {
        String host = ClusterInfo.stripIssuer(issuer);
        String subs = serviceAccounts.stream().map(s -> "\"system:serviceaccount:" + s.replace('/', ':') + "\"")
                .collect(Collectors.joining(","));
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::" + account + ":oidc-provider/"
                + host + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
                + host + ":sub\":[" + subs + "],\"" + host + ":aud\":\"sts.amazonaws.com\"}}}";
    }

    public static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    public static String irsaTrust(String... serviceAccounts) {
        return policy(irsaStatement(ACCOUNT, ISSUER, List.of(serviceAccounts)));
    }

    public static final String POD_IDENTITY_STATEMENT = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}";

    public static IamRole role(String arn, String trustJson) {
        return IamRole.of(RoleArn.parse(arn), trustJson);
    }

    public static Addon agent(String status) {
        return new Addon(Addon.POD_IDENTITY_AGENT, "v1.3.4-eksbuild.1", status, null, List.of());
    }

    public static WorkloadInfo deployment(String namespace, String name, String sa) {
        return new WorkloadInfo(namespace, new WorkloadRef("Deployment", name), sa, 2, false, false);
    }

    public static PodInfo pod(String namespace, String name, String sa, WorkloadRef owner, PodCredentials creds) {
        return new PodInfo(namespace, name, "uid-" + name, sa, "node-1", owner, "Running", Instant.EPOCH, creds,
                false, false, false);
    }

    public static PodIdentityAssociation association(String ref, String roleArn, String targetRoleArn, String ownerArn) {
        ServiceAccountRef r = ref(ref);
        return new PodIdentityAssociation(CLUSTER.name(), r.namespace(), r.name(), roleArn,
                "arn:aws:eks:eu-west-1:" + ACCOUNT + ":podidentityassociation/prod/a-" + r.name(), "a-" + r.name(),
                Map.of(), null, null, ownerArn, false, targetRoleArn, null, null);
    }

    /** A cluster with the agent ACTIVE and one namespace. */
    public static ClusterSnapshot.Builder base() {
        return ClusterSnapshot.builder(CLUSTER).namespace(NamespaceInfo.of("shop")).namespace(
                NamespaceInfo.of("kube-system")).addon(agent("ACTIVE")).agentDaemonSetReady(true);
    }

    /**
     * A plan with every kind of step: agent install, a shared role with a path, an add-on service account, a
     * cross-account role through a writable account, restarts, verification and both clean-ups.
     */
    public static ConversionPlan richPlan() {
        String shared = "arn:aws:iam::" + ACCOUNT + ":role/teams/payments/app";
        String cni = roleArn("vpc-cni");
        String target = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/data/reader";
        ClusterSnapshot snapshot = ClusterSnapshot.builder(CLUSTER)
                .namespace(NamespaceInfo.of("shop"))
                .addon(new Addon("vpc-cni", "v1.18.3-eksbuild.1", "ACTIVE", cni, List.of()))
                .serviceAccount(irsaSa("shop/cart", shared)).serviceAccount(irsaSa("shop/orders", shared))
                .serviceAccount(irsaSa("kube-system/aws-node", cni))
                .serviceAccount(irsaSa("shop/reports", target))
                .role(role(shared, policy(irsaStatement(ACCOUNT, ISSUER, List.of("shop/cart", "shop/orders")),
                        irsaStatement(ACCOUNT, OTHER_ISSUER, List.of("shop/cart")))))
                .role(role(cni, irsaTrust("kube-system/aws-node")))
                .role(role(target, policy(irsaStatement(OTHER_ACCOUNT, ISSUER, List.of("shop/reports")))))
                .workload(deployment("shop", "cart", "cart"))
                .workload(new WorkloadInfo("shop", new WorkloadRef("StatefulSet", "orders"), "orders", 3, false,
                        false))
                .workload(new WorkloadInfo("kube-system", new WorkloadRef("DaemonSet", "aws-node"), "aws-node", 3,
                        false, false))
                .workload(deployment("shop", "reports", "reports"))
                .build();
        return planner().plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults()
                .withRemoveAnnotationAfterVerify(true).withRemoveOidcTrustAfterVerify(true)
                .withWritableAccounts(java.util.Set.of(OTHER_ACCOUNT)));
    }

    /** A role path and a trust condition value full of shell, HCL and YAML metacharacters. */
    public static final String HOSTILE_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/te'am$(touch PWNED)`id`/a.b@c+d=e,f-g_h";
    public static final String HOSTILE_VALUE = "it's $(touch PWNED) `id` \"q\" \\ ${aws:username} %{x} # not: yaml";

    /** A plan for a service account whose role has a hostile path and a hostile trust condition value. */
    public static ConversionPlan hostilePlan() {
        String odd = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},"
                + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":"
                + io.eksid.model.json.Json.quote(HOSTILE_VALUE) + "}}}";
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", HOSTILE_ROLE))
                .role(role(HOSTILE_ROLE, policy(irsaStatement(ACCOUNT, ISSUER, List.of("shop/cart")), odd)))
                .workload(deployment("shop", "cart", "cart")).build();
        return planner().plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults()
                .withRemoveAnnotationAfterVerify(true).withRemoveOidcTrustAfterVerify(true));
    }
}
