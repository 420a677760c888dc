package io.eksid.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.eksid.sandbox.scenario.AcmeScenario;
import io.eksid.sandbox.scenario.ScenarioCase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociation;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;

/** The acme scenario as the console sees it: through the real fabric8 client and AWS SDK clients over HTTP. */
class SandboxAcmeTest {

    private static final String IRSA_VAR = "AWS_ROLE_ARN";
    private static final String POD_IDENTITY_VAR = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static KubernetesClient prod;
    static KubernetesClient staging;
    static EksClient eks;
    static IamClient iam;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.acme(dir));
        prod = SandboxClients.kube(sandbox, "acme-prod");
        staging = SandboxClients.kube(sandbox, "acme-staging");
        eks = SandboxClients.eks(sandbox, "sandbox");
        iam = SandboxClients.iam(sandbox, "sandbox");
    }

    @AfterAll
    static void stop() {
        prod.close();
        staging.close();
        eks.close();
        iam.close();
        sandbox.close();
    }

    @Test
    void clustersPointAtTheirKubernetesApiAndIssuers() {
        assertThat(eks.listClusters().clusters()).containsExactlyInAnyOrder("acme-prod", "acme-staging");
        var cluster = eks.describeCluster(r -> r.name("acme-prod")).cluster();
        assertThat(cluster.endpoint()).isEqualTo(sandbox.kubeServerUrl("acme-prod"));
        assertThat(cluster.identity().oidc().issuer())
                .matches("https://oidc\\.eks\\.us-west-2\\.amazonaws\\.com/id/[0-9A-F]{32}");
        assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).hasSize(2);
    }

    @Test
    void promisedCounts() {
        Set<String> prodNamespaces = prod.namespaces().list().getItems().stream()
                .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        assertThat(prodNamespaces).contains("payments", "checkout", "catalog", "search", "orders", "notifications",
                "data-pipeline", "ml-training", "monitoring", "batch-fargate", "kube-system", "platform-tools");
        long serviceAccounts = scenarioServiceAccounts(prod) + scenarioServiceAccounts(staging);
        assertThat(serviceAccounts).isBetween(40L, 60L);
        int prodPods = prod.pods().inAnyNamespace().list().getItems().size();
        int stagingPods = staging.pods().inAnyNamespace().list().getItems().size();
        assertThat(prodPods + stagingPods).isBetween(220, 300);
        assertThat(prodPods).isGreaterThan(stagingPods);
    }

    @Test
    void agentAddonMissingInProdAndRunningInStaging() {
        assertThat(eks.listAddons(r -> r.clusterName("acme-prod")).addons())
                .contains("vpc-cni", "aws-ebs-csi-driver").doesNotContain("eks-pod-identity-agent");
        assertThatThrownBy(() -> eks.describeAddon(r -> r.clusterName("acme-prod").addonName("eks-pod-identity-agent")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(prod.apps().daemonSets().inNamespace("kube-system").withName("eks-pod-identity-agent").get()).isNull();

        assertThat(eks.describeAddon(r -> r.clusterName("acme-staging").addonName("eks-pod-identity-agent"))
                .addon().statusAsString()).isEqualTo("ACTIVE");
        assertThat(staging.apps().daemonSets().inNamespace("kube-system").withName("eks-pod-identity-agent").get())
                .isNotNull();
        long agentPods = staging.pods().inNamespace("kube-system").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith("eks-pod-identity-agent-")).count();
        assertThat(agentPods).isEqualTo(staging.nodes().list().getItems().size());
    }

    @Test
    void addOnsOnIrsaAndAnAddOnOwnedAssociation() {
        assertThat(eks.describeAddon(r -> r.clusterName("acme-prod").addonName("vpc-cni")).addon()
                .serviceAccountRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/AmazonEKSVPCCNIRole-acme-prod");
        PodIdentityAssociation ebs = describe("acme-staging", "kube-system", "ebs-csi-controller-sa");
        assertThat(ebs.ownerArn()).contains(":addon/acme-staging/aws-ebs-csi-driver/");
    }

    @Test
    void stalePodsKeepTheCredentialsTheyStartedWith() {
        assertThat(associations("acme-prod", "data-pipeline", "etl-runner")).hasSize(1);
        List<Pod> etl = pods(prod, "data-pipeline", "etl-runner");
        assertThat(etl).hasSize(4).allSatisfy(p -> assertThat(envNames(p)).contains(IRSA_VAR)
                .doesNotContain(POD_IDENTITY_VAR));

        assertThat(associations("acme-staging", "search", "search-api")).hasSize(1);
        assertThat(pods(staging, "search", "search-api")).isNotEmpty()
                .allSatisfy(p -> assertThat(envNames(p)).noneMatch(n -> n.startsWith("AWS_")));
    }

    @Test
    void podIdentityWinsWhenBothExist() {
        assertThat(prod.serviceAccounts().inNamespace("notifications").withName("notifications-sender").get()
                .getMetadata().getAnnotations()).containsKey("eks.amazonaws.com/role-arn");
        assertThat(pods(prod, "notifications", "notifications-sender")).isNotEmpty()
                .allSatisfy(p -> assertThat(envNames(p)).contains(POD_IDENTITY_VAR).doesNotContain(IRSA_VAR));
    }

    @Test
    void associationForAMissingServiceAccountAndBrokenTrusts() {
        assertThat(associations("acme-prod", "ml-training", "trainer-legacy")).hasSize(1);
        assertThat(prod.serviceAccounts().inNamespace("ml-training").withName("trainer-legacy").get()).isNull();
        assertThat(trust("acme-prod-checkout-worker")).contains("checkout-worker-v1");
        assertThat(trust("acme-prod-orders-fulfillment")).contains("pods.eks.amazonaws.com").doesNotContain("TagSession");
        assertThat(trust("acme-prod-monitoring-readers")).contains("system:serviceaccount:monitoring:*");
    }

    @Test
    void rolePathsCrossAccountAndTheNearQuotaTrust() {
        Role payments = iam.getRole(r -> r.roleName("payments-api")).role();
        assertThat(payments.path()).isEqualTo("/teams/payments/");
        assertThat(payments.arn()).isEqualTo("arn:aws:iam::111122223333:role/teams/payments/payments-api");
        try (IamClient ledger = SandboxClients.iam(sandbox, "sandbox-444455556666")) {
            assertThat(ledger.getRole(r -> r.roleName("acme-ledger-writer")).role().arn())
                    .isEqualTo("arn:aws:iam::444455556666:role/acme-ledger-writer");
        }
        assertThat(describe("acme-staging", "payments", "ledger-writer").targetRoleArn())
                .isEqualTo("arn:aws:iam::444455556666:role/acme-ledger-writer");
        int length = trust("acme-data-pipeline-etl").replaceAll("\\s", "").length();
        assertThat(length).isGreaterThan(2048 * 9 / 10).isLessThanOrEqualTo(2048);
    }

    @Test
    void fargateAndWindowsPodsRunWhereTheyShould() {
        assertThat(pods(prod, "batch-fargate", "report-generator")).hasSize(4)
                .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).startsWith("fargate-"));
        assertThat(pods(prod, "orders", "legacy-invoicing")).hasSize(2)
                .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("ip-10-20-3-77.us-west-2.compute.internal"));
    }

    @Test
    void everyCatalogueCaseIsServedOverTheKubernetesApi() {
        for (ScenarioCase c : AcmeScenario.cases()) {
            if (c.serviceAccount().equals("-")) {
                continue;
            }
            for (String cluster : c.cluster().split(", ")) {
                KubernetesClient k = cluster.equals("acme-prod") ? prod : staging;
                for (String ns : c.namespace().split(", ")) {
                    long present = java.util.Arrays.stream(c.serviceAccount().split(", "))
                            .filter(sa -> k.serviceAccounts().inNamespace(ns).withName(sa).get() != null).count();
                    if (c.id().equals("association-missing-sa")) {
                        assertThat(present).as(c.id()).isZero();
                    } else {
                        assertThat(present).as(c.id() + " in " + cluster + "/" + ns).isPositive();
                    }
                }
            }
        }
        String shared = annotation(prod, "catalog", "catalog-api");
        assertThat(annotation(prod, "search", "search-indexer")).isEqualTo(shared);
        assertThat(annotation(prod, "orders", "orders-api")).isEqualTo(shared);
        assertThat(annotation(prod, "payments", "ledger-writer")).startsWith("arn:aws:iam::444455556666:role/");
        assertThat(annotation(staging, "platform-tools", "external-secrets"))
                .isEqualTo(annotation(prod, "platform-tools", "external-secrets"));
    }

    private static String annotation(KubernetesClient k, String ns, String sa) {
        return k.serviceAccounts().inNamespace(ns).withName(sa).get().getMetadata().getAnnotations()
                .get("eks.amazonaws.com/role-arn");
    }

    private static long scenarioServiceAccounts(KubernetesClient k) {
        return k.serviceAccounts().inAnyNamespace().list().getItems().stream()
                .filter(sa -> !sa.getMetadata().getName().equals("default"))
                .filter(sa -> !sa.getMetadata().getName().equals("eks-pod-identity-agent"))
                .count();
    }

    private static List<PodIdentityAssociationSummary> associations(String cluster, String ns, String sa) {
        return eks.listPodIdentityAssociations(r -> r.clusterName(cluster).namespace(ns).serviceAccount(sa))
                .associations();
    }

    private static PodIdentityAssociation describe(String cluster, String ns, String sa) {
        String id = associations(cluster, ns, sa).get(0).associationId();
        return eks.describePodIdentityAssociation(r -> r.clusterName(cluster).associationId(id)).association();
    }

    private static String trust(String roleName) {
        // GetRole returns the document URL-encoded (FACTS.md, IAM); '+' must stay '+'.
        String encoded = iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument();
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static List<Pod> pods(KubernetesClient k, String ns, String sa) {
        return k.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> sa.equals(p.getSpec().getServiceAccountName())).toList();
    }

    static List<String> envNames(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty() : c.getEnv().stream())
                .map(EnvVar::getName).toList();
    }
}
