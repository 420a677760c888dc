package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.sandbox.kube.PodTemplateOptions;
import io.eksid.sandbox.kube.SimulatedCluster;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest measurement runs end to end and counts what the server has (no timing assertions). */
class IngestBenchmarkSandboxTest {

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @TempDir
    Path dir;

    @Test
    void measuresConnectPreflightAndSyncIntoTheStore() throws Exception {
        try (SandboxKube sandbox = new SandboxKube()) {
            SimulatedCluster cluster = sandbox.server.addCluster("bench");
            cluster.bulk().namespace("load", Map.of()).serviceAccount("load", "app", Map.of())
                    .node("ip-10-0-0-1.ec2.internal", Map.of())
                    .deployment("load", "web", "app", 300, PodTemplateOptions.defaults()).commit();
            Path file = SandboxKube.write(dir, "config", SandboxKube.kubeconfig("bench", "bench",
                    sandbox.server.serverUrl("bench"), "load", "token: t"));
            Kubeconfig kc = new KubeconfigLoader(Map.of("KUBECONFIG", file.toString()), dir).load();
            KubeContext ctx = kc.contexts().get(0);
            IngestBenchmark bench = new IngestBenchmark(new KubeConnector(Clock.systemUTC(),
                    KubeConnectOptions.DEFAULTS), SandboxKube.FAST, executor);
            ClusterStore store = IngestBenchmark.newStore(ctx, Clock.systemUTC());

            IngestBenchmark.Result result = bench.measure(kc, ctx, store, Duration.ofSeconds(60));

            int serverPods = cluster.pods(null).size();
            assertThat(result.pods()).isEqualTo(serverPods).isGreaterThanOrEqualTo(300);
            assertThat(result.context()).isEqualTo("bench");
            // synced means every kind listed: none is still connecting or failed when the measurement ends
            assertThat(SandboxKube.sources(store).values()).extracting(SourceStatus::state)
                    .containsOnly(SourceState.LIVE);
            // one full list per served kind (the sandbox serves no batch/v1): 300 pods in pages of 50 is one list
            assertThat(result.relists()).isBetween(WatchedKind.values().length - 2, WatchedKind.values().length);
        }
    }
}
