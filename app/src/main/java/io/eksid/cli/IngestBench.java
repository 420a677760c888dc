package io.eksid.cli;

import io.eksid.kube.ClusterWatcher;
import io.eksid.kube.IngestBenchmark;
import io.eksid.kube.KubeConnectOptions;
import io.eksid.kube.KubeConnection;
import io.eksid.kube.KubeConnector;
import io.eksid.kube.KubeContext;
import io.eksid.kube.Kubeconfig;
import io.eksid.kube.KubeconfigLoader;
import io.eksid.kube.ReflectorSettings;
import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SnapshotCoalescer;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of the ingest benchmark against the sandbox's {@code large} world: the raw transfer of every pod, the
 * time to a complete model, the heap the model retains per pod, and how many graph derivations a burst of pod
 * changes costs. All four in the same JVM and the same world, so their ratios mean something.
 */
final class IngestBench {

    static final String CLUSTER = "acme-prod";
    static final int EVENTS = 10_000;
    static final int BASELINE_RUNS = 3;

    /**
     * @param baseline          the same pod pages served from memory: plain transfer against our pod list, per run
     * @param rawBytes          size of the {@code GET /api/v1/pods} body
     * @param rawRetainedPerPod heap the plain GET left behind per pod (the in-process API server's own growth)
     * @param retainedPerPod    heap retained after the ingest by the whole JVM, per pod: the store, and whatever
     *                          the in-process API server keeps after serving the lists and watches
     * @param storePerPod       heap freed by dropping the store alone, per pod
     * @param events            store changes observed while the pods churned
     * @param recomputations    graph derivations the coalescer ran for those changes
     */
    record Result(int pods, PodPageBaseline.Result baseline, Duration raw, long rawBytes, IngestBenchmark.Result ingest, double ratio,
                  long rawRetainedPerPod, long retainedPerPod, long storePerPod, long events, long recomputations,
                  double recomputationsPer10k) {
    }

    private final Path dir;
    private final Duration timeout;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    IngestBench(Path dir, Duration timeout) {
        this.dir = dir;
        this.timeout = timeout;
    }

    Result run(int pods) throws IOException, InterruptedException {
        ScheduledExecutorService kube = kubeExecutor();
        try {
            return run(pods, kube);
        } finally {
            kube.shutdownNow();
        }
    }

    /** The bench's own executor for its reflectors, as the console has one for its sessions. */
    static ScheduledExecutorService kubeExecutor() {
        return Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "eksid-bench-kube");
            t.setDaemon(true);
            return t;
        });
    }

    private Result run(int pods, ScheduledExecutorService kube) throws IOException, InterruptedException {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.large(dir, pods))) {
            Kubeconfig kubeconfig = new KubeconfigLoader(Map.of(), dir).load(java.util.List.of(sandbox.kubeconfigPath()));
            KubeContext context = kubeconfig.context(CLUSTER).orElseThrow(() -> new IllegalStateException(
                    "the sandbox kubeconfig has no context " + CLUSTER));
            KubeConnector connector = new KubeConnector(Clock.systemUTC(), KubeConnectOptions.DEFAULTS);
            // First, while the heap holds nothing else of ours: the captured pages are dropped before measuring.
            PodPageBaseline.Result baseline = new PodPageBaseline(dir, timeout, kube).measure(kubeconfig, context,
                    BASELINE_RUNS);
            long before = usedAfterGc();

            long t0 = System.nanoTime();
            long bytes = rawList(connector, kubeconfig, context);
            Duration raw = Duration.ofNanos(System.nanoTime() - t0);
            long afterRaw = usedAfterGc();

            ClusterStore store = IngestBenchmark.newStore(context, Clock.systemUTC());
            IngestBenchmark.Result ingest = new IngestBenchmark(connector, ReflectorSettings.DEFAULTS, kube)
                    .measure(kubeconfig, context, store, timeout);
            long withStore = usedAfterGc();
            int stored = store.podCount();
            store = null; // the only reference: what the next GC frees is the store itself
            long withoutStore = usedAfterGc();

            long[] churn = churn(sandbox, connector, kubeconfig, context, kube);
            double ratio = raw.isZero() ? Double.NaN : (double) ingest.total().toNanos() / raw.toNanos();
            return new Result(stored, baseline, raw, bytes, ingest, ratio, (afterRaw - before) / Math.max(1, stored),
                    (withStore - afterRaw) / Math.max(1, stored),
                    (withStore - withoutStore) / Math.max(1, stored), churn[0], churn[1],
                    churn[0] == 0 ? 0 : churn[1] * (double) EVENTS / churn[0]);
        }
    }

    /** One plain GET of every pod, body read and discarded: the floor any client pays for the same data. */
    private long rawList(KubeConnector connector, Kubeconfig kubeconfig, KubeContext context)
            throws IOException, InterruptedException {
        String token;
        try (KubernetesClient client = connector.buildClient(kubeconfig, context)) {
            token = client.getConfiguration().getAutoOAuthToken();
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(context.server()) + "/api/v1/pods"))
                .timeout(timeout).header("Accept", "application/json").GET();
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                bytes += n;
            }
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/v1/pods answered HTTP " + response.statusCode());
        }
        return bytes;
    }

    /**
     * Watches the cluster into a fresh store with a coalescer deriving the identity graph, churns pods until
     * {@link #EVENTS} store changes were observed, and counts the derivations they caused.
     *
     * @return {events, recomputations}
     */
    private long[] churn(Sandbox sandbox, KubeConnector connector, Kubeconfig kubeconfig, KubeContext context,
                         ScheduledExecutorService kube) throws InterruptedException {
        ClusterStore store = IngestBenchmark.newStore(context, Clock.systemUTC());
        ClusterInfo cluster = new ClusterInfo(CLUSTER, null, "", Partition.AWS, "", null, null, null, false);
        TrustEvaluator evaluator = new TrustEvaluator();
        ExecutorService derivations = Executors.newSingleThreadExecutor();
        SnapshotCoalescer coalescer = new SnapshotCoalescer(store, derivations,
                v -> IdentityGraph.build(store.snapshot(cluster), evaluator).counts());
        AtomicLong events = new AtomicLong();
        store.addChangeListener(events::incrementAndGet);
        try (KubeConnection connection = connector.connect(kubeconfig, context);
             ClusterWatcher watcher = new ClusterWatcher(connection.client(), store, ReflectorSettings.DEFAULTS,
                     kube)) {
            coalescer.start();
            watcher.start();
            watcher.synced().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            settle(store, coalescer);
            long events0 = events.get();
            long runs0 = coalescer.recomputations();
            long deadline = System.nanoTime() + timeout.toNanos();
            sandbox.cluster(CLUSTER).startChurn(EVENTS / 4.0);
            try {
                while (events.get() - events0 < EVENTS && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            } finally {
                sandbox.cluster(CLUSTER).stopChurn();
            }
            settle(store, coalescer);
            return new long[] {events.get() - events0, coalescer.recomputations() - runs0};
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the churn phase could not sync the cluster: " + e, e);
        } finally {
            coalescer.stop();
            derivations.shutdownNow();
        }
    }

    /** Waits until the store has not changed for half a second and the coalescer has caught up. */
    private static void settle(ClusterStore store, SnapshotCoalescer coalescer) throws InterruptedException {
        long last = -1;
        long runs = -1;
        while (true) {
            Thread.sleep(500);
            long v = store.version();
            long r = coalescer.recomputations();
            if (v == last && r == runs) {
                return;
            }
            last = v;
            runs = r;
        }
    }

    private long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
