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
 * per 10,000 pod changes. The speed goal is measured against the same pod pages served from memory
 * ({@link PodPageBaseline}): our pod list at most 2x their plain transfer, at most 400 bytes per pod, a few derivations.
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

    @Option(names = "--informer", description = {"Instead: our reflector against fabric8's SharedIndexInformer on the "
            + "same lean pods, side by side (time to every pod stored, heap per pod)."})
    boolean informer;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Side-by-side runs with --informer (1 to 20). Default: ${DEFAULT-VALUE}.")
    int runs;

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
            if (runs < 1 || runs > 20) {
                throw new IllegalArgumentException("--runs must be between 1 and 20, got " + runs);
            }
        } catch (IllegalArgumentException e) {
            err.println("eksid bench ingest: " + e.getMessage());
            return USAGE_ERROR;
        }
        Path dir = Files.createTempDirectory("eksid-bench-");
        try {
            if (informer) {
                InformerComparison.Result c = new InformerComparison(dir, wait).run(n, runs);
                if (output.equals("json")) {
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(InformerComparison.json(c)));
                } else {
                    InformerComparison.print(c, out);
                }
                out.flush();
                return 0;
            }
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
        PodPageBaseline.Result b = r.baseline();
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("pods", b.pods());
        base.put("pages", b.pages());
        base.put("bytes", b.bytes());
        base.put("transferMillis", stats(b.transfer()));
        base.put("ingestMillis", stats(b.ingest()));
        base.put("decodeAndStoreMillis", stats(b.decodeAndStore()));
        base.put("serverCpuMillis", stats(b.serverCpu()));
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("min", b.ratioHundredths().min() / 100.0);
        ratio.put("median", b.ratioHundredths().median() / 100.0);
        ratio.put("max", b.ratioHundredths().max() / 100.0);
        base.put("ratio", ratio);
        base.put("goalRatio", GOAL_RATIO);
        base.put("runs", b.runs().stream().map(run -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("transferMillis", run.transfer().toMillis());
            one.put("ingestMillis", run.ingest().toMillis());
            one.put("decodeAndStoreMillis", run.decodeAndStore().toMillis());
            one.put("transferServerCpuMillis", run.transferServer().toMillis());
            one.put("ingestServerCpuMillis", run.ingestServer().toMillis());
            one.put("ingestRequests", run.ingestRequests());
            return one;
        }).toList());
        m.put("inMemoryBaseline", base);
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
        ingest.put("ratioToSandboxGet", round(r.ratio()));
        m.put("ingest", ingest);
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("storeBytesPerPod", r.storePerPod());
        heap.put("jvmRetainedBytesPerPod", r.retainedPerPod());
        heap.put("rawGetRetainedBytesPerPod", r.rawRetainedPerPod());
        heap.put("goalBytesPerPod", GOAL_BYTES_PER_POD);
        m.put("heap", heap);
        Map<String, Object> churn = new LinkedHashMap<>();
        churn.put("events", r.events());
        churn.put("recomputations", r.recomputations());
        churn.put("recomputationsPer10000Events", round(r.recomputationsPer10k()));
        m.put("recomputations", churn);
        return m;
    }

    private static Map<String, Object> stats(PodPageBaseline.Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", s.min());
        m.put("median", s.median());
        m.put("max", s.max());
        return m;
    }

    private static String mmm(PodPageBaseline.Stats s) {
        return String.format("%,7d %,7d %,7d", s.min(), s.median(), s.max());
    }

    private static void print(IngestBench.Result r, PrintWriter out) {
        PodPageBaseline.Result b = r.baseline();
        out.printf("Ingest benchmark, sandbox 'large' world, %,d pods%n%n", r.pods());
        out.printf("  pod pages served from memory: %,d pods, %,d pages of %d, %,d bytes; %d runs%n",
                b.pods(), b.pages(), io.eksid.kube.ReflectorSettings.DEFAULTS.pageSize(), b.bytes(), b.runs().size());
        out.printf("                                    min  median     max (ms)%n");
        out.printf("  (a) plain HTTP transfer       %s%n", mmm(b.transfer()));
        out.printf("  (b) our pod list into store   %s%n", mmm(b.ingest()));
        out.printf("  (b) - (a) decode + store      %s%n", mmm(b.decodeAndStore()));
        out.printf("  in-memory server's own CPU    %s   (it only copies pre-built bytes)%n", mmm(b.serverCpu()));
        PodPageBaseline.Stats ratio = b.ratioHundredths();
        out.printf("  ratio (b) / (a)               %7.2f %7.2f %7.2f   goal <= %.0fx  %s%n", ratio.min() / 100.0,
                ratio.median() / 100.0, ratio.max() / 100.0, GOAL_RATIO, verdict(ratio.median() <= GOAL_RATIO * 100));
        out.println();
        out.printf("  raw GET /api/v1/pods, sandbox %,8d ms   %,d bytes (%,d bytes per pod; the sandbox serialises)%n",
                r.raw().toMillis(), r.rawBytes(), r.rawBytes() / Math.max(1, r.pods()));
        out.printf("  connect to complete model     %,8d ms   connect %d, preflight %d, sync %d ms, %d lists "
                + "(every kind, from the sandbox)%n",
                r.ingest().total().toMillis(), r.ingest().connect().toMillis(), r.ingest().preflight().toMillis(),
                r.ingest().sync().toMillis(), r.ingest().relists());
        out.printf("  store heap per pod            %,8d B    goal <= %d B  %s%n", r.storePerPod(),
                GOAL_BYTES_PER_POD, verdict(r.storePerPod() <= GOAL_BYTES_PER_POD));
        out.printf("    whole JVM after the ingest  %,8d B    (includes the in-process API server's growth;%n"
                + "                                            the plain GET alone left %,d B per pod)%n",
                r.retainedPerPod(), r.rawRetainedPerPod());
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
