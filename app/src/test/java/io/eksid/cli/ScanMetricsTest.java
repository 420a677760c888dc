package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eksid scan --watch --metrics-address}: the metrics are scraped over HTTP while the scan watches, hold
 * what the scan found, and pass {@code promtool check metrics} where Prometheus' promtool is installed.
 */
class ScanMetricsTest {

    static Sandbox sandbox;
    static Path profiles;
    private static final Pattern SERVING = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("eksid-metrics-test");
        sandbox = Sandbox.start(SandboxOptions.fleet(dir.resolve("sandbox"), 2, 4));
        profiles = dir.resolve("profiles");
        Files.writeString(profiles, "fleet-002 = sandbox-444455556666\n");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Runs a watching scan on its own thread; the caller scrapes, then interrupts it. */
    record Watching(Thread thread, ByteArrayOutputStream err, AtomicInteger code) {
        int port() {
            Matcher m = SERVING.matcher(err.toString(StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }
    }

    Watching watch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
        CommandLine cl = new CommandLine(new ScanCommand(env, tmp));
        cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        List<String> all = new ArrayList<>(List.of("--kubeconfig", sandbox.kubeconfigPath().toString(),
                "--profile", "sandbox", "--profile-map", profiles.toString(), "--timeout", "60s", "--watch",
                "--metrics-address", "127.0.0.1:0", "--output", "json"));
        all.addAll(List.of(args));
        AtomicInteger code = new AtomicInteger(-1);
        Thread t = new Thread(() -> code.set(cl.execute(all.toArray(String[]::new))), "scan-watch");
        t.setDaemon(true);
        t.start();
        return new Watching(t, err, code);
    }

    static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return r.body();
    }

    static Optional<Path> promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** promtool's verdict: exit code 0 and no lint problems printed. */
    static void assertPromtoolAccepts(String exposition, Path dir) throws Exception {
        Optional<Path> promtool = promtool();
        assumeTrue(promtool.isPresent(), "promtool not installed (Debian package prometheus; .ci/run installs it)");
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, exposition);
        Process p = new ProcessBuilder(promtool.get().toString(), "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said.strip()).isEmpty();
    }

    @Test
    void oneContextsMetricsHoldWhatTheScanFoundAndPassPromtool() throws Exception {
        Watching w = watch("--context", "fleet-001");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> w.port() > 0);
            String body = scrape(w.port());
            String id = "account=\"111122223333\",cluster=\"fleet-001\",context=\"fleet-001\"";
            assertThat(body).contains("# TYPE eksid_findings gauge",
                    // the client orders labels by name
                    "eksid_findings{account=\"111122223333\",cluster=\"fleet-001\",code=\"IRSA_TRUST_DENIES\","
                            + "context=\"fleet-001\",severity=\"ERROR\"} 1.0",
                    "eksid_findings{account=\"111122223333\",cluster=\"fleet-001\",code=\"POD_IDENTITY_AGENT_MISSING\","
                            + "context=\"fleet-001\",severity=\"ERROR\"} 1.0",
                    "eksid_irsa_mappings{" + id + "} 2.0",
                    "eksid_pod_identity_associations{" + id + "} 1.0",
                    "eksid_convertible_irsa_mappings{" + id + "} 2.0",
                    "eksid_stale_pods{" + id + "} 0.0",
                    "eksid_pod_identity_agent{" + id + ",state=\"MISSING\"} 1.0",
                    "eksid_pod_identity_agent{" + id + ",state=\"PRESENT\"} 0.0",
                    "eksid_source_up{" + id + ",source=\"kube/pods\"} 1.0",
                    "eksid_cluster_scan_up{" + id + "} 1.0",
                    "eksid_scan_duration_seconds{" + id + "}");
            assertPromtoolAccepts(body, tmp);
        } finally {
            w.thread().interrupt();
            w.thread().join(30_000);
        }
        assertThat(w.thread().isAlive()).isFalse();
    }

    @Test
    void aWatchedFleetServesEveryClusterOfBothAccounts() throws Exception {
        Watching w = watch("--all-contexts", "--interval", "1s");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> w.port() > 0);
            Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(scrape(w.port()))
                    .contains("eksid_cluster_scan_up{account=\"111122223333\",cluster=\"fleet-001\","
                            + "context=\"fleet-001\"} 1.0", "eksid_cluster_scan_up{account=\"444455556666\","
                            + "cluster=\"fleet-002\",context=\"fleet-002\"} 1.0"));
            assertPromtoolAccepts(scrape(w.port()), tmp);
        } finally {
            w.thread().interrupt();
            w.thread().join(30_000);
        }
    }

    @Test
    void metricsNeedWatchAndAHostAndPort() {
        assertThatThrownBy(() -> ScanMetrics.parseAddress("9464")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> ScanMetrics.parseAddress("localhost:http")).hasMessageContaining("a number");
        assertThat(ScanMetrics.parseAddress("[::1]:9464")).containsExactly("::1", "9464");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new ScanCommand(Map.of(), tmp));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        assertThat(cl.execute("--metrics-address", "127.0.0.1:0")).isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--metrics-address needs --watch");
    }
}
