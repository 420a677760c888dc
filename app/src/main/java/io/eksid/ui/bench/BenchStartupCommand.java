package io.eksid.ui.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eksid bench startup}: wall time from launching a JVM to an interactive console window on the sandbox
 * (graph drawn), as a ratio to a bare JavaFX window started the same way, interleaved in one run. Needs a display
 * (use {@code xvfb-run} on a headless machine).
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = "Measure launch-to-interactive time against a bare JavaFX window (needs a display).")
public final class BenchStartupCommand implements Callable<Integer> {

    @Option(names = "--runs", description = "Launches of each (default ${DEFAULT-VALUE}).", defaultValue = "3")
    int runs;

    @Option(names = "--timeout", description = "Seconds one launch may take.", defaultValue = "180")
    int timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private String lastOutput = "";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<Double> bare = new ArrayList<>();
        List<Double> console = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            bare.add(launch(List.of(java, "-cp", cp, BareWindowApp.Main.class.getName())));
            Path home = Files.createTempDirectory("eksid-bench-startup");
            console.add(launch(List.of(java, "-Deksid.bench.startup=true", "-Duser.home=" + home, "-cp", cp,
                    "io.eksid.Launcher")));
            out.printf(Locale.ROOT, "run %d: bare window %.2f s, console on the sandbox %.2f s%n", i + 1,
                    bare.get(i), console.get(i));
        }
        double b = median(bare);
        double c = median(console);
        out.printf(Locale.ROOT, "median: bare window %.2f s, console %.2f s, ratio %.1fx%n", b, c, c / b);
        return 0;
    }

    private double launch(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("KUBECONFIG"); // the console opens the sandbox when there is no kubeconfig
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
                if (line.strip().equals("interactive")) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
                    p.destroyForcibly();
                    return seconds;
                }
                if ((System.nanoTime() - t0) / 1e9 > timeoutSeconds) {
                    break;
                }
            }
        } finally {
            p.destroyForcibly();
        }
        throw new IllegalStateException("no interactive window within " + timeoutSeconds + " s: " + command.get(
                command.size() - 1) + " (is there a display? try xvfb-run); it said: " + lastOutput);
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }
}
