package io.eksid.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eks.EksClient;

class SandboxAgentAddonTest {

    @TempDir
    Path dir;

    @Test
    void creatingTheAgentAddOnThroughTheApiMakesItsDaemonSetAppear() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(dir));
             EksClient eks = SandboxClients.eks(sandbox, "sandbox");
             KubernetesClient prod = SandboxClients.kube(sandbox, "acme-prod")) {
            assertThat(prod.apps().daemonSets().inNamespace("kube-system").withName("eks-pod-identity-agent").get())
                    .isNull();

            eks.createAddon(r -> r.clusterName("acme-prod").addonName("eks-pod-identity-agent"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(prod.apps().daemonSets().inNamespace("kube-system").withName("eks-pod-identity-agent")
                        .get()).isNotNull();
                assertThat(prod.pods().inNamespace("kube-system").list().getItems())
                        .anyMatch(p -> p.getMetadata().getName().startsWith("eks-pod-identity-agent-"));
            });

            eks.deleteAddon(r -> r.clusterName("acme-prod").addonName("eks-pod-identity-agent"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prod.apps().daemonSets()
                    .inNamespace("kube-system").withName("eks-pod-identity-agent").get()).isNull());
        }
    }
}
