package io.eksid.ui.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eksid bench startup}: wall time from launching a JVM to a graph on the console's screen, against a bare
 * JavaFX window started the same way, interleaved run by run so the machine's load weighs on both alike. Needs a
 * display (use {@code xvfb-run} on a headless machine).
 *
 * <p>With {@code --sandbox-dir} (the folder a running {@code eksid sandbox} wrote), the console connects to that
 * already-running sandbox as to any cluster, and two figures are taken per run: the first graph from the last
 * session's snapshot (a state folder that a previous launch filled), and the settled live graph with an empty
 * state folder. Without it, the console starts its embedded sandbox itself and the settled live graph is timed.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = "Measure launch-to-graph time against a bare JavaFX window (needs a display).")
public final class BenchStartupCommand implements Callable<Integer> {

    @Option(names = "--runs", description = "Launches of each (default ${DEFAULT-VALUE}).", defaultValue = "3")
    int runs;

    @Option(names = "--timeout", description = "Seconds one launch may take.", defaultValue = "180")
    int timeoutSeconds;

    @Option(names = "--sandbox-dir", paramLabel = "DIR",
            description = "Folder of a running 'eksid sandbox' (its kubeconfig and aws/ files); "
                    + "default: the console starts its embedded sandbox.")
    Path sandboxDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private String lastOutput = "";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> bareCommand = List.of(java, "-cp", cp, BareWindowApp.Main.class.getName());
        List<Double> bare = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        List<Double> live = new ArrayList<>();
        Path warmHome = null;
        if (sandboxDir != null) {
            warmHome = Files.createTempDirectory("eksid-bench-startup-warm");
            // Fills the state folder with the snapshot of acme-prod, as any earlier session would.
            launch(console(java, cp, warmHome), "graph settled", warmHome);
        }
        for (int i = 0; i < runs; i++) {
            bare.add(launch(bareCommand, "interactive", null));
            if (warmHome != null) {
                cached.add(launch(console(java, cp, warmHome), "graph cached", null));
            }
            Path fresh = Files.createTempDirectory("eksid-bench-startup");
            live.add(launch(console(java, cp, fresh), "graph settled", null));
            out.printf(Locale.ROOT, "run %d: bare window %.2f s%s, console live graph %.2f s%n", i + 1, bare.get(i),
                    warmHome == null ? "" : String.format(Locale.ROOT, ", console cached graph %.2f s",
                            cached.get(i)), live.get(i));
        }
        out.println(summary("bare window", bare, null));
        if (warmHome != null) {
            out.println(summary("first graph from the cached snapshot", cached, bare));
        }
        out.println(summary(warmHome == null ? "settled live graph (embedded sandbox started by the console)"
                : "settled live graph on the running sandbox", live, bare));
        return 0;
    }

    private List<String> console(String java, String cp, Path home) {
        return List.of(java, "-Deksid.bench.startup=true", "-Duser.home=" + home, "-cp", cp, "io.eksid.Launcher");
    }

    /** min / median / max, and with a baseline the ratio of medians and of each run to its own baseline run. */
    static String summary(String what, List<Double> values, List<Double> baseline) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: min %.2f s, median %.2f s, max %.2f s",
                what, min(values), median(values), max(values)));
        if (baseline != null) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                ratios.add(values.get(i) / baseline.get(i));
            }
            s.append(String.format(Locale.ROOT, "; per-run ratio to the bare window min %.2fx, median %.2fx, "
                    + "max %.2fx", min(ratios), median(ratios), max(ratios)));
        }
        return s.toString();
    }

    /**
     * Seconds until the process says {@code marker}; with {@code waitForSnapshotIn}, the process is then left
     * running until its state folder holds a saved snapshot.
     */
    private double launch(List<String> command, String marker, Path waitForSnapshotIn) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("XDG_STATE_HOME");
        env.remove("XDG_CONFIG_HOME");
        if (sandboxDir == null) {
            env.remove("KUBECONFIG"); // the console opens its embedded sandbox when there is no kubeconfig
        } else {
            env.put("KUBECONFIG", sandboxDir.resolve("kubeconfig").toString());
            env.put("AWS_CONFIG_FILE", sandboxDir.resolve("aws").resolve("config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", sandboxDir.resolve("aws").resolve("credentials").toString());
            env.put("AWS_PROFILE", "sandbox");
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();
            while ((line = r.readLine()) != null) {
                tail.addLast(line);
                if (tail.size() > 5) {
                    tail.removeFirst();
                }
                lastOutput = String.join(" | ", tail);
                if (line.strip().equals(marker)) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (waitForSnapshotIn != null) {
                        awaitSnapshot(waitForSnapshotIn);
                    }
                    return seconds;
                }
                if (line.strip().equals("graph live") && marker.equals("graph cached")) {
                    throw new IllegalStateException("the console showed a live graph first: no cached snapshot was "
                            + "used (" + command.get(2) + ")");
                }
                if ((System.nanoTime() - t0) / 1e9 > timeoutSeconds) {
                    break;
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        throw new IllegalStateException("no '" + marker + "' within " + timeoutSeconds + " s: " + command.get(
                command.size() - 1) + " (is there a display? try xvfb-run); it said: " + lastOutput);
    }

    private void awaitSnapshot(Path home) throws InterruptedException, IOException {
        Path folder = io.eksid.engine.settings.AppFolders.of(Map.of(), home, System.getProperty("os.name"))
                .snapshotsDir();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    if (files.anyMatch(f -> f.getFileName().toString().endsWith(".json"))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the console saved no snapshot in " + folder);
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
