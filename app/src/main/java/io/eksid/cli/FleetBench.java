package io.eksid.cli;

import io.eksid.engine.fleet.ClusterScan;
import io.eksid.engine.fleet.ClusterScanStatus;
import io.eksid.engine.fleet.FleetProgress;
import io.eksid.engine.fleet.FleetScanner;
import io.eksid.engine.fleet.FleetTarget;
import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.eksid.sandbox.scenario.FleetScenario;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fleet benchmark run against an in-process fleet sandbox: a single cluster's scan, then every cluster at
 * the given parallelism, with the heap sampled throughout. The expectation {@code N × single / parallel} comes
 * from the single scan measured in the same run, never from the fleet scan itself.
 */
final class FleetBench {

    /** What one run measured. */
    record Run(Duration single, Duration fleet, Duration expected, int ok, int failed, long heapBeforeBytes,
               long heapPeakBytes, long retainedPerClusterBytes) {
        double ratio() {
            return (double) fleet.toNanos() / Math.max(1, expected.toNanos());
        }
    }

    private final Sandbox sandbox;
    private final int clusters;
    private final int parallel;
    private final Duration timeout;
    private final Path home;

    FleetBench(Sandbox sandbox, int clusters, int parallel, Duration timeout, Path home) {
        this.sandbox = sandbox;
        this.clusters = clusters;
        this.parallel = parallel;
        this.timeout = timeout;
        this.home = home;
    }

    static Sandbox start(Path dir, int clusters, int podsPerCluster) {
        return Sandbox.start(SandboxOptions.fleet(dir, clusters, podsPerCluster));
    }

    static List<FleetTarget> targets(int clusters) {
        List<FleetTarget> targets = new ArrayList<>(clusters);
        for (int i = 1; i <= clusters; i++) {
            String account = FleetScenario.accountOf(i);
            String profile = account.equals(FleetScenario.accountOf(1)) ? "sandbox" : "sandbox-" + account;
            targets.add(new FleetTarget(FleetScenario.clusterName(i), profile, null));
        }
        return targets;
    }

    /** One untimed scan of the last cluster: class loading and JIT should not count as the single scan's time. */
    void warmUp() throws InterruptedException {
        List<FleetTarget> all = targets(clusters);
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
        Map<String, String> env = Map.of("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
        try (Workspace workspace = new Workspace(env, home, executor, Clock.systemUTC())) {
            workspace.addSource(WorkspaceSource.of(List.of(sandbox.kubeconfigPath()), null));
            new FleetScanner(workspace, new FleetScanner.Options(1, timeout))
                    .scan(List.of(all.get(all.size() - 1)), FleetProgress.NONE);
        } finally {
            executor.shutdownNow();
        }
    }

    Run run() throws InterruptedException {
        List<FleetTarget> all = targets(clusters);
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(4 + 2 * parallel, r -> {
            Thread t = new Thread(r, "eksid-bench-fleet");
            t.setDaemon(true);
            return t;
        });
        Map<String, String> env = Map.of("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
        try (Workspace workspace = new Workspace(env, home, executor, Clock.systemUTC())) {
            workspace.addSource(WorkspaceSource.of(List.of(sandbox.kubeconfigPath()), null));
            long t0 = System.nanoTime();
            List<ClusterScan> one = new FleetScanner(workspace, new FleetScanner.Options(1, timeout))
                    .scan(List.of(all.get(0)), FleetProgress.NONE);
            Duration single = Duration.ofNanos(System.nanoTime() - t0);
            if (one.get(0).status() == ClusterScanStatus.FAILED) {
                throw new IllegalStateException("the single-cluster scan failed: " + one.get(0).reason());
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(before);
            ScheduledFuture<?> sampler = executor.scheduleAtFixedRate(
                    () -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                    0, 20, TimeUnit.MILLISECONDS);
            long t1 = System.nanoTime();
            List<ClusterScan> scans = new FleetScanner(workspace, new FleetScanner.Options(parallel, timeout))
                    .scan(all, FleetProgress.NONE);
            Duration fleet = Duration.ofNanos(System.nanoTime() - t1);
            sampler.cancel(false);
            System.gc();
            long after = memory.getHeapMemoryUsage().getUsed();
            int ok = (int) scans.stream().filter(s -> s.status() != ClusterScanStatus.FAILED).count();
            long retained = Math.max(0, after - before) / Math.max(1, scans.size());
            Duration expected = single.multipliedBy(clusters).dividedBy(parallel);
            return new Run(single, fleet, expected, ok, scans.size() - ok, before, peak.get(), retained);
        } finally {
            executor.shutdownNow();
        }
    }
}
