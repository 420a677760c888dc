package io.eksid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid bench ingest}: starts the sandbox's large world in-process and measures, in one run, the raw pod
 * transfer, the time to a complete model as a ratio to it, the heap retained per pod, and the graph derivations
 * per 10,000 pod changes. Goals: at most 2x the raw transfer, at most 400 bytes per pod, a few derivations.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Measure ingest speed, memory per pod and recomputations against an in-process sandbox.",
            "For 50,000 pods give the JVM room: java -Xmx6g -jar eksid.jar bench ingest."})
public final class BenchIngestCommand implements Callable<Integer> {

    static final int USAGE_ERROR = 2;
    static final long GOAL_BYTES_PER_POD = 400;
    static final double GOAL_RATIO = 2.0;

    @Spec
    CommandSpec spec;

    @Option(names = "--pods", paramLabel = "N", defaultValue = "50000",
            description = "Pods in the generated world (1000 to 500000). Default: ${DEFAULT-VALUE}.")
    String pods;

    @Option(names = "--output", paramLabel = "json|table", defaultValue = "table",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "Upper bound for each phase (e.g. 120s, 10m). Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n;
        Duration wait;
        try {
            n = parsePods(pods);
            wait = ScanCommand.parseDuration(timeout);
            if (!output.equals("json") && !output.equals("table")) {
                throw new IllegalArgumentException("--output must be json or table, got '" + output + "'");
            }
        } catch (IllegalArgumentException e) {
            err.println("eksid bench ingest: " + e.getMessage());
            return USAGE_ERROR;
        }
        Path dir = Files.createTempDirectory("eksid-bench-");
        try {
            IngestBench.Result r = new IngestBench(dir, wait).run(n);
            if (output.equals("json")) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(r)));
            } else {
                print(r, out);
            }
            out.flush();
            return 0;
        } finally {
            deleteQuietly(dir);
        }
    }

    static int parsePods(String text) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--pods must be a whole number, got '" + text + "'");
        }
        if (n < 1_000 || n > 500_000) {
            throw new IllegalArgumentException("--pods must be between 1000 and 500000, got " + n);
        }
        return n;
    }

    static Map<String, Object> json(IngestBench.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pods", r.pods());
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("millis", r.raw().toMillis());
        raw.put("bytes", r.rawBytes());
        m.put("rawTransfer", raw);
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("connectMillis", r.ingest().connect().toMillis());
        ingest.put("preflightMillis", r.ingest().preflight().toMillis());
        ingest.put("syncMillis", r.ingest().sync().toMillis());
        ingest.put("totalMillis", r.ingest().total().toMillis());
        ingest.put("relists", r.ingest().relists());
        ingest.put("ratioToRaw", round(r.ratio()));
        ingest.put("goalRatio", GOAL_RATIO);
        m.put("ingest", ingest);
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("retainedBytesPerPod", r.retainedPerPod());
        heap.put("storeBytesPerPod", r.storePerPod());
        heap.put("goalBytesPerPod", GOAL_BYTES_PER_POD);
        m.put("heap", heap);
        Map<String, Object> churn = new LinkedHashMap<>();
        churn.put("events", r.events());
        churn.put("recomputations", r.recomputations());
        churn.put("recomputationsPer10000Events", round(r.recomputationsPer10k()));
        m.put("recomputations", churn);
        return m;
    }

    private static void print(IngestBench.Result r, PrintWriter out) {
        out.printf("Ingest benchmark, sandbox 'large' world, %,d pods%n%n", r.pods());
        out.printf("  raw GET /api/v1/pods          %,8d ms   %,d bytes (%,d bytes per pod)%n", r.raw().toMillis(),
                r.rawBytes(), r.rawBytes() / Math.max(1, r.pods()));
        out.printf("  connect to complete model     %,8d ms   connect %d, preflight %d, sync %d ms, %d lists%n",
                r.ingest().total().toMillis(), r.ingest().connect().toMillis(), r.ingest().preflight().toMillis(),
                r.ingest().sync().toMillis(), r.ingest().relists());
        out.printf("  ratio to raw transfer         %8.2fx   goal <= %.0fx  %s%n", r.ratio(), GOAL_RATIO,
                verdict(r.ratio() <= GOAL_RATIO));
        out.printf("  retained heap per pod         %,8d B    goal <= %d B  %s%n", r.retainedPerPod(),
                GOAL_BYTES_PER_POD, verdict(r.retainedPerPod() <= GOAL_BYTES_PER_POD));
        out.printf("    of which the store          %,8d B%n", r.storePerPod());
        out.printf("  recomputations                %,8d     for %,d pod events (%.1f per 10,000)%n",
                r.recomputations(), r.events(), r.recomputationsPer10k());
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT MET";
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : -1;
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
