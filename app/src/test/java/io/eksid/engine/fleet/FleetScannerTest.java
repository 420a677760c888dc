package io.eksid.engine.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.model.findings.Severity;
import io.eksid.model.graph.AgentStatus;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet scans against the fleet sandbox (four clusters in two accounts) over HTTP, with the real fabric8 and AWS
 * SDK clients, plus a context whose API server does not answer.
 */
class FleetScannerTest {

    static final String LEDGER_PROFILE = "sandbox-444455556666";

    static Sandbox sandbox;
    static Path dir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("eksid-fleet-test");
        sandbox = Sandbox.start(SandboxOptions.fleet(dir, 4, 6));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** A kubeconfig with one context whose server refuses connections (a closed local port). */
    static Path unreachableKubeconfig(Path folder) throws Exception {
        Path file = folder.resolve("unreachable.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: gone
                  cluster:
                    server: https://127.0.0.1:1
                users:
                - name: gone-admin
                  user:
                    token: not-a-secret
                contexts:
                - name: gone
                  context:
                    cluster: gone
                    user: gone-admin
                """);
        return file;
    }

    Workspace workspace(ScheduledExecutorService executor, Path... extraKubeconfigs) {
        Map<String, String> env = Map.of("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
        Workspace w = new Workspace(env, tmp, executor, Clock.systemUTC());
        List<Path> files = new ArrayList<>(List.of(sandbox.kubeconfigPath()));
        files.addAll(List.of(extraKubeconfigs));
        w.addSource(WorkspaceSource.of(files, "sandbox"));
        return w;
    }

    static FleetTarget target(String cluster) {
        boolean ledger = cluster.equals("fleet-002") || cluster.equals("fleet-004");
        return new FleetTarget(cluster, ledger ? LEDGER_PROFILE : "sandbox", null);
    }

    @Test
    void everyClusterOfBothAccountsIsScannedAndTheUnreachableOneFailsAlone() throws Exception {
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(8);
        Map<String, Integer> podsSeen = new ConcurrentHashMap<>();
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger lastDone = new AtomicInteger();
        try (Workspace w = workspace(executor, unreachableKubeconfig(tmp))) {
            List<FleetTarget> targets = new ArrayList<>(List.of(target("fleet-001"), FleetTarget.of("gone"),
                    target("fleet-002"), target("fleet-003"), target("fleet-004")));
            List<ClusterScan> scans = new FleetScanner(w, new FleetScanner.Options(2, Duration.ofSeconds(60)))
                    .scan(targets, new FleetProgress() {
                        @Override
                        public void started(String context) {
                            started.add(context);
                        }

                        @Override
                        public void finished(ClusterScan scan, IdentityState last, int done, int total) {
                            assertThat(total).isEqualTo(5);
                            lastDone.accumulateAndGet(done, Math::max);
                            if (last != null) {
                                podsSeen.put(scan.context(), last.snapshot().pods().size());
                            }
                        }
                    });

            assertThat(scans).extracting(ClusterScan::context)
                    .containsExactly("fleet-001", "gone", "fleet-002", "fleet-003", "fleet-004");
            assertThat(started).containsExactlyInAnyOrder("fleet-001", "gone", "fleet-002", "fleet-003", "fleet-004");
            assertThat(lastDone.get()).isEqualTo(5);

            ClusterScan gone = scans.get(1);
            assertThat(gone.status()).isEqualTo(ClusterScanStatus.FAILED);
            assertThat(gone.reason()).contains("kube/connection");
            assertThat(gone.account()).isNull();

            for (ClusterScan c : List.of(scans.get(0), scans.get(2), scans.get(3), scans.get(4))) {
                assertThat(c.status()).as(c.context() + ": " + c.reason()).isEqualTo(ClusterScanStatus.OK);
                assertThat(c.cluster().name()).isEqualTo(c.context());
                assertThat(c.region()).isEqualTo("us-west-2");
                assertThat(c.version()).isEqualTo("1.31");
                assertThat(c.counts().irsaMappings()).isEqualTo(c.context().equals("fleet-003") ? 3 : 2);
                assertThat(c.counts().associations()).isEqualTo(1);
                assertThat(c.convertible()).isEqualTo(c.counts().irsaMappings());
                assertThat(c.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("IRSA_TRUST_DENIES"));
                assertThat(podsSeen.get(c.context())).isPositive();
            }
            assertThat(scans.get(0).account()).isEqualTo("111122223333");
            assertThat(scans.get(2).account()).isEqualTo("444455556666");
            assertThat(scans.get(0).agent().state()).isEqualTo(AgentStatus.State.MISSING);
            assertThat(scans.get(2).agent().state()).isEqualTo(AgentStatus.State.PRESENT);
            assertThat(scans.get(3).findingsBySeverity().get(Severity.CRITICAL)).isEqualTo(1);
            assertThat(scans.get(0).findingsBySeverity().get(Severity.CRITICAL)).isZero();
            assertThat(scans.get(4).profile()).isEqualTo(LEDGER_PROFILE);

            FleetSummary summary = FleetSummary.of(scans);
            assertThat(summary.total().clusters()).isEqualTo(5);
            assertThat(summary.total().failed()).isEqualTo(1);
            assertThat(summary.total().ok()).isEqualTo(4);
            assertThat(summary.byAccount()).containsOnlyKeys("111122223333", "444455556666",
                    FleetSummary.UNKNOWN_ACCOUNT);
            assertThat(summary.byAccount().get("111122223333").clusters()).isEqualTo(2);
            assertThat(summary.byAccount().get("444455556666").clusters()).isEqualTo(2);
            assertThat(summary.byAccount().get("111122223333").findings().get(Severity.CRITICAL)).isEqualTo(1);
            assertThat(summary.total().irsaMappings()).isEqualTo(9);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aClusterInTheOtherAccountFailsWithTheWrongProfileAndTheRestGoOn() throws Exception {
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(6);
        try (Workspace w = workspace(executor)) {
            List<ClusterScan> scans = new FleetScanner(w, new FleetScanner.Options(4, Duration.ofSeconds(60)))
                    .scan(List.of(new FleetTarget("fleet-002", "sandbox", null), target("fleet-001"),
                            FleetTarget.of("no-such-context")), FleetProgress.NONE);
            assertThat(scans.get(0).status()).isEqualTo(ClusterScanStatus.FAILED);
            assertThat(scans.get(0).reason()).contains("aws/cluster");
            assertThat(scans.get(1).status()).isEqualTo(ClusterScanStatus.OK);
            assertThat(scans.get(2).status()).isEqualTo(ClusterScanStatus.FAILED);
            assertThat(scans.get(2).reason()).contains("no-such-context");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void optionsRejectWhatCannotRun() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FleetScanner.Options(0, Duration.ofSeconds(1)))
                .hasMessageContaining("--parallel must be between 1 and 64");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FleetScanner.Options(2, Duration.ZERO))
                .hasMessageContaining("positive");
    }
}
