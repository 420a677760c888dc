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
final class PlanFixtures {

    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    static final String OTHER_ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER0000000000000000000";
    static final ClusterInfo CLUSTER = new ClusterInfo("prod", null, ACCOUNT, Partition.AWS, "eu-west-1", ISSUER,
            "1.30", "eks.5", false);

    private PlanFixtures() {
    }

    static ConversionPlanner planner() {
        return new ConversionPlanner(new TrustEvaluator(), new TrustRewriter());
    }

    static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    static ServiceAccountRef ref(String text) {
        return ServiceAccountRef.parse(text);
    }

    static ServiceAccountInfo irsaSa(String ref, String roleArn) {
        ServiceAccountRef r = ref(ref);
        return ServiceAccountInfo.of(r.namespace(), r.name(), Map.of(IrsaAnnotations.ROLE_ARN, roleArn));
    }

    static ServiceAccountInfo plainSa(String ref) {
        ServiceAccountRef r = ref(ref);
        return ServiceAccountInfo.of(r.namespace(), r.name(), Map.of());
    }

    /** One IRSA statement of {@code issuer} (in {@code account}) for the given subjects. */
    static String irsaStatement(String account, String issuer, List<String> serviceAccounts) {
        String host = ClusterInfo.stripIssuer(issuer);
        String subs = serviceAccounts.stream().map(s -> "\"system:serviceaccount:" + s.replace('/', ':') + "\"")
                .collect(Collectors.joining(","));
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::" + account + ":oidc-provider/"
                + host + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
                + host + ":sub\":[" + subs + "],\"" + host + ":aud\":\"sts.amazonaws.com\"}}}";
    }

    static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static String irsaTrust(String... serviceAccounts) {
        return policy(irsaStatement(ACCOUNT, ISSUER, List.of(serviceAccounts)));
    }

    static final String POD_IDENTITY_STATEMENT = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}";

    static IamRole role(String arn, String trustJson) {
        return IamRole.of(RoleArn.parse(arn), trustJson);
    }

    static Addon agent(String status) {
        return new Addon(Addon.POD_IDENTITY_AGENT, "v1.3.4-eksbuild.1", status, null, List.of());
    }

    static WorkloadInfo deployment(String namespace, String name, String sa) {
        return new WorkloadInfo(namespace, new WorkloadRef("Deployment", name), sa, 2, false, false);
    }

    static PodInfo pod(String namespace, String name, String sa, WorkloadRef owner, PodCredentials creds) {
        return new PodInfo(namespace, name, "uid-" + name, sa, "node-1", owner, "Running", Instant.EPOCH, creds,
                false, false, false);
    }

    static PodIdentityAssociation association(String ref, String roleArn, String targetRoleArn, String ownerArn) {
        ServiceAccountRef r = ref(ref);
        return new PodIdentityAssociation(CLUSTER.name(), r.namespace(), r.name(), roleArn,
                "arn:aws:eks:eu-west-1:" + ACCOUNT + ":podidentityassociation/prod/a-" + r.name(), "a-" + r.name(),
                Map.of(), null, null, ownerArn, false, targetRoleArn, null, null);
    }

    /** A cluster with the agent ACTIVE and one namespace. */
    static ClusterSnapshot.Builder base() {
        return ClusterSnapshot.builder(CLUSTER).namespace(NamespaceInfo.of("shop")).namespace(
                NamespaceInfo.of("kube-system")).addon(agent("ACTIVE")).agentDaemonSetReady(true);
    }
}
