package io.eksid.kube;

import static io.eksid.kube.SandboxKube.snapshot;
import static io.eksid.kube.SandboxKube.sources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.sandbox.kube.BulkSeeder;
import io.eksid.sandbox.kube.PodTemplateOptions;
import io.eksid.sandbox.kube.SimulatedCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher keeps the store equal to the sandbox cluster over HTTP: flows, faults and RBAC. */
class ClusterWatcherSandboxTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/teams/cart";
    static final AtomicInteger CLUSTERS = new AtomicInteger();
    static SandboxKube sandbox;

    @TempDir
    Path dir;

    SimulatedCluster cluster;
    KubeConnection connection;
    ClusterStore store;
    ClusterWatcher watcher;
    ScheduledThreadPoolExecutor executor;

    @BeforeAll
    static void start() {
        sandbox = new SandboxKube();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** A fresh cluster: shop with an IRSA service account, a Pod Identity one, four workload kinds, the agent. */
    private SimulatedCluster seed() {
        String name = "c" + CLUSTERS.incrementAndGet();
        cluster = sandbox.server.addCluster(name);
        sandbox.associations.add(name + "/shop/pay");
        cluster.node("ip-10-0-0-1.ec2.internal", Map.of("kubernetes.io/os", "linux"));
        cluster.namespace("shop", Map.of("team", "retail"));
        cluster.serviceAccount("shop", "cart", Map.of("eks.amazonaws.com/role-arn", ROLE));
        cluster.serviceAccount("shop", "pay", Map.of());
        cluster.deployment("shop", "cart", "cart", 2, PodTemplateOptions.defaults());
        cluster.statefulSet("shop", "db", "pay", 1, PodTemplateOptions.defaults());
        cluster.deployment("shop", "edge", "default", 1, PodTemplateOptions.defaults().withFargate());
        cluster.installPodIdentityAgent();
        return cluster;
    }

    private void connect() throws Exception {
        connect(SandboxKube.FAST);
    }

    private void connect(ReflectorSettings settings) throws Exception {
        Path file = SandboxKube.write(dir, "config", SandboxKube.kubeconfig(cluster.name(), cluster.name(),
                sandbox.server.serverUrl(cluster.name()), "shop", "token: sandbox"));
        Kubeconfig kc = new KubeconfigLoader(Map.of("KUBECONFIG", file.toString()), dir).load();
        connection = new KubeConnector(Clock.systemUTC(), KubeConnectOptions.DEFAULTS).connect(kc,
                kc.contexts().get(0));
        store = new ClusterStore(cluster.name(), Clock.systemUTC());
        executor = new ScheduledThreadPoolExecutor(2);
        executor.setRemoveOnCancelPolicy(true);
        watcher = new ClusterWatcher(connection.client(), store, settings, executor);
    }

    private static List<PodInfo> pods(ClusterSnapshot s, String owner) {
        return s.pods().stream().filter(p -> p.owner() != null && p.owner().toString().equals(owner)).toList();
    }

    /** The store's pods equal the server's, by namespace/name and uid. */
    private void awaitConvergence() {
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            Set<String> server = cluster.pods(null).stream().map(p -> p.path("metadata").path("namespace").asText()
                    + "/" + p.path("metadata").path("name").asText() + "/" + p.path("metadata").path("uid").asText())
                    .collect(Collectors.toSet());
            Set<String> local = snapshot(store).pods().stream().map(p -> p.namespace() + "/" + p.name() + "/"
                    + p.uid()).collect(Collectors.toSet());
            assertThat(local).isEqualTo(server);
        });
    }

    @Test
    void addUpdateDeleteFlowsIntoTrimmedRecords() throws Exception {
        seed();
        connect();
        watcher.start();
        try {
            watcher.synced().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not synced: " + store.sources(), e);
        }
        awaitConvergence();

        ClusterSnapshot s = snapshot(store);
        assertThat(pods(s, "Deployment/cart")).hasSize(2).allSatisfy(p -> {
            assertThat(p.credentials()).isEqualTo(PodCredentials.irsaVars(ROLE));
            assertThat(p.serviceAccount()).isEqualTo("cart");
            assertThat(p.nodeName()).isNotBlank();
            assertThat(p.phase()).isNotBlank();
            assertThat(p.startTime()).isNotNull();
        });
        assertThat(pods(s, "StatefulSet/db")).singleElement()
                .satisfies(p -> assertThat(p.credentials().podIdentity()).isTrue());
        assertThat(pods(s, "Deployment/edge")).singleElement().satisfies(p -> {
            assertThat(p.fargate()).isTrue();
            assertThat(p.credentials()).isEqualTo(PodCredentials.NONE);
        });
        assertThat(pods(s, "DaemonSet/eks-pod-identity-agent")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.hostNetwork()).isTrue());
        assertThat(s.agentDaemonSetReady()).isTrue();
        assertThat(s.workloads()).extracting(WorkloadInfo::ref).contains(new WorkloadRef("Deployment", "cart"),
                new WorkloadRef("StatefulSet", "db"), new WorkloadRef("DaemonSet", "eks-pod-identity-agent"));
        assertThat(s.workloads()).filteredOn(w -> w.ref().name().equals("edge")).singleElement()
                .satisfies(w -> assertThat(w.fargate()).isTrue());
        assertThat(s.serviceAccounts()).filteredOn(sa -> sa.name().equals("cart")).singleElement()
                .satisfies(sa -> assertThat(sa.irsaRoleArn()).contains(ROLE));
        assertThat(s.namespaces()).filteredOn(n -> n.name().equals("shop")).singleElement()
                .satisfies(n -> assertThat(n.labels()).containsEntry("team", "retail"));
        assertThat(sources(store).values()).extracting(SourceStatus::state).containsOnly(SourceState.LIVE);
        assertThat(sources(store)).containsKeys("kube/pods", "kube/namespaces", "kube/serviceaccounts",
                "kube/replicasets", "kube/deployments", "kube/statefulsets", "kube/daemonsets", "kube/jobs",
                "kube/cronjobs");

        // update: a new annotation reaches the store through the watch
        cluster.serviceAccount("shop", "pay", Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/pay"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> snapshot(store).serviceAccounts().stream()
                .filter(sa -> sa.name().equals("pay")).anyMatch(sa -> sa.irsaRoleArn().isPresent()));

        // delete: the Deployment goes, its pods go (server-side cascade), the store follows
        connection.client().apps().deployments().inNamespace("shop").withName("cart").delete();
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            ClusterSnapshot after = snapshot(store);
            assertThat(pods(after, "Deployment/cart")).isEmpty();
            assertThat(after.workloads()).extracting(WorkloadInfo::ref)
                    .doesNotContain(new WorkloadRef("Deployment", "cart"));
        });
        awaitConvergence();

        cluster.removePodIdentityAgent();
        await().atMost(10, TimeUnit.SECONDS).until(() -> Boolean.FALSE.equals(snapshot(store).agentDaemonSetReady()));
    }

    @Test
    void listsInManyPagesEachAskedForWhileThePreviousIsStoredAndStoresEveryPodOnce() throws Exception {
        seed();
        cluster.deployment("shop", "bulk", "cart", 120, PodTemplateOptions.defaults());
        // 7 per page: the pods come in about 18 pages, each requested before the one before it is stored
        connect(new ReflectorSettings(7, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(10)));
        watcher.start();
        watcher.synced().get(30, TimeUnit.SECONDS);

        awaitConvergence();
        ClusterSnapshot s = snapshot(store);
        assertThat(pods(s, "Deployment/bulk")).hasSize(120)
                .extracting(PodInfo::name).doesNotHaveDuplicates();
        assertThat(sources(store).get("kube/pods").state()).isEqualTo(SourceState.LIVE);
    }

    @Test
    void convergesAfterWatchDropsChurnAndGone() throws Exception {
        seed();
        connect();
        List<String> degraded = new CopyOnWriteArrayList<>();
        store.addChangeListener(() -> store.sources().stream().filter(x -> x.state() == SourceState.DEGRADED)
                .forEach(x -> degraded.add(x.source() + ": " + x.reason())));
        watcher.start();
        watcher.synced().get(30, TimeUnit.SECONDS);
        int relistsAfterStart = watcher.relists();

        sandbox.server.dropWatchesEvery(Duration.ofMillis(150));
        cluster.startChurn(40);
        for (int i = 0; i < 20; i++) {
            cluster.serviceAccount("shop", "sa-" + i, Map.of());
            Thread.sleep(40);
        }
        cluster.stopChurn();
        sandbox.server.dropWatchesEvery(null);
        awaitConvergence();
        await().atMost(10, TimeUnit.SECONDS).until(() -> snapshot(store).serviceAccounts().size()
                == cluster.store().count(io.eksid.sandbox.kube.ResourceCatalog.SERVICE_ACCOUNTS));
        assertThat(degraded).anyMatch(r -> r.contains("dropped"));

        // 410 Gone: while every watch is cut, more changes happen than the server keeps history for, including
        // a deletion the watches never see: only the relist can notice it.
        cluster.write(() -> {
            sandbox.server.dropAllWatches();
            cluster.delete(new io.eksid.sandbox.kube.ObjectRef(io.eksid.sandbox.kube.ResourceCatalog.DEPLOYMENTS,
                    "shop", "edge"));
            BulkSeeder bulk = cluster.bulk().namespace("bulk", Map.of());
            for (int i = 0; i < SimulatedCluster.DEFAULT_WATCH_HISTORY + 50; i++) {
                bulk.serviceAccount("bulk", "sa-" + i, Map.of());
            }
            return bulk.commit();
        });
        cluster.deployment("shop", "late", "pay", 1, PodTemplateOptions.defaults());
        awaitConvergence();
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(snapshot(store).serviceAccounts())
                .filteredOn(sa -> sa.namespace().equals("bulk")).hasSize(SimulatedCluster.DEFAULT_WATCH_HISTORY + 51));
        assertThat(watcher.relists()).isGreaterThan(relistsAfterStart);
        assertThat(pods(snapshot(store), "Deployment/edge")).isEmpty();
        assertThat(snapshot(store).workloads()).extracting(WorkloadInfo::ref)
                .doesNotContain(new WorkloadRef("Deployment", "edge"));
        assertThat(degraded).anyMatch(r -> r.contains("410 Gone"));
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sources(store).values())
                .extracting(SourceStatus::state).containsOnly(SourceState.LIVE));
    }

    @Test
    void closeCancelsEveryReflectorAndLeavesTheOwnersExecutorIdle() throws Exception {
        seed();
        int watchesBefore = sandbox.server.openWatchCount();
        // Pods may not be listed: their reflector keeps failing and always has its next list scheduled.
        cluster.denyAccess("list", "pods", null);
        connect();
        watcher.start();
        watcher.synced().get(30, TimeUnit.SECONDS);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(sources(store).get("kube/pods").state()).isEqualTo(SourceState.FORBIDDEN);
            assertThat(sources(store).get("kube/serviceaccounts").state()).isEqualTo(SourceState.LIVE);
            assertThat(sandbox.server.openWatchCount()).isGreaterThan(watchesBefore);
        });
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("reflector-"));

        watcher.close();

        assertThat(executor.getQueue()).as("scheduled relists and re-opened watches").isEmpty();
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(executor.getActiveCount()).isZero();
            assertThat(executor.getQueue()).isEmpty();
            assertThat(sandbox.server.openWatchCount()).isEqualTo(watchesBefore);
        });
        executor.shutdown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void forbiddenPodsDegradeOnlyTheirSource() throws Exception {
        seed();
        cluster.denyAccess("list", "pods", null);
        cluster.denyAccess("watch", "pods", null);
        connect();
        RbacPreflight preflight = new RbacPreflight(connection.client());
        RbacReport report = preflight.check();
        assertThat(report.canReadClusterWide(WatchedKind.PODS)).isFalse();
        assertThat(report.canReadClusterWide(WatchedKind.SERVICE_ACCOUNTS)).isTrue();
        assertThat(report.missingSummary()).isEqualTo("list pods (cluster-wide), watch pods (cluster-wide)");
        assertThat(report.canWrite()).isTrue();
        assertThat(preflight.fallbackNamespaces(List.of(), "shop", 50)).contains("shop", "default", "kube-system");
        assertThat(preflight.fallbackNamespaces(List.of("shop"), "default", 50)).containsExactly("shop");

        watcher.start(report, List.of("shop"), preflight);
        watcher.synced().get(30, TimeUnit.SECONDS);
        Map<String, SourceStatus> states = sources(store);
        assertThat(states.get("kube/pods").state()).isEqualTo(SourceState.FORBIDDEN);
        assertThat(states.get("kube/pods").reason()).contains("list/watch pods cluster-wide is forbidden")
                .contains("shop");
        assertThat(states.get("kube/serviceaccounts").state()).isEqualTo(SourceState.LIVE);
        assertThat(snapshot(store).serviceAccounts()).extracting(ServiceAccountInfo::name).contains("cart", "pay");
        assertThat(snapshot(store).pods()).isEmpty();
    }

    @Test
    void forbiddenClusterWideFallsBackToReadableNamespaces() throws Exception {
        seed();
        cluster.namespace("other", Map.of());
        cluster.deployment("other", "x", "default", 1, PodTemplateOptions.defaults());
        cluster.namespace("secret", Map.of());
        cluster.deployment("secret", "vault", "default", 1, PodTemplateOptions.defaults());
        connect();
        RbacPreflight preflight = new RbacPreflight(connection.client());
        // The sandbox's RBAC denies per namespace or everywhere; a Role-only user (allowed in some namespaces,
        // not cluster-wide) is what the preflight sees first, then the namespaced rules.
        cluster.denyAccess("list", "pods", null);
        cluster.denyAccess("list", "namespaces", null);
        RbacReport report = preflight.check();
        assertThat(preflight.fallbackNamespaces(List.of(), "shop", 50)).containsExactly("shop");
        cluster.allowAllAccess();
        cluster.denyAccess("list", "pods", "secret");

        watcher.start(report, List.of("shop", "secret"), preflight);
        watcher.synced().get(30, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            SourceStatus pods = sources(store).get("kube/pods");
            assertThat(pods.state()).isEqualTo(SourceState.DEGRADED);
            assertThat(pods.reason()).isEqualTo("list/watch pods cluster-wide is forbidden; watching only shop");
        });
        ClusterSnapshot s = snapshot(store);
        assertThat(s.pods()).isNotEmpty().allSatisfy(p -> assertThat(p.namespace()).isEqualTo("shop"));
        assertThat(pods(s, "Deployment/cart")).hasSize(2);
        assertThat(sources(store).get("kube/namespaces").state()).isEqualTo(SourceState.DEGRADED);
        assertThat(s.namespaces()).extracting(n -> n.name()).containsExactlyInAnyOrder("shop", "secret");
        assertThat(sources(store).get("kube/deployments").state()).isEqualTo(SourceState.LIVE);
    }
}
