package io.eksid.model.graph;

import io.eksid.model.Addon;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import io.eksid.model.IrsaAnnotations;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.OidcProvider;
import io.eksid.model.Partition;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built snapshot parts for graph and findings tests: one cluster in account 111122223333. */
public final class GraphFixtures {

    public static final String ACCOUNT = "111122223333";
    public static final String OTHER_ACCOUNT = "444455556666";
    public static final String ISSUER_HOST = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    public static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + ISSUER_HOST;
    public static final ClusterInfo CLUSTER = new ClusterInfo("prod", null, ACCOUNT, Partition.AWS, "eu-west-1",
            "https://" + ISSUER_HOST, "1.30", "eks.5", false);
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private GraphFixtures() {
    }

    public static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    public static String otherAccountRoleArn(String name) {
        return "arn:aws:iam::" + OTHER_ACCOUNT + ":role/" + name;
    }

    /** IRSA trust for the given subjects (StringEquals on :sub and :aud) through the given provider. */
    public static String irsaTrust(String providerArn, String issuerHost, String... subjects) {
        StringBuilder subs = new StringBuilder();
        for (int i = 0; i < subjects.length; i++) {
            subs.append(i == 0 ? "" : ",").append('"').append(subjects[i]).append('"');
        }
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity",\
                "Condition":{"StringEquals":{"%s:sub":[%s],"%s:aud":"sts.amazonaws.com"}}}]}"""
                .formatted(providerArn, issuerHost, subs, issuerHost);
    }

    public static String irsaTrust(String namespace, String serviceAccount) {
        return irsaTrust(PROVIDER_ARN, ISSUER_HOST, "system:serviceaccount:" + namespace + ":" + serviceAccount);
    }

    public static String podIdentityTrust() {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";
    }

    public static String podIdentityTrustAssumeOnly() {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    }

    public static String sourceRoleTrust(String sourceRoleArn) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Principal":{"AWS":"%s"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""".formatted(sourceRoleArn);
    }

    public static IamRole role(String arn, String trustJson) {
        return IamRole.of(RoleArn.parse(arn), trustJson);
    }

    public static OidcProvider provider() {
        return new OidcProvider(PROVIDER_ARN, ISSUER_HOST, List.of("sts.amazonaws.com"), List.of());
    }

    public static ServiceAccountInfo sa(String ns, String name) {
        return ServiceAccountInfo.of(ns, name, Map.of());
    }

    public static ServiceAccountInfo irsaSa(String ns, String name, String roleArn) {
        return ServiceAccountInfo.of(ns, name, Map.of(IrsaAnnotations.ROLE_ARN, roleArn));
    }

    public static PodInfo pod(String ns, String name, String sa, PodCredentials creds, Instant start) {
        return new PodInfo(ns, name, "uid-" + name, sa, "node-1", new WorkloadRef("Deployment", sa), "Running",
                start, creds, false, false, false);
    }

    public static PodInfo fargatePod(String ns, String name, String sa, PodCredentials creds) {
        return new PodInfo(ns, name, "uid-" + name, sa, "fargate-ip-10-0-0-1", new WorkloadRef("Deployment", sa),
                "Running", T0, creds, true, false, false);
    }

    public static WorkloadInfo deployment(String ns, String name, String sa) {
        return new WorkloadInfo(ns, new WorkloadRef("Deployment", name), sa, 2, false, false);
    }

    public static PodIdentityAssociation association(String id, String ns, String sa, String roleArn,
                                                     Instant createdAt) {
        return new PodIdentityAssociation("prod", ns, sa, roleArn,
                "arn:aws:eks:eu-west-1:" + ACCOUNT + ":podidentityassociation/prod/" + id, id, Map.of(),
                createdAt, createdAt, null, false, null, null, null);
    }

    public static PodIdentityAssociation targetAssociation(String id, String ns, String sa, String roleArn,
                                                           String targetRoleArn) {
        return new PodIdentityAssociation("prod", ns, sa, roleArn, null, id, Map.of(), T0, T0, null, false,
                targetRoleArn, null, null);
    }

    public static PodIdentityAssociation addonAssociation(String id, String ns, String sa, String roleArn) {
        return new PodIdentityAssociation("prod", ns, sa, roleArn, null, id, Map.of(), T0, T0,
                "arn:aws:eks:eu-west-1:" + ACCOUNT + ":addon/prod/aws-ebs-csi-driver/abc", false, null, null, null);
    }

    public static Addon agentAddon(String status) {
        return new Addon(Addon.POD_IDENTITY_AGENT, "v1.3.4-eksbuild.1", status, null, List.of());
    }

    /** A cluster with namespace {@code pay}, its provider and an ACTIVE agent: add the rest per test. */
    public static ClusterSnapshot.Builder base() {
        return ClusterSnapshot.builder(CLUSTER)
                .namespace(NamespaceInfo.of("pay"))
                .oidcProvider(provider())
                .addon(agentAddon("ACTIVE"))
                .agentDaemonSetReady(true);
    }
}
