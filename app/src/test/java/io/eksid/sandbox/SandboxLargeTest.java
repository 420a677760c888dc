package io.eksid.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;

class SandboxLargeTest {

    private static final Set<String> SYSTEM = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    @TempDir
    Path dir;

    @Test
    void twoThousandPodsInTheirProportions() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.large(dir, 2_000));
             KubernetesClient k = SandboxClients.kube(sandbox, "acme-prod");
             EksClient eks = SandboxClients.eks(sandbox, "sandbox")) {
            assertThat(sandbox.clusters()).containsExactly("acme-prod");
            long appPods = k.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> !SYSTEM.contains(p.getMetadata().getNamespace())).count();
            assertThat(appPods).isEqualTo(2_000);
            long namespaces = k.namespaces().list().getItems().stream()
                    .filter(n -> !SYSTEM.contains(n.getMetadata().getName())).count();
            assertThat(namespaces).isEqualTo(8);
            long serviceAccounts = k.serviceAccounts().inAnyNamespace().list().getItems().stream()
                    .filter(sa -> !SYSTEM.contains(sa.getMetadata().getNamespace()))
                    .filter(sa -> !sa.getMetadata().getName().equals("default")).count();
            assertThat(serviceAccounts).isEqualTo(80);
            long associations = eks.listPodIdentityAssociationsPaginator(r -> r.clusterName("acme-prod"))
                    .associations().stream().map(PodIdentityAssociationSummary::associationId).count();
            assertThat(associations).isBetween(80 / 5L, 80 / 2L);
            assertThat(k.apps().daemonSets().inNamespace("kube-system").withName("eks-pod-identity-agent").get())
                    .isNotNull();
        }
    }
}
