package io.eksid.sandbox.scenario;

import static io.eksid.sandbox.scenario.AcmeScenario.ACCOUNT;
import static io.eksid.sandbox.scenario.AcmeScenario.PROD_ISSUER_URL;
import static io.eksid.sandbox.scenario.AcmeScenario.host;

import java.util.Map;

/**
 * {@code acme-prod}: the big cluster. The Pod Identity agent add-on is NOT installed here, although a few
 * associations already exist (someone started converting before installing it). Cases are marked
 * {@code case:} with the id used in {@link AcmeCases}.
 */
final class AcmeProd {

    private static final String ECR = "111122223333.dkr.ecr.us-west-2.amazonaws.com/";
    /** Registry of the EKS add-on images in us-west-2. */
    private static final String EKS_ECR = "602401143452.dkr.ecr.us-west-2.amazonaws.com/";
    private static final String S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

    private final ClusterScript k;
    private final ScenarioSink iam;
    private final AcmeScenario.SharedRoles shared;
    private final String issuer = host(PROD_ISSUER_URL);

    AcmeProd(ClusterScript k, ScenarioSink iam, AcmeScenario.SharedRoles shared) {
        this.k = k;
        this.iam = iam;
        this.shared = shared;
    }

    void seed() {
        namespacesAndNodes();
        kubeSystem();
        payments();
        checkout();
        catalogSearchOrders();
        notifications();
        dataPipeline();
        mlTraining();
        monitoring();
        batchFargate();
        platformTools();
    }

    private void namespacesAndNodes() {
        k.namespace("payments", "payments");
        k.namespace("checkout", "checkout");
        k.namespace("catalog", "catalog");
        k.namespace("search", "catalog");
        k.namespace("orders", "fulfilment");
        k.namespace("notifications", "messaging");
        k.namespace("data-pipeline", "data-platform");
        k.namespace("ml-training", "ml");
        k.namespace("monitoring", "sre");
        k.namespace("batch-fargate", Map.of("team", "finance", "environment", "prod", "compute", "fargate"));
        k.namespace("kube-system", Map.of());
        k.namespace("platform-tools", "platform");
        String[] zones = {"us-west-2a", "us-west-2b", "us-west-2c"};
        for (int i = 0; i < 10; i++) {
            k.linuxNode("ip-10-20-%d-%d.us-west-2.compute.internal".formatted(i % 3 * 32 + 1, 40 + i * 7),
                    "prod-general", "m6i.2xlarge", zones[i % 3]);
        }
        for (int i = 0; i < 4; i++) {
            k.linuxNode("ip-10-20-%d-%d.us-west-2.compute.internal".formatted(i % 3 * 32 + 2, 110 + i * 9),
                    "prod-memory", "r6i.4xlarge", zones[i % 3]);
        }
        // case: windows-workload runs here.
        k.windowsNode("ip-10-20-3-77.us-west-2.compute.internal", "prod-windows", "us-west-2a");
        // case: fargate-irsa: no Fargate nodes here, Fargate gives each pod a node of its own when it starts.
    }

    private void kubeSystem() {
        // case: addon-irsa: vpc-cni and the EBS CSI driver get their roles through IRSA, set on the add-on.
        String cni = iam.role(ACCOUNT, "/", "AmazonEKSVPCCNIRole-acme-prod",
                AcmeTrustPolicies.irsaCompact(ACCOUNT, issuer, "kube-system", "aws-node"),
                "Amazon EKS - VPC CNI for acme-prod");
        iam.attachRolePolicy(cni, "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
        String ebs = iam.role(ACCOUNT, "/", "AmazonEKS_EBS_CSI_DriverRole-acme-prod",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "kube-system", "ebs-csi-controller-sa"),
                "Amazon EKS - EBS CSI driver for acme-prod");
        iam.attachRolePolicy(ebs, "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");
        String autoscaler = iam.role(ACCOUNT, "/", "acme-prod-cluster-autoscaler",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "kube-system", "cluster-autoscaler"),
                "Cluster Autoscaler for acme-prod");
        iam.putRolePolicy(autoscaler, "cluster-autoscaler", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[\
                "autoscaling:DescribeAutoScalingGroups","autoscaling:DescribeAutoScalingInstances",\
                "autoscaling:SetDesiredCapacity","autoscaling:TerminateInstanceInAutoScalingGroup",\
                "ec2:DescribeLaunchTemplateVersions","ec2:DescribeInstanceTypes"],"Resource":"*"}]}""");
        // case: agent-missing-prod: no eks-pod-identity-agent add-on in this cluster.
        k.addon("vpc-cni", "v1.19.2-eksbuild.1", cni);
        k.addon("aws-ebs-csi-driver", "v1.38.1-eksbuild.2", ebs);
        k.addon("coredns", "v1.11.4-eksbuild.2", null);
        k.addon("kube-proxy", "v1.31.3-eksbuild.2", null);

        k.irsaServiceAccountMinimal("kube-system", "aws-node", cni);
        k.irsaServiceAccountMinimal("kube-system", "ebs-csi-controller-sa", ebs);
        k.plainServiceAccount("kube-system", "ebs-csi-node-sa");
        k.plainServiceAccount("kube-system", "coredns");
        k.plainServiceAccount("kube-system", "kube-proxy");
        k.irsaServiceAccount("kube-system", "cluster-autoscaler", autoscaler);
        k.daemonSet("kube-system", "aws-node", "aws-node",
                PodTemplate.hostNetwork(EKS_ECR + "amazon-k8s-cni:v1.19.2-eksbuild.1", k.daysAgo(41)));
        k.daemonSet("kube-system", "kube-proxy", "kube-proxy",
                PodTemplate.hostNetwork(EKS_ECR + "eks/kube-proxy:v1.31.3-minimal-eksbuild.2", k.daysAgo(41)));
        k.daemonSet("kube-system", "ebs-csi-node", "ebs-csi-node-sa",
                PodTemplate.linux("public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1", k.daysAgo(41)));
        k.deployment("kube-system", "ebs-csi-controller", "ebs-csi-controller-sa", 2,
                PodTemplate.linux("public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1", k.daysAgo(41)));
        k.deployment("kube-system", "coredns", "coredns", 2,
                PodTemplate.linux(EKS_ECR + "eks/coredns:v1.11.4-eksbuild.2", k.daysAgo(41)));
        k.deployment("kube-system", "cluster-autoscaler", "cluster-autoscaler", 1,
                PodTemplate.linux("registry.k8s.io/autoscaling/cluster-autoscaler:v1.31.1", k.daysAgo(20)));
    }

    private void payments() {
        // case: role-path: the payments team keeps its roles under /teams/payments/.
        String api = iam.role(ACCOUNT, "/teams/payments/", "payments-api",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "payments", "payments-api"), "payments-api in acme-prod");
        iam.attachRolePolicy(api, "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess");
        iam.putRolePolicy(api, "payments-queue", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage",\
                "sqs:ReceiveMessage","sqs:DeleteMessage"],"Resource":"arn:aws:sqs:us-west-2:111122223333:payments-*"}]}""");
        k.irsaServiceAccount("payments", "payments-api", api);
        k.deployment("payments", "payments-api", "payments-api", 6,
                PodTemplate.linux(ECR + "payments-api:2.14.3", k.daysAgo(6)));

        // case: cross-account-irsa: the annotation names a role in 444455556666.
        k.irsaServiceAccount("payments", "ledger-writer", shared.ledgerTarget());
        k.deployment("payments", "ledger-writer", "ledger-writer", 3,
                PodTemplate.linux(ECR + "ledger-writer:1.8.0", k.daysAgo(9)));

        String reconciler = iam.role(ACCOUNT, "/", "acme-prod-payments-reconciler",
                AcmeTrustPolicies.irsaCompact(ACCOUNT, issuer, "payments", "payments-reconciler"),
                "Nightly settlement reconciliation");
        iam.attachRolePolicy(reconciler, S3_READ);
        k.irsaServiceAccount("payments", "payments-reconciler", reconciler);
        k.statefulSet("payments", "payments-reconciler", "payments-reconciler", 2,
                PodTemplate.linux(ECR + "payments-reconciler:0.9.12", k.daysAgo(15)));
    }

    private void checkout() {
        String api = iam.role(ACCOUNT, "/", "acme-prod-checkout-api",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "checkout", "checkout-api"), "checkout-api in acme-prod");
        iam.attachRolePolicy(api, "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess");
        k.irsaServiceAccount("checkout", "checkout-api", api);
        k.deployment("checkout", "checkout-api", "checkout-api", 8,
                PodTemplate.linux(ECR + "checkout-api:5.2.0", k.daysAgo(2)));

        // case: broken-irsa-trust: the trust still names the service account's old name, checkout-worker-v1.
        String worker = iam.role(ACCOUNT, "/", "acme-prod-checkout-worker",
                AcmeTrustPolicies.irsaCompact(ACCOUNT, issuer, "checkout", "checkout-worker-v1"),
                "checkout-worker in acme-prod");
        iam.attachRolePolicy(worker, "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
        k.irsaServiceAccount("checkout", "checkout-worker", worker);
        k.deployment("checkout", "checkout-worker", "checkout-worker", 4,
                PodTemplate.linux(ECR + "checkout-worker:5.2.0", k.daysAgo(2)));

        k.plainServiceAccount("checkout", "cart-cache");
        k.statefulSet("checkout", "cart-cache", "cart-cache", 3,
                PodTemplate.linux("public.ecr.aws/bitnami/redis:7.4.1", k.daysAgo(33)));
    }

    private void catalogSearchOrders() {
        // case: shared-role: one role, one statement, three service accounts in three namespaces.
        String sharedReader = iam.role(ACCOUNT, "/", "acme-prod-catalog-reader",
                AcmeTrustPolicies.irsaThreeSubjects(ACCOUNT, issuer, "catalog:catalog-api",
                        "search:search-indexer", "orders:orders-api"),
                "Reads the product catalog bucket");
        iam.attachRolePolicy(sharedReader, S3_READ);
        k.irsaServiceAccount("catalog", "catalog-api", sharedReader);
        k.deployment("catalog", "catalog-api", "catalog-api", 6,
                PodTemplate.linux(ECR + "catalog-api:3.1.4", k.daysAgo(4)));
        k.irsaServiceAccount("search", "search-indexer", sharedReader);
        k.deployment("search", "search-indexer", "search-indexer", 3,
                PodTemplate.linux(ECR + "search-indexer:1.22.0", k.daysAgo(11)));
        k.irsaServiceAccount("orders", "orders-api", sharedReader);
        k.deployment("orders", "orders-api", "orders-api", 6,
                PodTemplate.linux(ECR + "orders-api:4.0.7", k.daysAgo(3)));

        String images = iam.role(ACCOUNT, "/", "acme-prod-catalog-images",
                AcmeTrustPolicies.irsaCompact(ACCOUNT, issuer, "catalog", "catalog-images"),
                "Resizes product images");
        iam.attachRolePolicy(images, "arn:aws:iam::aws:policy/AmazonS3FullAccess");
        k.irsaServiceAccount("catalog", "catalog-images", images);
        k.deployment("catalog", "catalog-images", "catalog-images", 3,
                PodTemplate.linux(ECR + "catalog-images:3.1.4", k.daysAgo(4)));

        String searchApi = iam.role(ACCOUNT, "/", "acme-prod-search-api",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "search", "search-api"), "search-api in acme-prod");
        iam.putRolePolicy(searchApi, "opensearch-read", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["es:ESHttpGet","es:ESHttpPost"],\
                "Resource":"arn:aws:es:us-west-2:111122223333:domain/catalog-search/*"}]}""");
        k.irsaServiceAccount("search", "search-api", searchApi);
        k.deployment("search", "search-api", "search-api", 6,
                PodTemplate.linux(ECR + "search-api:1.22.0", k.daysAgo(11)));

        // case: association-without-tagsession: the trust allows sts:AssumeRole but not sts:TagSession.
        String fulfillment = iam.role(ACCOUNT, "/", "acme-prod-orders-fulfillment",
                AcmeTrustPolicies.podIdentityWithoutTagSession(), "orders-fulfillment in acme-prod");
        iam.attachRolePolicy(fulfillment, "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
        k.plainServiceAccount("orders", "orders-fulfillment");
        k.association("orders", "orders-fulfillment", fulfillment);
        k.deployment("orders", "orders-fulfillment", "orders-fulfillment", 4,
                PodTemplate.linux(ECR + "orders-fulfillment:4.0.7", k.daysAgo(1)));

        // case: windows-workload: IRSA works on Windows nodes, Pod Identity does not.
        String invoicing = iam.role(ACCOUNT, "/", "acme-prod-legacy-invoicing",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "orders", "legacy-invoicing"),
                "Legacy .NET invoicing service");
        iam.attachRolePolicy(invoicing, "arn:aws:iam::aws:policy/AmazonRDSReadOnlyAccess");
        k.irsaServiceAccount("orders", "legacy-invoicing", invoicing);
        k.deployment("orders", "legacy-invoicing", "legacy-invoicing", 2,
                PodTemplate.windows(ECR + "legacy-invoicing:2019.4-ltsc2022", k.daysAgo(60)));
    }

    private void notifications() {
        // case: irsa-and-association: annotated AND associated; new pods get only the Pod Identity variables.
        String sender = iam.role(ACCOUNT, "/", "acme-prod-notifications-sender",
                AcmeTrustPolicies.irsaAndPodIdentity(ACCOUNT, issuer, "notifications", "notifications-sender"),
                "Sends e-mail and SMS");
        iam.putRolePolicy(sender, "ses-send", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ses:SendEmail","ses:SendRawEmail"],\
                "Resource":"arn:aws:ses:us-west-2:111122223333:identity/acme.example"}]}""");
        iam.attachRolePolicy(sender, "arn:aws:iam::aws:policy/AmazonSNSFullAccess");
        k.irsaServiceAccount("notifications", "notifications-sender", sender);
        k.association("notifications", "notifications-sender", sender);
        k.deployment("notifications", "notifications-sender", "notifications-sender", 4,
                PodTemplate.linux(ECR + "notifications-sender:7.0.1", k.daysAgo(1)));
        k.plainServiceAccount("notifications", "notifications-templates");
        k.deployment("notifications", "notifications-templates", "notifications-templates", 2,
                PodTemplate.linux(ECR + "notifications-templates:7.0.1", k.daysAgo(14)));
    }

    private void dataPipeline() {
        // case: stale-pods-irsa: pods started with IRSA; the association came afterwards, nobody restarted.
        String etl = iam.role(ACCOUNT, "/", "acme-prod-etl-runner",
                AcmeTrustPolicies.irsaAndPodIdentity(ACCOUNT, issuer, "data-pipeline", "etl-runner"),
                "Batch ETL runner");
        iam.attachRolePolicy(etl, "arn:aws:iam::aws:policy/AmazonS3FullAccess");
        k.irsaServiceAccount("data-pipeline", "etl-runner", etl);
        k.deployment("data-pipeline", "etl-runner", "etl-runner", 4,
                PodTemplate.linux(ECR + "etl-runner:2024.11.2", k.daysAgo(12)));
        k.association("data-pipeline", "etl-runner", etl);

        // case: trust-near-quota: the data platform's shared role, ~1,940 of 2,048 characters.
        k.irsaServiceAccount("data-pipeline", "kafka-connect", shared.dataPipeline());
        k.statefulSet("data-pipeline", "kafka-connect", "kafka-connect", 3,
                PodTemplate.linux("confluentinc/cp-kafka-connect:7.7.1", k.daysAgo(25)));
        k.irsaServiceAccount("data-pipeline", "airflow-scheduler", shared.dataPipeline());
        k.deployment("data-pipeline", "airflow-scheduler", "airflow-scheduler", 2,
                PodTemplate.linux("apache/airflow:2.10.3", k.daysAgo(25)));
    }

    private void mlTraining() {
        String trainer = iam.role(ACCOUNT, "/", "acme-prod-ml-trainer",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "ml-training", "trainer"), "Model training jobs");
        iam.attachRolePolicy(trainer, "arn:aws:iam::aws:policy/AmazonS3FullAccess");
        iam.attachRolePolicy(trainer, "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
        k.irsaServiceAccount("ml-training", "trainer", trainer);
        k.statefulSet("ml-training", "trainer", "trainer", 4,
                PodTemplate.linux(ECR + "trainer:pytorch-2.5-cuda12", k.daysAgo(8)));
        String notebook = iam.role(ACCOUNT, "/", "acme-prod-ml-notebook",
                AcmeTrustPolicies.irsaCompact(ACCOUNT, issuer, "ml-training", "notebook"), "Jupyter notebooks");
        iam.attachRolePolicy(notebook, S3_READ);
        k.irsaServiceAccount("ml-training", "notebook", notebook);
        k.deployment("ml-training", "notebook", "notebook", 2,
                PodTemplate.linux("quay.io/jupyter/pytorch-notebook:2024-11-19", k.daysAgo(8)));

        // case: association-missing-sa: the trainer-legacy service account was deleted, its association was not.
        String legacy = iam.role(ACCOUNT, "/", "acme-prod-ml-trainer-legacy", AcmeTrustPolicies.podIdentity(ACCOUNT),
                "Old training pipeline (decommissioned)");
        iam.attachRolePolicy(legacy, S3_READ);
        k.association("ml-training", "trainer-legacy", legacy);
    }

    private void monitoring() {
        // case: wildcard-trust: StringLike system:serviceaccount:monitoring:* trusts every SA in the namespace.
        String readers = iam.role(ACCOUNT, "/", "acme-prod-monitoring-readers",
                AcmeTrustPolicies.irsaNamespaceWildcard(ACCOUNT, issuer, "monitoring"),
                "Read-only access for monitoring tools");
        iam.attachRolePolicy(readers, "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess");
        iam.putRolePolicy(readers, "metrics-read", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudwatch:GetMetricData",\
                "cloudwatch:ListMetrics","tag:GetResources","aps:QueryMetrics"],"Resource":"*"}]}""");
        k.irsaServiceAccount("monitoring", "prometheus", readers);
        k.statefulSet("monitoring", "prometheus", "prometheus", 2,
                PodTemplate.linux("quay.io/prometheus/prometheus:v2.55.1", k.daysAgo(30)));
        k.irsaServiceAccount("monitoring", "cloudwatch-exporter", readers);
        k.deployment("monitoring", "cloudwatch-exporter", "cloudwatch-exporter", 1,
                PodTemplate.linux("quay.io/prometheus/cloudwatch-exporter:v0.16.0", k.daysAgo(30)));
        k.plainServiceAccount("monitoring", "node-exporter");
        k.daemonSet("monitoring", "node-exporter", "node-exporter",
                PodTemplate.hostNetwork("quay.io/prometheus/node-exporter:v1.8.2", k.daysAgo(30)));
        String fluentBit = iam.role(ACCOUNT, "/", "acme-prod-fluent-bit",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "monitoring", "fluent-bit"), "Ships logs to CloudWatch");
        iam.attachRolePolicy(fluentBit, "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy");
        k.irsaServiceAccount("monitoring", "fluent-bit", fluentBit);
        k.daemonSet("monitoring", "fluent-bit", "fluent-bit",
                PodTemplate.linux("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4", k.daysAgo(30)));
    }

    private void batchFargate() {
        // case: fargate-irsa: Fargate pods cannot use Pod Identity; a conversion must refuse these.
        String reports = iam.role(ACCOUNT, "/", "acme-prod-batch-reports",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "batch-fargate", "report-generator"),
                "Month-end reports on Fargate");
        iam.attachRolePolicy(reports, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        iam.putRolePolicy(reports, "athena-reports", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["athena:StartQueryExecution",\
                "athena:GetQueryExecution","athena:GetQueryResults"],\
                "Resource":"arn:aws:athena:us-west-2:111122223333:workgroup/finance"}]}""");
        k.irsaServiceAccount("batch-fargate", "report-generator", reports);
        k.deployment("batch-fargate", "report-generator", "report-generator", 4,
                PodTemplate.fargate(ECR + "report-generator:3.3.0", k.daysAgo(5)));
        String exporter = iam.role(ACCOUNT, "/", "acme-prod-invoice-exporter",
                AcmeTrustPolicies.irsaCompact(ACCOUNT, issuer, "batch-fargate", "invoice-exporter"),
                "Exports invoices to the finance bucket");
        iam.attachRolePolicy(exporter, "arn:aws:iam::aws:policy/AmazonS3FullAccess");
        k.irsaServiceAccount("batch-fargate", "invoice-exporter", exporter);
        k.deployment("batch-fargate", "invoice-exporter", "invoice-exporter", 2,
                PodTemplate.fargate(ECR + "invoice-exporter:3.3.0", k.daysAgo(5)));
    }

    private void platformTools() {
        // case: irsa-two-clusters: the same role trusts acme-prod's and acme-staging's OIDC providers.
        k.irsaServiceAccount("platform-tools", "external-secrets", shared.externalSecrets());
        k.deployment("platform-tools", "external-secrets", "external-secrets", 2,
                PodTemplate.linux("ghcr.io/external-secrets/external-secrets:v0.10.7", k.daysAgo(18)));
        String dns = iam.role(ACCOUNT, "/", "acme-prod-external-dns",
                AcmeTrustPolicies.irsaCompact(ACCOUNT, issuer, "platform-tools", "external-dns"),
                "external-dns for the acme.example zones");
        iam.attachRolePolicy(dns, "arn:aws:iam::aws:policy/AmazonRoute53FullAccess");
        k.irsaServiceAccount("platform-tools", "external-dns", dns);
        k.deployment("platform-tools", "external-dns", "external-dns", 1,
                PodTemplate.linux("registry.k8s.io/external-dns/external-dns:v0.15.0", k.daysAgo(18)));
        String lbc = iam.role(ACCOUNT, "/", "acme-prod-aws-load-balancer-controller",
                AcmeTrustPolicies.irsa(ACCOUNT, issuer, "platform-tools", "aws-load-balancer-controller"),
                "AWS Load Balancer Controller");
        iam.attachRolePolicy(lbc, "arn:aws:iam::aws:policy/ElasticLoadBalancingFullAccess");
        k.serviceAccount("platform-tools", "aws-load-balancer-controller", Map.of(
                ClusterScript.ROLE_ARN, lbc, ClusterScript.TOKEN_EXPIRATION, "3600"));
        k.deployment("platform-tools", "aws-load-balancer-controller", "aws-load-balancer-controller", 2,
                PodTemplate.linux("public.ecr.aws/eks/aws-load-balancer-controller:v2.10.1", k.daysAgo(18)));
    }
}
