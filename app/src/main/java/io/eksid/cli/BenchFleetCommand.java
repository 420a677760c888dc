package io.eksid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.eksid.engine.fleet.FleetScanner;
import io.eksid.sandbox.Sandbox;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid bench fleet}: a fleet sandbox of N clusters over two accounts, in-process; each run scans one
 * cluster alone, then all N at {@code --parallel}, and compares the fleet's wall time with
 * {@code N × single / parallel} from the same run. Reports min, median and max over the runs, and the peak heap.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Measure a fleet scan of N sandbox clusters against N x single-cluster time / parallel.",
            "The sandbox runs in the same JVM, so heap figures include its world; one untimed scan warms up first."})
public final class BenchFleetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--clusters", paramLabel = "N", defaultValue = "100",
            description = "Clusters in the fleet sandbox (2 to 500). Default: ${DEFAULT-VALUE}.")
    int clusters;

    @Option(names = "--pods-per-cluster", paramLabel = "N", defaultValue = "12",
            description = "Pods per cluster (1 to 5000). Default: ${DEFAULT-VALUE}.")
    int pods;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Contexts scanned at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Runs to report min, median and max over (1 to 20). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--output", paramLabel = "json|table", defaultValue = "table",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s",
            description = "How long one cluster may take. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration wait;
        try {
            wait = ScanCommand.parseDuration(timeout);
            check(clusters >= 2 && clusters <= 500, "--clusters must be between 2 and 500, got " + clusters);
            check(pods >= 1 && pods <= 5_000, "--pods-per-cluster must be between 1 and 5000, got " + pods);
            check(runs >= 1 && runs <= 20, "--runs must be between 1 and 20, got " + runs);
            check(output.equals("json") || output.equals("table"), "--output must be json or table, got '"
                    + output + "'");
            new FleetScanner.Options(parallel, wait);
        } catch (IllegalArgumentException e) {
            err.println("eksid bench fleet: " + e.getMessage());
            return ScanCommand.USAGE_ERROR;
        }
        Path dir = Files.createTempDirectory("eksid-bench-fleet-");
        List<FleetBench.Run> results = new ArrayList<>();
        try (Sandbox sandbox = FleetBench.start(dir.resolve("sandbox"), clusters, pods)) {
            FleetBench bench = new FleetBench(sandbox, clusters, parallel, wait, dir);
            bench.warmUp();
            for (int i = 0; i < runs; i++) {
                FleetBench.Run r = bench.run();
                results.add(r);
                err.printf("run %d: single %d ms, fleet %d ms, expected %d ms, %d ok, %d failed%n", i + 1,
                        r.single().toMillis(), r.fleet().toMillis(), r.expected().toMillis(), r.ok(), r.failed());
                err.flush();
            }
        }
        if (output.equals("json")) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(results)));
        } else {
            table(results, out);
        }
        out.flush();
        return results.stream().allMatch(r -> r.failed() == 0) ? 0 : ScanCommand.SOURCE_FAILED;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** min, median, max of one figure over the runs. */
    static double[] spread(List<FleetBench.Run> runs, ToDoubleFunction<FleetBench.Run> figure) {
        List<Double> v = new ArrayList<>(runs.stream().map(figure::applyAsDouble).toList());
        v.sort(Comparator.naturalOrder());
        int n = v.size();
        double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new double[] {v.get(0), median, v.get(n - 1)};
    }

    private Map<String, Object> json(List<FleetBench.Run> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clusters", clusters);
        m.put("podsPerCluster", pods);
        m.put("parallel", parallel);
        m.put("runs", runs.size());
        m.put("singleMillis", figure(runs, r -> r.single().toMillis()));
        m.put("fleetMillis", figure(runs, r -> r.fleet().toMillis()));
        m.put("expectedMillis", figure(runs, r -> r.expected().toMillis()));
        m.put("ratioToExpected", figure(runs, FleetBench.Run::ratio));
        m.put("heapPeakMiB", figure(runs, r -> r.heapPeakBytes() / 1048576.0));
        m.put("heapBeforeMiB", figure(runs, r -> r.heapBeforeBytes() / 1048576.0));
        m.put("retainedBytesPerCluster", figure(runs, FleetBench.Run::retainedPerClusterBytes));
        m.put("failedClusters", runs.stream().mapToInt(FleetBench.Run::failed).sum());
        return m;
    }

    private static Map<String, Object> figure(List<FleetBench.Run> runs, ToDoubleFunction<FleetBench.Run> f) {
        double[] s = spread(runs, f);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", Math.round(s[0] * 100) / 100.0);
        m.put("median", Math.round(s[1] * 100) / 100.0);
        m.put("max", Math.round(s[2] * 100) / 100.0);
        return m;
    }

    private void table(List<FleetBench.Run> runs, PrintWriter out) {
        out.printf("Fleet benchmark: %d sandbox clusters (two accounts), %d pods each, --parallel %d, %d run(s)%n%n",
                clusters, pods, parallel, runs.size());
        out.printf("  %-34s %10s %10s %10s%n", "", "min", "median", "max");
        row(out, "single cluster (ms)", spread(runs, r -> r.single().toMillis()), "%10.0f");
        row(out, "fleet wall time (ms)", spread(runs, r -> r.fleet().toMillis()), "%10.0f");
        row(out, "N x single / parallel (ms)", spread(runs, r -> r.expected().toMillis()), "%10.0f");
        row(out, "wall / expected", spread(runs, FleetBench.Run::ratio), "%10.2f");
        row(out, "heap before the fleet scan (MiB)", spread(runs, r -> r.heapBeforeBytes() / 1048576.0), "%10.1f");
        row(out, "peak heap during it (MiB)", spread(runs, r -> r.heapPeakBytes() / 1048576.0), "%10.1f");
        row(out, "retained per cluster (bytes)", spread(runs, FleetBench.Run::retainedPerClusterBytes), "%10.0f");
        out.printf("%n  failed clusters over all runs: %d%n", runs.stream().mapToInt(FleetBench.Run::failed).sum());
    }

    private static void row(PrintWriter out, String label, double[] s, String format) {
        out.printf("  %-34s " + format + " " + format + " " + format + "%n", label, s[0], s[1], s[2]);
    }
}
