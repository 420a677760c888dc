package io.eksid.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Workload controllers, the pod identity webhook and the agent add-on, observed through fabric8. */
class ControllersAndWebhookTest extends SandboxKubeTestSupport {

    private static final String ROLE = "arn:aws:iam::111122223333:role/cart";

    @Test
    void rolloutRestartReplacesEveryPod() {
        cluster.namespace("shop", Map.of());
        cluster.deployment("shop", "web", "default", 3, PodTemplateOptions.defaults());
        Set<String> before = uids("app=web");
        client.apps().deployments().inNamespace("shop").withName("web").rolling().restart();
        List<Pod> after = client.pods().inNamespace("shop").withLabel("app", "web").list().getItems();
        assertThat(after).hasSize(3);
        assertThat(after).extracting(p -> p.getMetadata().getUid()).doesNotContainAnyElementsOf(before);
        assertThat(after).allSatisfy(p -> assertThat(p.getMetadata().getAnnotations())
                .containsKey("kubectl.kubernetes.io/restartedAt"));
        assertThat(client.apps().replicaSets().inNamespace("shop").list().getItems()).hasSize(2)
                .anySatisfy(rs -> assertThat(rs.getSpec().getReplicas()).isZero());
        assertThat(client.apps().deployments().inNamespace("shop").withName("web").get().getStatus()
                .getUpdatedReplicas()).isEqualTo(3);
    }

    @Test
    void statefulSetsUseOrdinalsAndDaemonSetsFollowNodes() {
        cluster.namespace("data", Map.of());
        cluster.statefulSet("data", "db", "default", 3, PodTemplateOptions.defaults());
        assertThat(names("app=db", "data")).containsExactlyInAnyOrder("db-0", "db-1", "db-2");
        client.pods().inNamespace("data").withName("db-1").delete();
        assertThat(names("app=db", "data")).containsExactlyInAnyOrder("db-0", "db-1", "db-2");

        cluster.daemonSet("data", "logs", "default", PodTemplateOptions.defaults());
        assertThat(client.pods().inNamespace("data").withLabel("app", "logs").list().getItems()).hasSize(2);
        cluster.node("ip-10-0-1-12.ec2.internal", Map.of());
        cluster.node("fargate-ip-10-0-9-9.us-east-1.compute.internal", Map.of("eks.amazonaws.com/compute-type", "fargate"));
        cluster.node("win-1", Map.of("kubernetes.io/os", "windows"));
        List<Pod> logs = client.pods().inNamespace("data").withLabel("app", "logs").list().getItems();
        assertThat(logs).as("one per Linux EC2 node, none on Fargate or Windows").hasSize(3)
                .extracting(p -> p.getSpec().getNodeName()).doesNotHaveDuplicates()
                .noneMatch(n -> n.startsWith("fargate") || n.equals("win-1"));
        assertThat(logs).allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences().get(0).getKind())
                .isEqualTo("DaemonSet"));
    }

    @Test
    void podIdentityAgentAppearsAndDisappears() {
        cluster.installPodIdentityAgent();
        List<Pod> agents = client.pods().inNamespace("kube-system").withLabel("app", "eks-pod-identity-agent").list().getItems();
        assertThat(agents).hasSize(2).allSatisfy(p -> {
            assertThat(p.getSpec().getHostNetwork()).isTrue();
            assertThat(p.getStatus().getPodIP()).isEqualTo(p.getStatus().getHostIP());
            assertThat(p.getSpec().getContainers().get(0).getPorts()).extracting(pt -> pt.getContainerPort())
                    .containsExactly(80, 2703);
        });
        assertThat(client.apps().daemonSets().inNamespace("kube-system").withName("eks-pod-identity-agent").get()
                .getStatus().getNumberReady()).isEqualTo(2);
        cluster.removePodIdentityAgent();
        assertThat(client.apps().daemonSets().inNamespace("kube-system").list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace("kube-system").list().getItems()).isEmpty();
    }

    @Test
    void webhookInjectsPodIdentityWhenAnAssociationExistsAndIrsaOtherwise() {
        cluster.namespace("shop", Map.of());
        cluster.serviceAccount("shop", "cart", Map.of("eks.amazonaws.com/role-arn", ROLE));
        cluster.deployment("shop", "old", "cart", 1, PodTemplateOptions.defaults());
        Pod irsa = onlyPod("app=old");
        assertIrsa(irsa, "sts.amazonaws.com");

        associations.add("c1/shop/cart");
        cluster.deployment("shop", "new", "cart", 1, PodTemplateOptions.defaults());
        assertPodIdentity(onlyPod("app=new"));
        assertThat(onlyPod("app=old").getMetadata().getUid()).as("running pods keep their credentials")
                .isEqualTo(irsa.getMetadata().getUid());
        assertIrsa(onlyPod("app=old"), "sts.amazonaws.com");

        client.apps().deployments().inNamespace("shop").withName("old").rolling().restart();
        assertPodIdentity(onlyPod("app=old"));
    }

    @Test
    void fargateAndWindowsPodsNeverGetPodIdentityButFargateGetsIrsa() {
        cluster.namespace("shop", Map.of());
        cluster.node("win-1", Map.of("kubernetes.io/os", "windows"));
        cluster.serviceAccount("shop", "cart", Map.of("eks.amazonaws.com/role-arn", ROLE,
                "eks.amazonaws.com/audience", "custom-aud"));
        associations.add("c1/shop/cart");
        cluster.deployment("shop", "serverless", "cart", 1, PodTemplateOptions.defaults().withFargate());
        cluster.deployment("shop", "dotnet", "cart", 1, PodTemplateOptions.defaults().withWindows());
        Pod fargate = onlyPod("app=serverless");
        assertIrsa(fargate, "custom-aud");
        assertThat(fargate.getSpec().getNodeName()).startsWith("fargate-ip-");
        assertThat(client.nodes().withName(fargate.getSpec().getNodeName()).get().getMetadata().getLabels())
                .containsEntry("eks.amazonaws.com/compute-type", "fargate");
        Pod windows = onlyPod("app=dotnet");
        assertThat(windows.getSpec().getNodeName()).isEqualTo("win-1");
        assertIrsa(windows, "custom-aud");

        String fargateNode = fargate.getSpec().getNodeName();
        client.pods().inNamespace("shop").withName(fargate.getMetadata().getName()).delete();
        assertThat(client.nodes().withName(fargateNode).get()).as("a Fargate node lives and dies with its pod").isNull();
        assertThat(onlyPod("app=serverless").getSpec().getNodeName()).startsWith("fargate-ip-").isNotEqualTo(fargateNode);
    }

    @Test
    void podsCreatedOverTheApiAreAdmittedToo() {
        cluster.namespace("shop", Map.of());
        cluster.serviceAccount("shop", "plain", Map.of());
        Pod pod = client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().withServiceAccountName("plain").addNewContainer().withName("c").withImage("busybox")
                .endContainer().endSpec().build()).create();
        assertThat(env(pod.getSpec().getContainers().get(0))).doesNotContainKeys("AWS_ROLE_ARN",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI");
        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).anyMatch(n -> n.startsWith("kube-api-access-"));
        associations.add("c1/shop/plain");
        Pod second = client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("q").endMetadata()
                .withNewSpec().withServiceAccountName("plain").addNewContainer().withName("c").withImage("busybox")
                .endContainer().endSpec().build()).create();
        assertPodIdentity(second);
    }

    @Test
    void churnReplacesOwnedPodsAndStops() {
        cluster.namespace("shop", Map.of());
        cluster.deployment("shop", "web", "default", 4, PodTemplateOptions.defaults());
        Set<String> before = uids("app=web");
        cluster.startChurn(40);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !uids("app=web").containsAll(before));
        cluster.stopChurn();
        assertThat(uids("app=web")).hasSize(4);
        assertThat(client.apps().deployments().inNamespace("shop").withName("web").get().getStatus().getReadyReplicas())
                .isEqualTo(4);
    }

    @Test
    void seededPodsKeepTheirCreationTime() {
        cluster.namespace("shop", Map.of());
        Instant started = Instant.parse("2025-01-02T03:04:05Z");
        cluster.deployment("shop", "legacy", "default", 2, PodTemplateOptions.defaults().withCreatedAt(started));
        assertThat(client.pods().inNamespace("shop").list().getItems()).hasSize(2).allSatisfy(p -> {
            assertThat(p.getMetadata().getCreationTimestamp()).isEqualTo("2025-01-02T03:04:05Z");
            assertThat(p.getStatus().getStartTime()).isEqualTo("2025-01-02T03:04:05Z");
        });
    }

    @Test
    void podsWaitForANodeAndAreScheduledWhenOneJoins() {
        SimulatedCluster empty = server.addCluster("c2");
        empty.namespace("shop", Map.of());
        empty.deployment("shop", "web", "default", 2, PodTemplateOptions.defaults());
        assertThat(empty.pods("shop")).hasSize(2)
                .allSatisfy(p -> assertThat(p.path("status").path("phase").asText()).isEqualTo("Pending"));
        empty.node("ip-10-0-2-1.ec2.internal", Map.of());
        assertThat(empty.pods("shop")).hasSize(2)
                .allSatisfy(p -> assertThat(p.path("status").path("phase").asText()).isEqualTo("Running"));
    }

    private void assertPodIdentity(Pod pod) {
        for (Container c : pod.getSpec().getContainers()) {
            Map<String, String> env = env(c);
            assertThat(env).containsEntry("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials")
                    .containsEntry("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                            "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token")
                    .containsEntry("AWS_REGION", "us-east-1").containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                    .doesNotContainKeys("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE");
        }
        Volume token = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals("eks-pod-identity-token"))
                .findFirst().orElseThrow();
        assertThat(token.getProjected().getSources().get(0).getServiceAccountToken().getAudience())
                .isEqualTo("pods.eks.amazonaws.com");
        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).doesNotContain("aws-iam-token");
    }

    private void assertIrsa(Pod pod, String audience) {
        for (Container c : pod.getSpec().getContainers()) {
            assertThat(env(c)).containsEntry("AWS_ROLE_ARN", ROLE)
                    .containsEntry("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token")
                    .containsEntry("AWS_STS_REGIONAL_ENDPOINTS", "regional")
                    .doesNotContainKeys("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        }
        Volume token = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals("aws-iam-token"))
                .findFirst().orElseThrow();
        assertThat(token.getProjected().getSources().get(0).getServiceAccountToken().getAudience()).isEqualTo(audience);
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private Pod onlyPod(String label) {
        String[] kv = label.split("=");
        List<Pod> pods = client.pods().inNamespace("shop").withLabel(kv[0], kv[1]).list().getItems();
        assertThat(pods).hasSize(1);
        return pods.get(0);
    }

    private Set<String> uids(String label) {
        String[] kv = label.split("=");
        return client.pods().inNamespace("shop").withLabel(kv[0], kv[1]).list().getItems().stream()
                .map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    }

    private List<String> names(String label, String namespace) {
        String[] kv = label.split("=");
        return client.pods().inNamespace(namespace).withLabel(kv[0], kv[1]).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).toList();
    }
}
