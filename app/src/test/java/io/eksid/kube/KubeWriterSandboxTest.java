package io.eksid.kube;

import static io.eksid.kube.SandboxKube.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;
import io.eksid.model.store.ClusterStore;
import io.eksid.sandbox.kube.PodTemplateOptions;
import io.eksid.sandbox.kube.SimulatedCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Annotate, un-annotate and rollout restart with real effects on the sandbox cluster, seen by the watcher. */
class KubeWriterSandboxTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/cart";
    static SandboxKube sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxKube();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @TempDir
    Path dir;

    private KubeConnection connect(SimulatedCluster cluster) throws Exception {
        Path file = SandboxKube.write(dir, "config", SandboxKube.kubeconfig(cluster.name(), cluster.name(),
                sandbox.server.serverUrl(cluster.name()), "shop", "token: sandbox"));
        Kubeconfig kc = new KubeconfigLoader(Map.of("KUBECONFIG", file.toString()), dir).load();
        return new KubeConnector(Clock.systemUTC(), KubeConnectOptions.DEFAULTS).connect(kc, kc.contexts().get(0));
    }

    @Test
    void annotateRestartAndVerifyNewPodsCarryPodIdentity() throws Exception {
        SimulatedCluster cluster = sandbox.server.addCluster("writer");
        cluster.node("ip-10-0-0-9.ec2.internal", Map.of());
        cluster.namespace("shop", Map.of());
        cluster.serviceAccount("shop", "cart", Map.of());
        cluster.deployment("shop", "cart", "cart", 2, PodTemplateOptions.defaults());
        ServiceAccountRef cart = new ServiceAccountRef("shop", "cart");
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
        try (KubeConnection c = connect(cluster);
             ClusterWatcher watcher = new ClusterWatcher(c.client(), new ClusterStore("writer", Clock.systemUTC()),
                     SandboxKube.FAST, executor)) {
            KubeWriter writer = new KubeWriter(c.client(), Clock.systemUTC());
            ClusterStore store = storeOf(watcher);
            watcher.start();
            watcher.synced().get(30, TimeUnit.SECONDS);

            KubeWriteResult annotated = writer.annotateServiceAccount(cart, "eks.amazonaws.com/role-arn", ROLE);
            assertThat(annotated.object()).isEqualTo("ServiceAccount shop/cart");
            assertThat(annotated.resourceVersion()).isNotBlank();
            assertThat(annotated.annotations()).containsEntry("eks.amazonaws.com/role-arn", ROLE);
            assertThat(writer.serviceAccountAnnotations(cart)).containsEntry("eks.amazonaws.com/role-arn", ROLE);
            await().atMost(10, TimeUnit.SECONDS).until(() -> snapshot(store).serviceAccounts().stream()
                    .anyMatch(sa -> sa.name().equals("cart") && sa.irsaRoleArn().isPresent()));

            // The running pods started before the annotation: no credentials until they are replaced.
            Set<String> oldUids = uids(writer.workloadPods("shop", new WorkloadRef("Deployment", "cart")));
            assertThat(oldUids).hasSize(2);
            assertThat(writer.workloadPods("shop", new WorkloadRef("Deployment", "cart")))
                    .allSatisfy(p -> assertThat(p.credentials()).isEqualTo(PodCredentials.NONE));

            // Associate, restart: new pods (new uids) appear with the Pod Identity variables.
            sandbox.associations.add("writer/shop/cart");
            KubeWriteResult restarted = writer.rolloutRestart("shop", new WorkloadRef("Deployment", "cart"));
            assertThat(restarted.annotations()).containsKey(KubeWriter.RESTARTED_AT);
            await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> {
                List<PodInfo> inStore = snapshot(store).pods().stream()
                        .filter(p -> new WorkloadRef("Deployment", "cart").equals(p.owner())).toList();
                assertThat(inStore).hasSize(2).allSatisfy(p -> {
                    assertThat(oldUids).doesNotContain(p.uid());
                    assertThat(p.credentials().podIdentity()).isTrue();
                });
            });
            List<PodInfo> verified = writer.workloadPods("shop", new WorkloadRef("Deployment", "cart"));
            assertThat(verified).hasSize(2).allSatisfy(p -> assertThat(p.credentials().podIdentity()).isTrue());
            assertThat(uids(verified)).doesNotContainAnyElementsOf(oldUids);

            KubeWriteResult removed = writer.removeServiceAccountAnnotation(cart, "eks.amazonaws.com/role-arn");
            assertThat(removed.annotations()).doesNotContainKey("eks.amazonaws.com/role-arn");
            assertThat(Long.parseLong(removed.resourceVersion())).isGreaterThan(Long.parseLong(annotated.resourceVersion()));
            await().atMost(10, TimeUnit.SECONDS).until(() -> snapshot(store).serviceAccounts().stream()
                    .anyMatch(sa -> sa.name().equals("cart") && sa.irsaRoleArn().isEmpty()));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void errorsNameTheObjectAndTheMissingPermission() throws Exception {
        SimulatedCluster cluster = sandbox.server.addCluster("writer-errors");
        cluster.namespace("shop", Map.of());
        cluster.serviceAccount("shop", "cart", Map.of());
        try (KubeConnection c = connect(cluster)) {
            KubeWriter writer = new KubeWriter(c.client(), Clock.systemUTC());
            assertThatThrownBy(() -> writer.annotateServiceAccount(new ServiceAccountRef("shop", "ghost"), "k", "v"))
                    .isInstanceOfSatisfying(KubeException.class, e -> {
                        assertThat(e.failure()).isEqualTo(KubeFailure.NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("annotate service account shop/ghost failed: not found (404)");
                    });
            assertThatThrownBy(() -> writer.rolloutRestart("shop", new WorkloadRef("Deployment", "nope")))
                    .isInstanceOfSatisfying(KubeException.class,
                            e -> assertThat(e.failure()).isEqualTo(KubeFailure.NOT_FOUND));
            assertThatThrownBy(() -> writer.rolloutRestart("shop", new WorkloadRef("Job", "once")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only Deployments");

            cluster.denyAccess("patch", "serviceaccounts", "shop");
            assertThat(new RbacPreflight(c.client()).review("patch", "", "serviceaccounts", "shop").allowed()).isFalse();
            assertThatThrownBy(() -> writer.annotateServiceAccount(new ServiceAccountRef("shop", "cart"), "k", "v"))
                    .isInstanceOfSatisfying(KubeException.class, e -> {
                        assertThat(e.failure()).isEqualTo(KubeFailure.FORBIDDEN);
                        assertThat(e.getMessage()).contains("lacks 'patch serviceaccounts' in namespace shop");
                    });
            assertThat(writer.serviceAccountAnnotations(new ServiceAccountRef("shop", "cart"))).doesNotContainKey("k");
        }
    }

    private static Set<String> uids(List<PodInfo> pods) {
        return pods.stream().map(PodInfo::uid).collect(Collectors.toSet());
    }

    private static ClusterStore storeOf(ClusterWatcher watcher) throws Exception {
        var f = ClusterWatcher.class.getDeclaredField("store");
        f.setAccessible(true);
        return (ClusterStore) f.get(watcher);
    }
}
