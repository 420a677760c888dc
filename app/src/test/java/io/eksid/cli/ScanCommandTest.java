package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code eksid scan} against the acme sandbox over HTTP, with the real fabric8 and AWS SDK clients. */
class ScanCommandTest {

    static Sandbox sandbox;
    static Path dir;

    @TempDir
    Path tmp;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("eksid-scan-test");
        sandbox = Sandbox.start(SandboxOptions.acme(dir));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Map<String, String> env(Sandbox s) {
        return Map.of("AWS_CONFIG_FILE", s.awsConfigPath().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", s.awsCredentialsPath().toString());
    }

    int scan(Sandbox s, String... args) {
        CommandLine cl = new CommandLine(new ScanCommand(env(s), tmp));
        cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        List<String> all = new ArrayList<>(List.of("--kubeconfig", s.kubeconfigPath().toString(),
                "--profile", "sandbox"));
        all.addAll(List.of(args));
        if (!all.contains("--timeout")) {
            all.addAll(List.of("--timeout", "60s"));
        }
        return cl.execute(all.toArray(String[]::new));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void acmeProdJsonHasTheScenariosCountsMappingsAndFindings() throws Exception {
        assertThat(scan(sandbox, "--context", "acme-prod", "--output", "json")).as(err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out());
        assertThat(report.get("status").asText()).isEqualTo("ok");
        assertThat(report.get("ready").asBoolean()).isTrue();
        JsonNode counts = report.get("counts");
        // the scenario's 12 namespaces plus the ones every cluster has (kubectl agreement checks the exact number)
        assertThat(counts.get("namespaces").asInt()).isGreaterThanOrEqualTo(12);
        // the scenario's 35 plus the "default" service account every namespace has
        assertThat(counts.get("serviceAccounts").asInt()).isEqualTo(35 + counts.get("namespaces").asInt());
        assertThat(counts.get("pods").asInt()).isEqualTo(166);
        assertThat(report.get("cluster").get("account").asText()).isEqualTo("111122223333");
        assertThat(report.get("agent").get("state").asText()).isEqualTo("MISSING");
        assertThat(report.get("sources")).allSatisfy(s -> assertThat(s.get("state").asText()).isEqualTo("LIVE"));

        JsonNode checkout = sa(report, "checkout", "checkout-worker");
        assertThat(checkout.get("irsa").get("status").asText()).isEqualTo("BROKEN");
        // its pods carry the IRSA variables, but the trust does not admit them: they get nothing
        assertThat(checkout.get("effectiveIdentities")).isNotEmpty().allSatisfy(g -> {
            assertThat(g.get("mechanism").asText()).isEqualTo("IRSA");
            assertThat(g.get("credentials").asText()).isEqualTo("REFUSED");
            assertThat(g.get("credentialsReason").asText()).contains("system:serviceaccount:checkout:checkout-worker");
        });
        JsonNode notifications = sa(report, "notifications", "notifications-sender");
        assertThat(notifications.get("newPod").get("mechanism").asText()).isEqualTo("POD_IDENTITY");
        JsonNode etl = sa(report, "data-pipeline", "etl-runner");
        assertThat(etl.get("stalePods").asInt()).isPositive();
        assertThat(sa(report, "ml-training", "trainer-legacy").get("exists").asBoolean()).isFalse();

        List<String> findings = new ArrayList<>();
        report.get("findings").forEach(f -> {
            assertThat(f.get("severity").asText()).isNotBlank();
            assertThat(f.get("message").asText()).isNotBlank();
            findings.add(f.get("code").asText() + " " + f.get("subject").asText());
        });
        // association IDs are generated, so those two subjects are matched by their kind only
        List<String> stable = findings.stream().map(f -> f.replaceAll(" assoc:.*", " assoc:")).toList();
        assertThat(stable).containsExactlyInAnyOrder(
                "IRSA_TRUST_DENIES sa:checkout/checkout-worker",
                "POD_IDENTITY_AGENT_MISSING arn:aws:eks:us-west-2:111122223333:cluster/acme-prod",
                "POD_IDENTITY_TRUST_MISSING assoc:",
                "ASSOCIATION_ORPHANED assoc:",
                "IRSA_SHADOWED_BY_ASSOCIATION sa:data-pipeline/etl-runner",
                "IRSA_SHADOWED_BY_ASSOCIATION sa:notifications/notifications-sender",
                "STALE_POD_CREDENTIALS wl:data-pipeline/Deployment/etl-runner",
                // the shared-role case: catalog, search and orders share a role whose policies ignore the namespace
                "SHARED_ROLE_WITHOUT_ABAC arn:aws:iam::111122223333:role/acme-prod-catalog-reader",
                "TRUST_POLICY_NEAR_QUOTA arn:aws:iam::111122223333:role/acme-data-pipeline-etl",
                "WILDCARD_IRSA_TRUST arn:aws:iam::111122223333:role/acme-prod-monitoring-readers",
                "IRSA_ROLE_MULTI_CLUSTER arn:aws:iam::111122223333:role/acme-data-pipeline-etl",
                "IRSA_ROLE_MULTI_CLUSTER arn:aws:iam::111122223333:role/acme-external-secrets",
                "IRSA_ROLE_OTHER_ACCOUNT sa:payments/ledger-writer");
    }

    @Test
    void tableFitsA120ColumnTerminal() {
        assertThat(scan(sandbox, "--context", "acme-staging")).as(err()).isZero();
        assertThat(out()).contains("SERVICE ACCOUNT (", "FINDINGS (", "Status: ok");
        assertThat(out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
    }

    @Test
    void forbiddenPodsShowAsADegradedScanWithTheReason() throws Exception {
        try (Sandbox denied = Sandbox.start(SandboxOptions.acme(tmp.resolve("denied")))) {
            denied.cluster("acme-prod").denyAccess("list", "pods", null);
            denied.cluster("acme-prod").denyAccess("watch", "pods", null);
            assertThat(scan(denied, "--context", "acme-prod", "--output", "json")).as(err()).isZero();
            JsonNode report = new ObjectMapper().readTree(out());
            assertThat(report.get("status").asText()).isEqualTo("degraded");
            JsonNode pods = null;
            for (JsonNode s : report.get("sources")) {
                if (s.get("source").asText().equals("kube/pods")) {
                    pods = s;
                }
            }
            assertThat(pods).isNotNull();
            assertThat(pods.get("state").asText()).isIn("FORBIDDEN", "DEGRADED");
            assertThat(pods.get("reason").asText()).contains("pods").contains("forbidden");
            assertThat(report.get("counts").get("pods").asInt()).isZero();
            assertThat(report.get("counts").get("serviceAccounts").asInt()).isPositive();
        }
    }

    @Test
    void watchPrintsAJsonLineForAnAddedServiceAccount() throws Exception {
        try (Sandbox watched = Sandbox.start(SandboxOptions.acme(tmp.resolve("watched")))) {
            Thread scanThread = new Thread(() -> scan(watched, "--context", "acme-staging", "--output", "json",
                    "--watch"));
            scanThread.start();
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                        .until(() -> out().contains("\"findings\""));
                watched.cluster("acme-staging").serviceAccount("search", "search-reindexer",
                        Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/acme-staging-reindexer"));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                        .until(() -> out().contains("search-reindexer"));
            } finally {
                scanThread.interrupt();
                scanThread.join(10_000);
            }
            String line = out().lines().filter(l -> l.contains("search-reindexer")).findFirst().orElseThrow();
            JsonNode change = new ObjectMapper().readTree(line);
            assertThat(change.get("context").asText()).isEqualTo("acme-staging");
            assertThat(change.get("serviceAccounts").get("added").get(0).get("name").asText())
                    .isEqualTo("search-reindexer");
            assertThat(change.get("counts").get("irsaMappings").asInt()).isPositive();
            assertThat(scanThread.isAlive()).isFalse();
        }
    }

    @Test
    void unreachableApiServerIsAFailedSourceWithExitCode1() throws Exception {
        Path kubeconfig = Files.writeString(tmp.resolve("dead"), String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: dead",
                "clusters:", "- name: dead", "  cluster:", "    server: http://127.0.0.1:1",
                "users:", "- name: dead", "  user:", "    token: t",
                "contexts:", "- name: dead", "  context:", "    cluster: dead", "    user: dead", ""));
        CommandLine cl = new CommandLine(new ScanCommand(env(sandbox), tmp));
        cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        assertThat(cl.execute("--kubeconfig", kubeconfig.toString(), "--profile", "sandbox", "--output", "json",
                "--timeout", "30s")).as(err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out());
        assertThat(report.get("context").asText()).isEqualTo("dead");
        assertThat(report.get("status").asText()).isEqualTo("failed");
        JsonNode connection = null;
        for (JsonNode s : report.get("sources")) {
            if (s.get("source").asText().equals("kube/connection")) {
                connection = s;
            }
        }
        assertThat(connection).isNotNull();
        assertThat(connection.get("state").asText()).isEqualTo("ERROR");
        assertThat(connection.get("reason").asText()).isNotBlank();
    }

    @Test
    void unknownContextListsTheAvailableOnes() {
        assertThat(scan(sandbox, "--context", "acme-qa")).isEqualTo(2);
        assertThat(err()).contains("unknown context 'acme-qa'").contains("acme-prod, acme-staging");
        assertThat(out()).isEmpty();
    }

    @Test
    void malformedKubeconfigAndBadFlagsAreUsageErrors() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken"), "apiVersion: v1\nkind: Config\ncontexts: [oops\n");
        CommandLine cl = new CommandLine(new ScanCommand(Map.of(), tmp));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        assertThat(cl.execute("--kubeconfig", broken.toString(), "--context", "x")).isEqualTo(2);
        assertThat(err()).contains("unknown context 'x'").contains("kubeconfig problem");
        err.reset();
        assertThat(scan(sandbox, "--context", "acme-prod", "--timeout", "soon")).isEqualTo(2);
        assertThat(err()).contains("--timeout must be a duration");
        err.reset();
        assertThat(scan(sandbox, "--context", "acme-prod", "--output", "yaml")).isEqualTo(2);
        assertThat(err()).contains("--output must be json, table or sarif");
    }

    @Test
    void isRegisteredUnderEksid() {
        int code = EksidCommand.run(new String[] {"scan", "--kubeconfig", sandbox.kubeconfigPath().toString(),
            "--context", "nope"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("available contexts: acme-prod, acme-staging");
    }

    static JsonNode sa(JsonNode report, String ns, String name) {
        for (JsonNode sa : report.get("serviceAccounts")) {
            if (sa.get("namespace").asText().equals(ns) && sa.get("name").asText().equals(name)) {
                return sa;
            }
        }
        throw new AssertionError("no service account " + ns + "/" + name);
    }
}
