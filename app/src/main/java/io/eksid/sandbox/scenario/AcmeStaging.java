package io.eksid.sandbox.scenario;

import static io.eksid.sandbox.scenario.AcmeScenario.ACCOUNT;
import static io.eksid.sandbox.scenario.AcmeScenario.AGENT_ADDON;
import static io.eksid.sandbox.scenario.AcmeScenario.STAGING_ISSUER_URL;
import static io.eksid.sandbox.scenario.AcmeScenario.host;

import java.util.Map;

/**
 * {@code acme-staging}: smaller, and further along the conversion. The Pod Identity agent add-on is ACTIVE
 * (its DaemonSet runs on every node), several service accounts already use associations, one of them owned by
 * the EBS CSI add-on. Cases are marked {@code case:} with the id used in {@link AcmeCases}.
 */
final class AcmeStaging {

    private static final String ECR = "111122223333.dkr.ecr.us-west-2.amazonaws.com/";
    private static final String EKS_ECR = "602401143452.dkr.ecr.us-west-2.amazonaws.com/";
    private static final String EBS_CSI_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

    private final ClusterScript k;
    private final ScenarioSink sink;
    private final AcmeScenario.SharedRoles shared;
    private final String issuer = host(STAGING_ISSUER_URL);

    AcmeStaging(ClusterScript k, ScenarioSink sink, AcmeScenario.SharedRoles shared) {
        this.k = k;
        this.sink = sink;
        this.shared = shared;
    }

    void seed() {
        for (String ns : new String[] {"payments", "checkout", "catalog", "search", "orders", "data-pipeline",
                "monitoring", "platform-tools"}) {
            k.namespace(ns, ns.equals("data-pipeline") ? "data-platform" : ns);
        }
        k.namespace("kube-system", Map.of());
        String[] zones = {"us-west-2a", "us-west-2b", "us-west-2c"};
        for (int i = 0; i < 8; i++) {
            k.linuxNode("ip-10-40-%d-%d.us-west-2.compute.internal".formatted(i % 3 * 32 + 1, 20 + i * 11),
                    "staging-general", "m6i.xlarge", zones[i % 3]);
        }
        kubeSystem();
        apps();
        dataAndPlatform();
        new AcmeStagingPermissions(k, sink).seed();
    }

    private void kubeSystem() {
        String cni = sink.role(ACCOUNT, "/", "AmazonEKSVPCCNIRole-acme-staging",
                AcmeTrustPolicies.irsaCompact(ACCOUNT, issuer, "kube-system", "aws-node"),
                "Amazon EKS - VPC CNI for acme-staging");
        sink.attachRolePolicy(cni, "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
        // case: agent-installed-staging: the add-on is ACTIVE and its DaemonSet appears on every node.
        k.addon(AGENT_ADDON, "v1.3.4-eksbuild.1", null);
        k.addon("vpc-cni", "v1.19.2-eksbuild.1", cni);
        k.addon("coredns", "v1.11.4-eksbuild.2", null);
        k.addon("kube-proxy", "v1.31.3-eksbuild.2", null);
        // case: addon-owned-association: the EBS CSI add-on was installed with podIdentityAssociations,
        // so EKS owns the association (ownerArn = the add-on): the console must not edit it.
        String ebs = sink.role(ACCOUNT, "/", "AmazonEKSPodIdentityAmazonEBSCSIDriverRole-acme-staging",
                AcmeTrustPolicies.podIdentity(ACCOUNT), "Amazon EKS - EBS CSI driver for acme-staging");
        sink.attachRolePolicy(ebs, EBS_CSI_POLICY);
        String ebsAddon = k.addon("aws-ebs-csi-driver", "v1.38.1-eksbuild.2", null);
        sink.association(k.cluster(), "kube-system", "ebs-csi-controller-sa", ebs, null, false, ebsAddon);

        k.irsaServiceAccountMinimal("kube-system", "aws-node", cni);
        k.plainServiceAccount("kube-system", "ebs-csi-controller-sa");
        k.plainServiceAccount("kube-system", "ebs-csi-node-sa");
        k.plainServiceAccount("kube-system", "coredns");
        k.plainServiceAccount("kube-system", "kube-proxy");
        k.daemonSet("kube-system", "aws-node", "aws-node",
                PodTemplate.hostNetwork(EKS_ECR + "amazon-k8s-cni:v1.19.2-eksbuild.1", k.daysAgo(16)));
        k.daemonSet("kube-system", "kube-proxy", "kube-proxy",
                PodTemplate.hostNetwork(EKS_ECR + "eks/kube-proxy:v1.31.3-minimal-eksbuild.2", k.daysAgo(16)));
        k.daemonSet("kube-system", "ebs-csi-node", "ebs-csi-node-sa",
                PodTemplate.linux("public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1", k.daysAgo(16)));
        k.deployment("kube-system", "ebs-csi-controller", "ebs-csi-controller-sa", 2,
                PodTemplate.linux("public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1", k.daysAgo(16)));
        k.deployment("kube-system", "coredns", "coredns", 2,
                PodTemplate.linux(EKS_ECR + "eks/coredns:v1.11.4-eksbuild.2", k.daysAgo(16)));

        // Converted already: the autoscaler runs on a Pod Identity association (healthy).
        String autoscaler = sink.role(ACCOUNT, "/", "acme-staging-cluster-autoscaler",
                AcmeTrustPolicies.podIdentity(ACCOUNT), "Cluster Autoscaler for acme-staging");
        sink.putRolePolicy(autoscaler, "cluster-autoscaler", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[\
                "autoscaling:DescribeAutoScalingGroups","autoscaling:SetDesiredCapacity",\
                "autoscaling:TerminateInstanceInAutoScalingGroup","ec2:DescribeInstanceTypes"],"Resource":"*"}]}""");
        k.plainServiceAccount("kube-system", "cluster-autoscaler");
        k.association("kube-system", "cluster-autoscaler", autoscaler);
        k.deployment("kube-system", "cluster-autoscaler", "cluster-autoscaler", 1,
                PodTemplate.linux("registry.k8s.io/autoscaling/cluster-autoscaler:v1.31.1", k.daysAgo(3)));
    }

    private void apps() {
        String payments = sink.role(ACCOUNT, "/teams/payments/", "payments-api-staging",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "payments", "payments-api"), "payments-api in acme-staging");
        sink.attachRolePolicy(payments, "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess");
        k.irsaServiceAccount("payments", "payments-api", payments);
        k.deployment("payments", "payments-api", "payments-api", 3,
                PodTemplate.linux(ECR + "payments-api:2.15.0-rc.2", k.daysAgo(1)));

        // case: cross-account-association: the already-converted form of the prod cross-account mapping:
        // a source role in this account chaining into 444455556666 through targetRoleArn.
        k.plainServiceAccount("payments", "ledger-writer");
        sink.association(k.cluster(), "payments", "ledger-writer", shared.ledgerSource(), shared.ledgerTarget(),
                false, null);
        k.deployment("payments", "ledger-writer", "ledger-writer", 2,
                PodTemplate.linux(ECR + "ledger-writer:1.9.0-rc.1", k.daysAgo(1)));

        String checkout = sink.role(ACCOUNT, "/", "acme-staging-checkout-api",
                AcmeTrustPolicies.irsaCompact(ACCOUNT, issuer, "checkout", "checkout-api"),
                "checkout-api in acme-staging");
        sink.attachRolePolicy(checkout, "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess");
        k.irsaServiceAccount("checkout", "checkout-api", checkout);
        k.deployment("checkout", "checkout-api", "checkout-api", 3,
                PodTemplate.linux(ECR + "checkout-api:5.3.0-rc.1", k.daysAgo(1)));

        // case: association-role-untrusted: associated, but the role only trusts the OIDC provider.
        String catalog = sink.role(ACCOUNT, "/", "acme-staging-catalog-api",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "catalog", "catalog-api"), "catalog-api in acme-staging");
        sink.attachRolePolicy(catalog, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        k.plainServiceAccount("catalog", "catalog-api");
        k.association("catalog", "catalog-api", catalog);
        k.deployment("catalog", "catalog-api", "catalog-api", 2,
                PodTemplate.linux(ECR + "catalog-api:3.2.0-rc.3", k.daysAgo(2)));

        // case: stale-pods-none: pods started with no AWS identity; the association came later.
        String search = sink.role(ACCOUNT, "/", "acme-staging-search-api", AcmeTrustPolicies.podIdentity(ACCOUNT),
                "search-api in acme-staging");
        sink.putRolePolicy(search, "opensearch-read", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["es:ESHttpGet","es:ESHttpPost"],\
                "Resource":"arn:aws:es:us-west-2:111122223333:domain/catalog-search-staging/*"}]}""");
        k.plainServiceAccount("search", "search-api");
        k.deployment("search", "search-api", "search-api", 3,
                PodTemplate.linux(ECR + "search-api:1.23.0-rc.1", k.daysAgo(7)));
        k.association("search", "search-api", search);

        String orders = sink.role(ACCOUNT, "/", "acme-staging-orders-api",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "orders", "orders-api"), "orders-api in acme-staging");
        sink.attachRolePolicy(orders, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        k.irsaServiceAccount("orders", "orders-api", orders);
        k.deployment("orders", "orders-api", "orders-api", 3,
                PodTemplate.linux(ECR + "orders-api:4.1.0-rc.1", k.daysAgo(2)));
    }

    private void dataAndPlatform() {
        k.irsaServiceAccount("data-pipeline", "etl-runner", shared.dataPipeline());
        k.deployment("data-pipeline", "etl-runner", "etl-runner", 2,
                PodTemplate.linux(ECR + "etl-runner:2024.12.0-rc.1", k.daysAgo(4)));
        k.irsaServiceAccount("data-pipeline", "kafka-connect", shared.dataPipeline());
        k.statefulSet("data-pipeline", "kafka-connect", "kafka-connect", 3,
                PodTemplate.linux("confluentinc/cp-kafka-connect:7.7.1", k.daysAgo(10)));

        String prometheus = sink.role(ACCOUNT, "/", "acme-staging-prometheus", AcmeTrustPolicies.podIdentity(ACCOUNT),
                "Prometheus in acme-staging");
        sink.attachRolePolicy(prometheus, "arn:aws:iam::aws:policy/AmazonPrometheusRemoteWriteAccess");
        k.plainServiceAccount("monitoring", "prometheus");
        k.association("monitoring", "prometheus", prometheus);
        k.statefulSet("monitoring", "prometheus", "prometheus", 1,
                PodTemplate.linux("quay.io/prometheus/prometheus:v2.55.1", k.daysAgo(3)));
        k.plainServiceAccount("monitoring", "node-exporter");
        k.daemonSet("monitoring", "node-exporter", "node-exporter",
                PodTemplate.hostNetwork("quay.io/prometheus/node-exporter:v1.8.2", k.daysAgo(16)));

        // case: irsa-two-clusters (staging side).
        k.irsaServiceAccount("platform-tools", "external-secrets", shared.externalSecrets());
        k.deployment("platform-tools", "external-secrets", "external-secrets", 2,
                PodTemplate.linux("ghcr.io/external-secrets/external-secrets:v0.10.7", k.daysAgo(10)));
    }
}
