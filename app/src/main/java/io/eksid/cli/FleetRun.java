package io.eksid.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eksid.engine.fleet.ClusterScan;
import io.eksid.engine.fleet.ClusterScanStatus;
import io.eksid.engine.fleet.FleetProgress;
import io.eksid.engine.fleet.FleetScanner;
import io.eksid.engine.fleet.FleetSummary;
import io.eksid.engine.fleet.FleetTarget;
import io.eksid.engine.live.ContextInfo;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.Readiness;
import io.eksid.engine.live.Workspace;
import io.eksid.engine.settings.AppFolders;
import io.eksid.engine.settings.Preferences;
import io.eksid.engine.settings.PreferencesStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code eksid scan} over many contexts: picks them (--all-contexts, --contexts GLOB, several --context), gives
 * each its AWS profile (--profile-map, then the console's preferences, then --profile or the context's own),
 * scans them through the engine's {@link FleetScanner} and prints one report for the fleet. Each cluster's report
 * is built while its session is open and kept; the session, and its pods, are let go.
 */
final class FleetRun {

    private final ScanCommand cmd;
    private final ScanCommand.Settings settings;
    private final Workspace workspace;
    private final Duration timeout;
    private final PrintWriter out;
    private final PrintWriter err;

    FleetRun(ScanCommand cmd, ScanCommand.Settings settings, Workspace workspace, Duration timeout, PrintWriter out,
             PrintWriter err) {
        this.cmd = cmd;
        this.settings = settings;
        this.workspace = workspace;
        this.timeout = timeout;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        Preferences prefs = preferences();
        workspace.setRememberedClusters(prefs.clusterByContext());
        List<String> names = selectContexts();
        if (names == null) {
            return ScanCommand.USAGE_ERROR;
        }
        List<FleetTarget> targets = new ArrayList<>();
        for (String name : names) {
            String p = settings.profiles().profileFor(name).orElse(prefs.profileByContext().get(name));
            targets.add(new FleetTarget(name, p, ScanCommand.blankToNull(cmd.region)));
        }
        FleetScanner scanner = new FleetScanner(workspace, new FleetScanner.Options(cmd.parallel, timeout));
        try (ScanMetrics metrics = cmd.watch ? ScanCommand.metrics(settings, err) : null) {
            List<ScanOutcome> outcomes = pass(scanner, targets, metrics);
            settings.outputs().printFleet(outcomes, out);
            boolean failed = outcomes.stream().anyMatch(o -> o.scan().status() == ClusterScanStatus.FAILED);
            for (ScanOutcome o : outcomes) {
                if (o.scan().status() == ClusterScanStatus.FAILED) {
                    err.println("eksid scan: context " + o.scan().context() + " failed: " + o.scan().reason());
                }
            }
            int code = ScanCommand.gate(settings, outcomes, failed ? ScanCommand.SOURCE_FAILED : ScanCommand.OK, err);
            if (cmd.watch) {
                watch(scanner, targets, metrics);
            }
            return code;
        }
    }

    /** One scan of every target; each cluster's metrics are updated as soon as it finishes. */
    private List<ScanOutcome> pass(FleetScanner scanner, List<FleetTarget> targets, ScanMetrics metrics)
            throws InterruptedException {
        Map<String, Map<String, Object>> reports = new ConcurrentHashMap<>();
        List<ClusterScan> scans = scanner.scan(targets, new FleetProgress() {
            @Override
            public void finished(ClusterScan scan, IdentityState last, int done, int total) {
                Readiness readiness = new Readiness(scan.ready(), scan.missing());
                Map<String, Object> report = last != null ? new LinkedHashMap<>(ScanReport.of(last, readiness))
                        : failedReport(scan);
                report.put("reason", scan.reason());
                reports.put(scan.context(), report);
                if (metrics != null) {
                    metrics.update(scan);
                }
            }
        });
        List<ScanOutcome> outcomes = new ArrayList<>();
        for (ClusterScan s : scans) {
            outcomes.add(new ScanOutcome(s, reports.getOrDefault(s.context(), failedReport(s))));
        }
        return outcomes;
    }

    /** Passes every --interval, one JSON line of totals each, until interrupted. */
    private void watch(FleetScanner scanner, List<FleetTarget> targets, ScanMetrics metrics)
            throws JsonProcessingException {
        int n = 1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(settings.interval().toMillis());
                List<ScanOutcome> outcomes = pass(scanner, targets, metrics);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("at", Instant.now().toString());
                line.put("pass", ++n);
                line.put("summary", ScanOutputs.summary(FleetSummary.of(outcomes.stream().map(ScanOutcome::scan)
                        .toList())));
                out.println(cmd.json.writeValueAsString(line));
                out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The report of a context that derived nothing: today's keys, empty where nothing is known. */
    static Map<String, Object> failedReport(ClusterScan scan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("context", scan.context());
        m.put("status", scan.status().name().toLowerCase());
        m.put("ready", scan.ready());
        m.put("missing", scan.missing());
        m.put("cluster", null);
        m.put("counts", null);
        m.put("agent", null);
        m.put("sources", scan.sources().stream().map(ScanReport::source).toList());
        m.put("serviceAccounts", List.of());
        m.put("findings", List.of());
        m.put("reason", scan.reason());
        return m;
    }

    /** The contexts to scan in kubeconfig order (explicit ones first), or null after saying what is wrong. */
    private List<String> selectContexts() {
        List<String> known = workspace.contexts().stream().map(ContextInfo::name).distinct().toList();
        workspace.kubeconfigProblems().forEach(p -> err.println("eksid scan: warning: " + p));
        Set<String> chosen = new LinkedHashSet<>();
        for (String c : cmd.contexts) {
            if (!known.contains(c)) {
                err.println("eksid scan: unknown context '" + c + "'");
                err.println(known.isEmpty() ? "  no contexts found" : "  available contexts: "
                        + String.join(", ", known));
                return null;
            }
            chosen.add(c);
        }
        for (String glob : cmd.contextGlobs) {
            Pattern p = ProfileMap.glob(glob);
            List<String> matched = known.stream().filter(k -> p.matcher(k).matches()).toList();
            if (matched.isEmpty()) {
                err.println("eksid scan: --contexts '" + glob + "' matches no context");
                err.println(known.isEmpty() ? "  no contexts found" : "  available contexts: "
                        + String.join(", ", known));
                return null;
            }
            chosen.addAll(matched);
        }
        if (cmd.allContexts) {
            chosen.addAll(known);
        }
        if (chosen.isEmpty()) {
            err.println("eksid scan: no contexts found" + (known.isEmpty() ? " in the kubeconfig" : ""));
            return null;
        }
        return List.copyOf(chosen);
    }

    /** The console's saved preferences (per-context profiles and clusters); problems are warnings, never fatal. */
    private Preferences preferences() {
        java.nio.file.Path file = AppFolders.of(cmd.environment, cmd.home, System.getProperty("os.name", "")).preferencesFile();
        PreferencesStore.Loaded loaded = new PreferencesStore(file, cmd.json, Clock.systemUTC()).load();
        loaded.problems().forEach(p -> err.println("eksid scan: warning: preferences: " + p));
        return loaded.preferences();
    }

}
