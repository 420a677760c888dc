package io.eksid.cli;

import io.eksid.kube.IngestBenchmark;
import io.eksid.kube.IngestBenchmark.PathRun;
import io.eksid.kube.IngestBenchmark.PodPath;
import io.eksid.kube.KubeConnectOptions;
import io.eksid.kube.KubeConnector;
import io.eksid.kube.KubeContext;
import io.eksid.kube.Kubeconfig;
import io.eksid.kube.KubeconfigLoader;
import io.eksid.kube.ReflectorSettings;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code eksid bench ingest --informer}: our {@code Reflector} against fabric8's {@code SharedIndexInformer}, both
 * on the lean pod types and the same page size, both trimming into a store, against the same sandbox in the same
 * JVM. Each run measures both, one after the other, alternating which goes first, so the machine's load and the
 * JIT's warm-up weigh on both alike; the ratios are per run.
 */
final class InformerComparison {

    /** One run: both paths, {@code first} measured first. */
    record Run(PodPath first, PathRun reflector, PathRun informer) {
        double timeRatio() {
            return (double) informer.time().toNanos() / Math.max(1, reflector.time().toNanos());
        }

        double heapRatio() {
            return (double) informer.heapPerPod() / Math.max(1, reflector.heapPerPod());
        }
    }

    record Result(int pods, List<Run> runs) {
    }

    private final Path dir;
    private final Duration timeout;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    InformerComparison(Path dir, Duration timeout) {
        this.dir = dir;
        this.timeout = timeout;
    }

    Result run(int pods, int runs) throws IOException, InterruptedException {
        ScheduledExecutorService kube = IngestBench.kubeExecutor();
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.large(dir, pods))) {
            Kubeconfig kubeconfig = new KubeconfigLoader(Map.of(), dir).load(List.of(sandbox.kubeconfigPath()));
            KubeContext context = kubeconfig.context(IngestBench.CLUSTER).orElseThrow(() ->
                    new IllegalStateException("the sandbox kubeconfig has no context " + IngestBench.CLUSTER));
            KubeConnector connector = new KubeConnector(Clock.systemUTC(), KubeConnectOptions.DEFAULTS);
            IngestBenchmark bench = new IngestBenchmark(connector, ReflectorSettings.DEFAULTS, kube);
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                PodPath first = i % 2 == 0 ? PodPath.REFLECTOR : PodPath.INFORMER;
                PodPath second = first == PodPath.REFLECTOR ? PodPath.INFORMER : PodPath.REFLECTOR;
                PathRun a = pass(bench, connector, kubeconfig, context, first);
                PathRun b = pass(bench, connector, kubeconfig, context, second);
                PathRun reflector = first == PodPath.REFLECTOR ? a : b;
                PathRun informer = first == PodPath.INFORMER ? a : b;
                if (reflector.pods() != informer.pods()) {
                    throw new IllegalStateException("run " + (i + 1) + ": the reflector stored " + reflector.pods()
                            + " pods, the informer " + informer.pods());
                }
                results.add(new Run(first, reflector, informer));
            }
            return new Result(results.get(0).reflector().pods(), results);
        } finally {
            kube.shutdownNow();
        }
    }

    /** One path with a client of its own, so neither inherits the other's connections. */
    private PathRun pass(IngestBenchmark bench, KubeConnector connector, Kubeconfig kubeconfig, KubeContext context,
                         PodPath path) throws InterruptedException {
        try (KubernetesClient client = connector.buildClient(kubeconfig, context)) {
            return bench.ingestPods(client, path, timeout, this::usedAfterGc);
        }
    }

    private long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    static Map<String, Object> json(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pods", r.pods());
        m.put("runs", r.runs().stream().map(run -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("first", run.first().name().toLowerCase(java.util.Locale.ROOT));
            one.put("reflectorMillis", run.reflector().time().toMillis());
            one.put("informerMillis", run.informer().time().toMillis());
            one.put("reflectorHeapBytesPerPod", run.reflector().heapPerPod());
            one.put("informerHeapBytesPerPod", run.informer().heapPerPod());
            one.put("reflectorPods", run.reflector().pods());
            one.put("informerPods", run.informer().pods());
            one.put("timeRatio", round(run.timeRatio()));
            one.put("heapRatio", round(run.heapRatio()));
            return one;
        }).toList());
        m.put("timeRatio", stats(r.runs(), Run::timeRatio));
        m.put("heapRatio", stats(r.runs(), Run::heapRatio));
        return m;
    }

    static void print(Result r, PrintWriter out) {
        out.printf("Reflector against SharedIndexInformer, lean pods, pages of %d, %,d pods, %d runs side by side%n%n",
                ReflectorSettings.DEFAULTS.pageSize(), r.pods(), r.runs().size());
        out.printf("  run  first      reflector ms  informer ms   ratio   reflector B/pod  informer B/pod   ratio%n");
        for (int i = 0; i < r.runs().size(); i++) {
            Run run = r.runs().get(i);
            out.printf("  %3d  %-9s  %,12d  %,11d  %5.2fx  %,15d  %,14d  %5.2fx%n", i + 1,
                    run.first().name().toLowerCase(java.util.Locale.ROOT), run.reflector().time().toMillis(),
                    run.informer().time().toMillis(), run.timeRatio(), run.reflector().heapPerPod(),
                    run.informer().heapPerPod(), run.heapRatio());
        }
        Map<String, Double> t = stats(r.runs(), Run::timeRatio);
        Map<String, Double> h = stats(r.runs(), Run::heapRatio);
        out.printf("%n  informer / reflector, per run (min / median / max): time %.2f / %.2f / %.2f, "
                + "heap per pod %.2f / %.2f / %.2f%n", t.get("min"), t.get("median"), t.get("max"),
                h.get("min"), h.get("median"), h.get("max"));
    }

    /** min / median / max of a per-run ratio, summarised as every other ingest figure is ({@link PodPageBaseline.Stats}). */
    private static Map<String, Double> stats(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        PodPageBaseline.Stats s = PodPageBaseline.Stats.of(runs, r -> hundredths(f.applyAsDouble(r)));
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("min", s.min() / 100.0);
        m.put("median", s.median() / 100.0);
        m.put("max", s.max() / 100.0);
        return m;
    }

    /** A ratio in hundredths; -1.00 where it has no value (a run that measured nothing). */
    private static long hundredths(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) : -100;
    }

    private static double round(double v) {
        return hundredths(v) / 100.0;
    }
}
