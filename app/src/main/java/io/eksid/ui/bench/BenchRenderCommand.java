package io.eksid.ui.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.model.graph.GraphNode;
import io.eksid.model.graph.NodeKind;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.eksid.ui.ConsoleComponents;
import io.eksid.ui.graph.GraphPalette;
import io.eksid.ui.graph.GroupedLayout;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.ViewGraph;
import io.eksid.ui.graph.ViewGraphBuilder;
import io.eksid.ui.graph.Viewport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eksid bench render}: frame times of the graph while panning and zooming, each beside a naive full
 * redraw of the same view in the same run, on the sandbox's {@code large} scenario, plus the FX thread's busy
 * share while the cluster churns. Use the software pipeline ({@code -Dprism.order=sw}) to measure what CI and
 * many remote desktops have.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Measure graph frame times against a naive full redraw, and the UI thread's load under churn.")
public final class BenchRenderCommand implements Callable<Integer> {

    @Option(names = "--pods", description = "Pods in the large scenario (default ${DEFAULT-VALUE}).",
            defaultValue = "50000")
    int pods;

    @Option(names = "--frames", description = "Frames per measured path (default ${DEFAULT-VALUE}).",
            defaultValue = "160")
    int frames;

    @Option(names = "--expanded-nodes", description = "Size of the fully expanded view (default ${DEFAULT-VALUE}).",
            defaultValue = "5000")
    int expandedNodes;

    @Option(names = "--churn-seconds", description = "How long to measure the UI thread under churn.",
            defaultValue = "20")
    int churnSeconds;

    @Option(names = "--churn-rate", description = "Store events per second during the churn measurement "
            + "(default ${DEFAULT-VALUE}).", defaultValue = "1000")
    double churnRate;

    @Option(names = "--output", description = "text or json", defaultValue = "text")
    String output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String pipeline = System.getProperty("prism.order", "(default)");
        Path dir = Files.createTempDirectory("eksid-bench-render");
        CountDownLatch fx = new CountDownLatch(1);
        Platform.startup(fx::countDown);
        Platform.setImplicitExit(false);
        fx.await();
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.large(dir, pods));
             ConsoleComponents console = new ConsoleComponents(ConsoleComponents.Settings.forTests(
                     dir.resolve("home"), true))) {
            console.workspace().addSource(WorkspaceSource.sandbox(sandbox.kubeconfigPath(), sandbox.awsConfigPath(),
                    sandbox.awsCredentialsPath(), "sandbox"));
            String context = sandbox.clusters().get(0);
            AtomicReference<IdentityState> latest = new AtomicReference<>();
            // The window's own pipeline: the state arrives on the FX thread with its presentation.
            Platform.runLater(() -> {
                console.vm().stateProperty().addListener((o, a, st) -> latest.set(st));
                console.vm().start(context);
            });
            out.printf(Locale.ROOT, "waiting for %d pods of %s%n", pods, context);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (latest.get() == null || latest.get().graph().counts().pods() < pods
                    || latest.get().lastAwsRefresh() == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the model did not complete in 10 minutes");
                }
                Thread.sleep(250);
            }
            IdentityState state = latest.get();
            ViewGraphBuilder builder = new ViewGraphBuilder();
            GroupedLayout layout = new GroupedLayout();
            RenderBenchmark bench = new RenderBenchmark(1280, 800);

            // (a) the default view: namespaces collapsed (semantic zoom), readable zoom, panned and zoomed.
            ViewGraph defaultView = builder.build(state.graph(), state.findings(), Set.of(), ViewGraphBuilder.Filter.ALL);
            LaidOutGraph a = layout.layout(defaultView);
            RenderBenchmark.Result ra = bench.run("default view", a, bench.path(Viewport.initial(a, 1280, 800), frames),
                    GraphPalette.light());

            // (b) a fully expanded view of about N nodes at fit zoom.
            Set<String> expand = new HashSet<>();
            int count = a.nodeCount();
            for (GraphNode n : state.graph().nodes()) {
                if (n.kind() == NodeKind.NAMESPACE && count < expandedNodes) {
                    expand.add(n.id());
                    count += (int) state.graph().edgesFrom(n.id()).size();
                }
            }
            LaidOutGraph b = layout.layout(builder.build(state.graph(), state.findings(), expand,
                    ViewGraphBuilder.Filter.ALL));
            Viewport fit = Viewport.fit(b, 1280, 800);
            RenderBenchmark.Result rb = bench.run("expanded view at fit zoom", b, bench.path(fit, frames / 2),
                    GraphPalette.light());

            // (c) the UI thread under churn: the whole pipeline, coalesced into the FX thread.
            UiLoadProbe.Result rc = new UiLoadProbe().run(console, churnRate, churnSeconds);
            report(out, pipeline, ra, rb, rc);
            return 0;
        } finally {
            Platform.exit();
        }
    }

    private void report(PrintWriter out, String pipeline, RenderBenchmark.Result a, RenderBenchmark.Result b,
                        UiLoadProbe.Result c) throws Exception {
        if (output.equals("json")) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            root.put("pipeline", pipeline);
            root.put("pods", pods);
            for (RenderBenchmark.Result r : new RenderBenchmark.Result[] {a, b}) {
                ObjectNode n = root.putObject(r.name().startsWith("default") ? "defaultView" : "expandedView");
                n.put("nodes", r.nodes());
                n.put("edges", r.edges());
                n.put("oursMedianMs", r.ours().medianMs());
                n.put("oursP99Ms", r.ours().p99Ms());
                n.put("naiveMedianMs", r.naive().medianMs());
                n.put("naiveP99Ms", r.naive().p99Ms());
                n.put("speedup", r.speedup());
            }
            ObjectNode churn = root.putObject("churn");
            churn.put("eventsPerSecond", c.eventsPerSecond());
            churn.put("fxBusyShare", c.fxBusyShare());
            churn.put("uiUpdates", c.uiUpdates());
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return;
        }
        out.printf(Locale.ROOT, "pipeline %s, %d pods%n", pipeline, pods);
        for (RenderBenchmark.Result r : new RenderBenchmark.Result[] {a, b}) {
            out.printf(Locale.ROOT, "%s: %d nodes, %d edges%n  ours : %s%n  naive: %s%n  naive/ours (median) = %.1fx%n",
                    r.name(), r.nodes(), r.edges(), r.ours(), r.naive(), r.speedup());
        }
        out.printf(Locale.ROOT, "churn: %.0f events/s for %d s: FX thread busy %.1f%% of the time, %d UI updates%n",
                c.eventsPerSecond(), churnSeconds, c.fxBusyShare() * 100, c.uiUpdates());
    }
}
