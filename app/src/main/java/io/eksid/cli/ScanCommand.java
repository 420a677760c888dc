package io.eksid.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.engine.fleet.ClusterScan;
import io.eksid.engine.live.ContextInfo;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.LiveSession;
import io.eksid.engine.live.Readiness;
import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.model.findings.Finding;
import io.eksid.model.findings.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid scan}: connects to one context (Kubernetes informers and AWS pollers, as the console does), waits
 * for the whole picture, and prints the identity graph summary, every service account's mapping and effective
 * identity, and the findings. With {@code --watch}, then prints every change as a JSON line until interrupted.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Connect to a cluster and print who gets which AWS role, and what is broken or risky.",
            "Exit codes: 0 complete, 1 a source failed or the timeout ran out, 2 bad input, "
                    + "3 the --fail-on threshold was met."})
public final class ScanCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int SOURCE_FAILED = 1;
    static final int USAGE_ERROR = 2;
    static final int FAIL_ON_MET = ExitCodes.GATE;
    /** Where the in-cluster scanner's manifest puts the cluster's name. */
    static final String CLUSTER_NAME_VARIABLE = "EKSID_CLUSTER_NAME";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    @Spec
    CommandSpec spec;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (repeatable; default: KUBECONFIG, else ~/.kube/config).")
    List<Path> kubeconfigs = new ArrayList<>();

    @Option(names = "--context", paramLabel = "C",
            description = "Kubeconfig context (default: the current one). Repeatable: two or more scan a fleet.")
    List<String> contexts = new ArrayList<>();

    @Option(names = "--all-contexts", description = "Scan every context of every kubeconfig file (a fleet scan).")
    boolean allContexts;

    @Option(names = "--contexts", paramLabel = "GLOB",
            description = "Scan the contexts whose names match (* and ?; repeatable): a fleet scan.")
    List<String> contextGlobs = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Fleet scans: how many contexts at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--profile-map", paramLabel = "FILE",
            description = "CONTEXT = PROFILE lines: the AWS profile of each context (wildcards allowed, first "
                    + "match wins; before --profile).")
    Path profileMap;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "An earlier JSON or SARIF report: mark each finding new, unchanged or absent.")
    Path baselineFile;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit 3 when a finding of at least this severity (critical, error, warning, info) is "
                    + "found; with --baseline, only new findings count.")
    String failOn;

    @Option(names = "--metrics-address", paramLabel = "HOST:PORT",
            description = "With --watch: serve Prometheus metrics on http://HOST:PORT/metrics.")
    String metricsAddress;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5m",
            description = "Fleet scans with --watch: pause between passes. Default: ${DEFAULT-VALUE}.")
    String interval;

    @Option(names = "--profile", paramLabel = "P",
            description = "AWS profile (default: the context's exec plugin profile, else AWS_PROFILE, else default).")
    String profile;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "The context's EKS cluster, when neither its exec plugin nor its server URL says which.")
    String cluster;

    @Option(names = "--in-cluster",
            description = "Run inside a pod: Kubernetes from the pod's service account (in-cluster config), AWS from "
                    + "the standard chain (Pod Identity). The EKS cluster's name from --cluster or EKSID_CLUSTER_NAME.")
    boolean inCluster;

    @Option(names = "--region", paramLabel = "R",
            description = "AWS region of the cluster (default: the context's exec plugin region, else the profile's).")
    String region;

    @Option(names = "--output", paramLabel = "json|table|sarif", defaultValue = "table",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--watch", description = "After the scan, print each change as one JSON line until interrupted.")
    boolean watch;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for the Kubernetes sync and the first AWS poll (e.g. 60s, 2m, 500ms). "
                    + "Default: ${DEFAULT-VALUE}.")
    String timeout;

    final Map<String, String> environment;
    final Path home;
    final ObjectMapper json = new ObjectMapper();

    public ScanCommand() {
        this(System.getenv(), defaultHome());
    }

    /** For callers (and tests) that supply the process environment themselves. */
    ScanCommand(Map<String, String> environment, Path home) {
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    private static Path defaultHome() {
        String h = System.getenv("HOME");
        return Path.of(h == null || h.isBlank() ? System.getProperty("user.home") : h);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration wait;
        Settings settings;
        try {
            wait = parseDuration(timeout);
            if (!ScanOutputs.FORMATS.contains(output)) {
                throw new IllegalArgumentException("--output must be json, table or sarif, got '" + output + "'");
            }
            settings = settings();
        } catch (IllegalArgumentException e) {
            err.println("eksid scan: " + e.getMessage());
            return USAGE_ERROR;
        }
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(fleet() ? 4 + 2 * parallel : 4, r -> {
            Thread t = new Thread(r, "eksid-scan");
            t.setDaemon(true);
            return t;
        });
        try (Workspace workspace = new Workspace(environment, home, executor, Clock.systemUTC())) {
            if (inCluster) {
                if (fleet()) {
                    err.println("eksid scan: --in-cluster scans the cluster the pod runs in; it cannot be combined "
                            + "with --all-contexts, --contexts or several --context");
                    return USAGE_ERROR;
                }
                return single(workspace, settings, wait, out, err);
            }
            workspace.addSource(kubeconfigs.isEmpty() ? WorkspaceSource.defaults()
                    : WorkspaceSource.of(kubeconfigs, profile));
            if (fleet()) {
                return new FleetRun(this, settings, workspace, wait, out, err).run();
            }
            return single(workspace, settings, wait, out, err);
        } finally {
            executor.shutdownNow();
        }
    }

    /** What the flags ask for beyond one context's scan, parsed once. */
    record Settings(ScanOutputs outputs, Severity failOn, String[] metricsAddress, Duration interval,
                    ProfileMap profiles) {
    }

    private Settings settings() throws java.io.IOException {
        Severity gate = ScanOutputs.failOn(failOn);
        String[] address = metricsAddress == null ? null : ScanMetrics.parseAddress(metricsAddress);
        if (address != null && !watch) {
            throw new IllegalArgumentException("--metrics-address needs --watch: metrics are served while watching");
        }
        if (fleet() && blankToNull(cluster) != null) {
            throw new IllegalArgumentException("--cluster names one context's cluster; it cannot apply to a fleet "
                    + "scan");
        }
        new io.eksid.engine.fleet.FleetScanner.Options(parallel, Duration.ofSeconds(1));
        Duration pause = parseDuration("--interval", interval);
        ProfileMap profiles = profileMap == null ? ProfileMap.empty() : ProfileMap.read(profileMap);
        Baseline baseline = baselineFile == null ? null : Baseline.read(baselineFile, json);
        ScanOutputs outputs = new ScanOutputs(output, baseline, json, VersionProvider.version(),
                VersionProvider.informationUri());
        return new Settings(outputs, gate, address, pause, profiles);
    }

    /** Two or more contexts, a glob or every context: the fleet path. */
    boolean fleet() {
        return allContexts || !contextGlobs.isEmpty() || contexts.size() > 1;
    }

    private int single(Workspace workspace, Settings settings, Duration wait, PrintWriter out, PrintWriter err)
            throws Exception {
        BlockingQueue<IdentityState> updates = new LinkedBlockingQueue<>();
        long started = System.nanoTime();
        String name;
        String mapped;
        LiveSession session;
        if (inCluster) {
            session = openInCluster(workspace, updates, err);
            if (session == null) {
                return USAGE_ERROR;
            }
            name = session.contextName();
            mapped = null;
        } else {
            name = chooseContext(workspace, err);
            if (name == null) {
                return USAGE_ERROR;
            }
            if (blankToNull(cluster) != null) {
                workspace.setRememberedClusters(java.util.Map.of(name, cluster.strip()));
            }
            mapped = settings.profiles().profileFor(name).orElse(profile);
            session = workspace.open(name, mapped, blankToNull(region), updates::add);
        }
        Readiness readiness = session.awaitReady(wait);
        IdentityState state = session.current();
        if (state == null) {
            err.println("eksid scan: nothing derived from context " + name + " within " + timeout + ": "
                    + String.join("; ", readiness.missing()));
            return SOURCE_FAILED;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        ScanOutcome outcome = new ScanOutcome(ClusterScan.of(state, readiness, mapped, elapsed),
                ScanReport.of(state, readiness));
        settings.outputs().printSingle(outcome, out);
        if (!readiness.ready()) {
            err.println("eksid scan: incomplete after " + timeout + ": " + String.join("; ", readiness.missing()));
        }
        int code = ScanReport.status(state, readiness) == ScanReport.Status.FAILED ? SOURCE_FAILED : OK;
        code = gate(settings, List.of(outcome), code, err);
        if (watch) {
            updates.clear();
            try (ScanMetrics metrics = metrics(settings, err)) {
                if (metrics != null) {
                    metrics.update(outcome.scan());
                }
                watchChanges(session, updates, outcome, readiness, out, metrics);
            }
        }
        return code;
    }

    /** Exit 3 when the --fail-on threshold is met (it outranks a failed source: the findings found are real). */
    static int gate(Settings settings, List<ScanOutcome> outcomes, int code, PrintWriter err) {
        if (settings.failOn() == null) {
            return code;
        }
        List<Finding> hits = settings.outputs().gated(outcomes, settings.failOn());
        if (hits.isEmpty()) {
            return code;
        }
        err.println("eksid scan: --fail-on " + settings.failOn().name().toLowerCase() + ": " + hits.size()
                + " finding(s) at or above " + settings.failOn().name()
                + (settings.outputs().hasBaseline() ? " not in the baseline" : ""));
        return FAIL_ON_MET;
    }

    /** The metrics server when --metrics-address was given, else null. */
    static ScanMetrics metrics(Settings settings, PrintWriter err) throws java.io.IOException {
        if (settings.metricsAddress() == null) {
            return null;
        }
        ScanMetrics metrics = new ScanMetrics();
        metrics.serve(settings.metricsAddress()[0], Integer.parseInt(settings.metricsAddress()[1]));
        err.println("eksid scan: metrics on http://" + settings.metricsAddress()[0] + ":" + metrics.port()
                + "/metrics");
        err.flush();
        return metrics;
    }

    /** Prints one JSON line per visible change until the thread is interrupted (Ctrl-C ends the JVM). */
    private void watchChanges(LiveSession session, BlockingQueue<IdentityState> updates, ScanOutcome first,
                              Readiness readiness, PrintWriter out, ScanMetrics metrics)
            throws JsonProcessingException {
        Map<String, Object> last = first.report();
        Readiness ready = readiness.ready() ? readiness : new Readiness(true, List.of());
        while (!Thread.currentThread().isInterrupted()) {
            IdentityState next;
            try {
                next = updates.take();
                IdentityState newer;
                while ((newer = updates.poll()) != null) {
                    next = newer; // latest wins: a burst of changes is one line
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Map<String, Object> report = ScanReport.of(next, ready);
            if (metrics != null) {
                metrics.update(ClusterScan.of(next, ready, first.scan().profile(), first.scan().elapsed()));
            }
            Map<String, Object> change = ScanDiff.between(last, report);
            if (change != null) {
                Map<String, Object> line = new java.util.LinkedHashMap<>();
                line.put("at", next.derivedAt().toString());
                line.put("storeVersion", next.storeVersion());
                line.putAll(change);
                out.println(json.writeValueAsString(line));
                out.flush();
            }
            last = report;
        }
    }

    /**
     * The in-cluster session, or null after explaining on {@code err} what is missing. The cluster name is never
     * guessed: a pod cannot learn it from Kubernetes, and a wrong guess would scan another cluster's AWS side.
     */
    private LiveSession openInCluster(Workspace workspace, BlockingQueue<IdentityState> updates, PrintWriter err) {
        if (!kubeconfigs.isEmpty() || !contexts.isEmpty() || profile != null || profileMap != null) {
            err.println("eksid scan: --in-cluster reads the pod's service account and the standard AWS chain; "
                    + "it cannot be combined with --kubeconfig, --context or --profile (nor --profile-map)");
            return null;
        }
        String clusterName = blankToNull(cluster) != null ? cluster.strip()
                : blankToNull(environment.get(CLUSTER_NAME_VARIABLE));
        if (clusterName == null) {
            err.println("eksid scan: --in-cluster needs the EKS cluster's name: give --cluster NAME or set "
                    + CLUSTER_NAME_VARIABLE);
            return null;
        }
        io.eksid.kube.InClusterConfig config;
        try {
            config = io.eksid.kube.InClusterConfig.fromEnvironment(environment);
        } catch (io.eksid.kube.KubeException e) {
            err.println("eksid scan: " + e.getMessage());
            return null;
        }
        return workspace.openInCluster(config, clusterName.strip(), blankToNull(region), updates::add);
    }

    /** The context to scan, or null after explaining on {@code err} why there is none. */
    private String chooseContext(Workspace workspace, PrintWriter err) {
        List<ContextInfo> known = workspace.contexts();
        List<String> problems = workspace.kubeconfigProblems();
        List<String> names = known.stream().map(ContextInfo::name).distinct().toList();
        String name = contexts.isEmpty() ? null : blankToNull(contexts.get(0));
        if (name == null) {
            name = workspace.currentContext().orElse(null);
        }
        if (name != null && names.contains(name)) {
            problems.forEach(p -> err.println("eksid scan: warning: " + p));
            return name;
        }
        if (name == null) {
            err.println("eksid scan: no --context given and the kubeconfig names no current-context");
        } else {
            err.println("eksid scan: unknown context '" + name + "'");
        }
        err.println(names.isEmpty() ? "  no contexts found" : "  available contexts: " + String.join(", ", names));
        problems.forEach(p -> err.println("  kubeconfig problem: " + p));
        return null;
    }

    static Duration parseDuration(String text) {
        return parseDuration("--timeout", text);
    }

    static Duration parseDuration(String flag, String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + " must be a duration such as 60s, 2m or 500ms, got '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = m.group(2) == null || m.group(2).equals("s") ? Duration.ofSeconds(n)
                : m.group(2).equals("m") ? Duration.ofMinutes(n) : Duration.ofMillis(n);
        if (d.isZero()) {
            throw new IllegalArgumentException(flag + " must be positive, got '" + text + "'");
        }
        return d;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
