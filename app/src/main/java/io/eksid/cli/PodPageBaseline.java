package io.eksid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.kube.IngestBenchmark;
import io.eksid.kube.KubeConnectOptions;
import io.eksid.kube.KubeConnector;
import io.eksid.kube.KubeContext;
import io.eksid.kube.Kubeconfig;
import io.eksid.kube.KubeconfigLoader;
import io.eksid.kube.ReflectorSettings;
import io.eksid.model.store.ClusterStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.ScheduledExecutorService;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The ingest baseline that is the transfer alone: the pod list pages a cluster sends (captured once, 500 per
 * page, with their continue tokens) are served from memory by {@link PodPageServer}, then, in each run, (a) a
 * plain HTTP client fetches those bytes and (b) our client lists the same pages through the reflector, lean
 * decode and trimmed store. (b) − (a) is what decoding and storing costs.
 */
final class PodPageBaseline {

    /**
     * One run of both phases.
     *
     * @param transfer       (a) plain GET of every page, bodies read into memory
     * @param ingest         (b) our pod list into a fresh store
     * @param transferServer handler CPU of the in-memory server during (a)
     * @param ingestServer   handler CPU of the in-memory server during (b)
     * @param ingestRequests page requests (b) sent to the server, a repeated page counted again
     */
    record Run(Duration transfer, Duration ingest, Duration transferServer, Duration ingestServer,
               long ingestRequests) {
        Duration decodeAndStore() {
            return ingest.minus(transfer);
        }

        double ratio() {
            return transfer.isZero() ? Double.NaN : (double) ingest.toNanos() / transfer.toNanos();
        }
    }

    /** @param pods items in the captured pages; @param bytes their total size */
    record Result(int pods, int pages, long bytes, List<Run> runs) {
        Stats transfer() {
            return Stats.of(runs, r -> r.transfer().toMillis());
        }

        Stats ingest() {
            return Stats.of(runs, r -> r.ingest().toMillis());
        }

        Stats decodeAndStore() {
            return Stats.of(runs, r -> r.decodeAndStore().toMillis());
        }

        Stats serverCpu() {
            return Stats.of(runs, r -> Math.max(r.transferServer().toMillis(), r.ingestServer().toMillis()));
        }

        /** min/median/max of the per-run ratio ingest / transfer, in hundredths. */
        Stats ratioHundredths() {
            return Stats.of(runs, r -> Math.round(r.ratio() * 100));
        }
    }

    record Stats(long min, long median, long max) {
        static <T> Stats of(List<T> values, ToLongFunction<T> f) {
            long[] v = values.stream().mapToLong(f).sorted().toArray();
            if (v.length == 0) {
                return new Stats(0, 0, 0);
            }
            return new Stats(v[0], v[v.length / 2], v[v.length - 1]);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Duration timeout;
    private final ScheduledExecutorService executor;

    PodPageBaseline(Path dir, Duration timeout, ScheduledExecutorService executor) {
        this.dir = dir;
        this.timeout = timeout;
        this.executor = executor;
    }

    /** Captures the pod pages of {@code context}'s API server, then runs both phases {@code runs} times. */
    Result measure(Kubeconfig kubeconfig, KubeContext context, int runs) throws IOException, InterruptedException {
        KubeConnector connector = new KubeConnector(Clock.systemUTC(), KubeConnectOptions.DEFAULTS);
        String bearer;
        try (KubernetesClient client = connector.buildClient(kubeconfig, context)) {
            bearer = client.getConfiguration().getAutoOAuthToken();
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int limit = Math.toIntExact(ReflectorSettings.DEFAULTS.pageSize());
        PodPageServer.Pages pages = PodPageServer.capture(http, context.server(), bearer, limit, timeout);
        int pods = 0;
        for (byte[] body : pages.bodies()) {
            pods += JSON.readTree(body).path("items").size();
        }
        List<Run> results = new ArrayList<>();
        try (PodPageServer server = PodPageServer.start(pages)) {
            Path file = dir.resolve("in-memory-pods.kubeconfig");
            Files.writeString(file, kubeconfig(server.url()));
            Kubeconfig memory = new KubeconfigLoader(Map.of(), dir).load(List.of(file));
            KubeContext memoryContext = memory.context("in-memory").orElseThrow();
            IngestBenchmark bench = new IngestBenchmark(connector, ReflectorSettings.DEFAULTS, executor);
            for (int i = 0; i < runs; i++) {
                server.resetCounters();
                long t0 = System.nanoTime();
                long bytes = 0;
                for (int p = 0; p < pages.bodies().size(); p++) {
                    bytes += PodPageServer.get(http, server.url() + pages.pathAndQuery(p), null, timeout).length;
                }
                Duration transfer = Duration.ofNanos(System.nanoTime() - t0);
                if (bytes != pages.bytes()) {
                    throw new IllegalStateException("the plain client read " + bytes + " bytes, the pages hold "
                            + pages.bytes());
                }
                Duration transferCpu = server.handlerCpu();

                server.resetCounters();
                ClusterStore store = IngestBenchmark.newStore(memoryContext, Clock.systemUTC());
                Duration ingest;
                try (KubernetesClient client = connector.buildClient(memory, memoryContext)) {
                    ingest = bench.listPods(client, store, timeout);
                }
                if (store.podCount() != pods || server.bytesServed() != pages.bytes()) {
                    throw new IllegalStateException("our pod list stored " + store.podCount() + " of " + pods
                            + " pods and read " + server.bytesServed() + " of " + pages.bytes() + " bytes");
                }
                results.add(new Run(transfer, ingest, transferCpu, server.handlerCpu(), server.pageRequests()));
            }
        }
        return new Result(pods, pages.bodies().size(), pages.bytes(), results);
    }

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: in-memory
                  cluster:
                    server: %s
                users:
                - name: in-memory
                  user:
                    token: in-memory
                contexts:
                - name: in-memory
                  context:
                    cluster: in-memory
                    user: in-memory
                current-context: in-memory
                """.formatted(server);
    }
}
