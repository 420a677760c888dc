package io.eksid.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;

class SandboxLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void startsAndStopsTwiceOnTheSamePortsAndReleasesThem() throws Exception {
        int k8sPort;
        int awsPort;
        try (Sandbox first = Sandbox.start(SandboxOptions.acme(dir.resolve("one")))) {
            k8sPort = URI.create(first.kubeServerUrl("acme-prod")).getPort();
            awsPort = URI.create(first.awsEndpoint()).getPort();
            assertReachable(first);
        }
        assertThat(canBind(k8sPort)).as("k8s port released").isTrue();
        assertThat(canBind(awsPort)).as("aws port released").isTrue();

        try (Sandbox second = Sandbox.start(SandboxOptions.acme(dir.resolve("two")).withPorts(k8sPort, awsPort))) {
            assertThat(URI.create(second.awsEndpoint()).getPort()).isEqualTo(awsPort);
            assertReachable(second);
            second.close();
            second.close();
        }
        assertThat(canBind(k8sPort)).isTrue();
        assertThat(canBind(awsPort)).isTrue();
    }

    @Test
    void portInUseIsNamedAndNothingKeepsRunning() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            assertThatThrownBy(() -> Sandbox.start(SandboxOptions.acme(dir).withPorts(0, port)))
                    .isInstanceOf(SandboxStartException.class)
                    .hasMessage("port " + port + " (--aws-port) is already in use");
        }
    }

    @Test
    void badFaultSpecFailsBeforeAnythingStarts() {
        assertThatThrownBy(() -> Sandbox.start(SandboxOptions.acme(dir).withFaults("iam.explode=1")))
                .isInstanceOf(SandboxStartException.class).hasMessageContaining("iam.explode");
        assertThatThrownBy(() -> Sandbox.start(SandboxOptions.acme(dir).withFaults("k8s.dropWatches=soon")))
                .isInstanceOf(SandboxStartException.class).hasMessageContaining("k8s.dropWatches=soon");
        assertThat(dir.resolve("kubeconfig")).doesNotExist();
    }

    @Test
    void faultsReachTheEmulator() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(dir).withFaults("sts.5xx=1"));
             StsClient sts = SandboxClients.stsWithoutRetries(sandbox, "sandbox")) {
            assertThatThrownBy(sts::getCallerIdentity).hasMessageContaining("500");
        }
    }

    @Test
    void theApiServersLatencyDelaysEveryRequestReadsAndWritesAlike() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(dir).withFaults("k8s.latency=300ms"));
             KubernetesClient k = SandboxClients.kube(sandbox, "acme-prod")) {
            long t0 = System.nanoTime();
            int pods = k.pods().inAnyNamespace().list().getItems().size();
            long listMillis = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            var review = k.authorization().v1().selfSubjectAccessReview().create(
                    new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder()
                            .withNewSpec().withNewResourceAttributes().withVerb("list").withResource("pods")
                            .endResourceAttributes().endSpec().build());
            long reviewMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(pods).isPositive();
            assertThat(review.getStatus().getAllowed()).as("the request's body arrived whole").isTrue();
            assertThat(listMillis).isGreaterThanOrEqualTo(300);
            assertThat(reviewMillis).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void churnReplacesRunningPods() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(dir).withChurn(50));
             KubernetesClient k = SandboxClients.kube(sandbox, "acme-prod")) {
            java.util.Set<String> before = podNames(k);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> !before.containsAll(podNames(k)));
        }
    }

    private static java.util.Set<String> podNames(KubernetesClient k) {
        return k.pods().inAnyNamespace().list().getItems().stream().map(p -> p.getMetadata().getName())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static void assertReachable(Sandbox sandbox) {
        try (KubernetesClient k = SandboxClients.kube(sandbox, "acme-prod");
             StsClient sts = SandboxClients.sts(sandbox, "sandbox")) {
            assertThat(k.namespaces().withName("payments").get()).isNotNull();
            assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
