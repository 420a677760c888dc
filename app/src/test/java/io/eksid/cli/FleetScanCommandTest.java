package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eksid scan} over a fleet: the fleet sandbox's four clusters in two accounts (fleet-002 and fleet-004 in
 * 444455556666, reached with that account's profile through --profile-map) and a context nobody answers for.
 */
class FleetScanCommandTest {

    static Sandbox sandbox;
    static Path dir;
    static Path profiles;
    static Path unreachable;

    @TempDir
    Path tmp;

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("eksid-fleet-scan-test");
        sandbox = Sandbox.start(SandboxOptions.fleet(dir.resolve("sandbox"), 4, 6));
        profiles = dir.resolve("profiles");
        Files.writeString(profiles, """
                # the ledger account's clusters
                fleet-00[24] = wrong   # a glob has only * and ?: this line matches nothing
                fleet-002 = sandbox-444455556666
                fleet-004 = sandbox-444455556666
                """);
        unreachable = dir.resolve("unreachable.yaml");
        Files.writeString(unreachable, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: gone
                  cluster:
                    server: https://127.0.0.1:1
                users:
                - name: gone-admin
                  user:
                    token: not-a-secret
                contexts:
                - name: gone
                  context:
                    cluster: gone
                    user: gone-admin
                """);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    int scan(String... args) {
        return scan(true, args);
    }

    int scan(boolean withProfileMap, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
        CommandLine cl = new CommandLine(new ScanCommand(env, tmp));
        cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        List<String> all = new ArrayList<>(List.of("--kubeconfig", sandbox.kubeconfigPath().toString(),
                "--profile", "sandbox", "--timeout", "60s"));
        if (withProfileMap) {
            all.addAll(List.of("--profile-map", profiles.toString()));
        }
        all.addAll(List.of(args));
        return cl.execute(all.toArray(String[]::new));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void allContextsJsonHasEveryClusterOfBothAccountsAndIsolatesTheUnreachableOne() throws Exception {
        int code = scan("--kubeconfig", unreachable.toString(), "--all-contexts", "--output", "json",
                "--parallel", "3");
        assertThat(code).as(err()).isEqualTo(ScanCommand.SOURCE_FAILED);
        JsonNode root = json.readTree(out());
        List<String> contexts = new ArrayList<>();
        root.get("clusters").forEach(c -> contexts.add(c.get("context").asText()));
        assertThat(contexts).containsExactly("fleet-001", "fleet-002", "fleet-003", "fleet-004", "gone");
        for (JsonNode c : root.get("clusters")) {
            String name = c.get("context").asText();
            if (name.equals("gone")) {
                assertThat(c.get("status").asText()).isEqualTo("failed");
                assertThat(c.get("reason").asText()).contains("kube/connection");
                continue;
            }
            // each cluster's entry is the single-context report, unchanged
            assertThat(c.get("status").asText()).as(name).isEqualTo("ok");
            assertThat(c.get("cluster").get("name").asText()).isEqualTo(name);
            assertThat(c.has("serviceAccounts")).isTrue();
            assertThat(c.get("counts").get("pods").asInt()).isPositive();
            assertThat(c.get("findings")).anySatisfy(f -> assertThat(f.get("code").asText())
                    .isEqualTo("IRSA_TRUST_DENIES"));
        }
        assertThat(root.get("clusters").get(1).get("cluster").get("account").asText()).isEqualTo("444455556666");
        JsonNode summary = root.get("summary");
        assertThat(summary.get("clusters").asInt()).isEqualTo(5);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        assertThat(summary.get("ok").asInt()).isEqualTo(4);
        JsonNode accounts = summary.get("accounts");
        assertThat(accounts.get("111122223333").get("clusters").asInt()).isEqualTo(2);
        assertThat(accounts.get("444455556666").get("clusters").asInt()).isEqualTo(2);
        assertThat(accounts.get("unknown").get("failed").asInt()).isEqualTo(1);
        assertThat(accounts.get("111122223333").get("findings").get("CRITICAL").asInt()).isEqualTo(1);
        assertThat(err()).contains("context gone failed");
    }

    @Test
    void tableHasOneLinePerClusterThenTheFindingsByCluster() {
        assertThat(scan("--contexts", "fleet-*")).as(err()).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        assertThat(lines.get(0)).startsWith("CONTEXT").contains("STATUS", "ACCOUNT", "AGENT");
        assertThat(lines.get(1)).startsWith("fleet-001").contains("ok", "111122223333", "MISSING");
        assertThat(lines.get(2)).startsWith("fleet-002").contains("ok", "444455556666", "PRESENT");
        assertThat(out()).contains("ACCOUNTS", "FINDINGS fleet-001 (2)", "FINDINGS fleet-003 (3)",
                "WILDCARD_IRSA_TRUST");
    }

    @Test
    void unknownContextsAndBadFilesAreBadInput() throws Exception {
        assertThat(scan("--context", "fleet-001", "--context", "nope")).isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(err()).contains("unknown context 'nope'", "available contexts: fleet-001");
        assertThat(scan("--contexts", "prod-*")).isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(err()).contains("--contexts 'prod-*' matches no context");
        Path bad = tmp.resolve("bad-map");
        Files.writeString(bad, "fleet-001 sandbox\n");
        assertThat(scan(false, "--all-contexts", "--profile-map", bad.toString()))
                .isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(err()).contains("line 1: expected CONTEXT = PROFILE");
        assertThat(scan("--all-contexts", "--fail-on", "severe")).isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(err()).contains("--fail-on must be critical, error, warning or info");
        assertThat(scan("--all-contexts", "--parallel", "0")).isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(scan("--all-contexts", "--baseline", tmp.resolve("missing.json").toString()))
                .isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(err()).contains("--baseline: no such file");
    }

    @Test
    void sarifPassesTheSchemaAndTheMultitoolAndItsFingerprintsAreStable() throws Exception {
        assertThat(scan("--contexts", "fleet-*", "--output", "sarif")).as(err()).isZero();
        Path first = tmp.resolve("first.sarif");
        Files.writeString(first, out());
        JsonNode log = json.readTree(out());
        assertThat(SarifChecks.schemaErrors(log)).isEmpty();
        JsonNode run = log.get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("eksid");
        assertThat(driver.get("semanticVersion").asText()).isNotBlank();
        assertThat(driver.get("rules").size()).isEqualTo(io.eksid.model.findings.FindingCode.values().length);
        for (io.eksid.model.findings.FindingCode code : io.eksid.model.findings.FindingCode.values()) {
            assertThat(SarifRules.of(code).help()).as(code.name()).isNotEqualTo("See the finding's fix.");
        }
        JsonNode rule = driver.get("rules").get(0);
        assertThat(rule.get("help").get("markdown").asText()).contains("**Fix:**");
        assertThat(rule.get("properties").get("security-severity").asText()).isNotBlank();
        JsonNode results = run.get("results");
        assertThat(results.size()).isEqualTo(2 + 1 + 3 + 1);
        for (JsonNode r : results) {
            assertThat(driver.get("rules").get(r.get("ruleIndex").asInt()).get("id").asText())
                    .isEqualTo(r.get("ruleId").asText());
            assertThat(r.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                    .matches("(eks|iam)/\\d{12}/.+");
            assertThat(r.get("locations").get(0).get("logicalLocations").get(0).get("fullyQualifiedName").asText())
                    .startsWith("fleet-00");
        }
        assertThat(results).anySatisfy(r -> assertThat(r.get("locations").get(0).get("physicalLocation")
                .get("artifactLocation").get("uri").asText())
                .isEqualTo("eks/111122223333/us-west-2/fleet-001/namespaces/team-a/serviceaccounts/worker"));

        assertThat(scan("--contexts", "fleet-*", "--output", "sarif")).as(err()).isZero();
        assertThat(fingerprints(json.readTree(out()))).isEqualTo(fingerprints(log));

        Optional<Path> multitool = SarifChecks.multitool();
        assumeTrue(multitool.isPresent(), "SARIF Multitool not installed (set SARIF_MULTITOOL; .ci/run does); "
                + "the pinned schema check above ran");
        assertThat(SarifChecks.multitoolErrors(multitool.get(), first, tmp)).isEmpty();
    }

    @Test
    void aSingleContextAsSarifPassesTheSchemaToo() throws Exception {
        assertThat(scan("--context", "fleet-003", "--output", "sarif")).as(err()).isZero();
        JsonNode log = json.readTree(out());
        assertThat(SarifChecks.schemaErrors(log)).isEmpty();
        assertThat(log.get("runs").get(0).get("results").size()).isEqualTo(3);
    }

    @Test
    void baselineMarksNewUnchangedAndAbsentAndFailOnCountsOnlyNewFindings() throws Exception {
        assertThat(scan("--context", "fleet-001", "--context", "fleet-003", "--output", "json")).as(err()).isZero();
        ObjectNode earlier = (ObjectNode) json.readTree(out());
        // the earlier run did not have fleet-003's wildcard finding, and had one that is gone now
        ObjectNode fleet3 = (ObjectNode) earlier.get("clusters").get(1);
        ArrayNode findings = (ArrayNode) fleet3.get("findings");
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).get("code").asText().equals("WILDCARD_IRSA_TRUST")) {
                findings.remove(i);
                break;
            }
        }
        ObjectNode gone = findings.addObject();
        gone.put("severity", "WARNING").put("code", "STALE_POD_CREDENTIALS").put("subject", "wl:team-a/Deployment/api")
                .put("message", "2 pods run on IRSA credentials").put("fix", "kubectl rollout restart");
        Path baseline = tmp.resolve("baseline.json");
        json.writeValue(baseline.toFile(), earlier);

        assertThat(scan("--context", "fleet-001", "--context", "fleet-003", "--output", "json", "--baseline",
                baseline.toString())).as(err()).isZero();
        JsonNode now = json.readTree(out());
        JsonNode c3 = now.get("clusters").get(1);
        for (JsonNode f : c3.get("findings")) {
            assertThat(f.get("baselineState").asText()).isEqualTo(
                    f.get("code").asText().equals("WILDCARD_IRSA_TRUST") ? "new" : "unchanged");
        }
        assertThat(c3.get("absentFindings")).hasSize(1);
        assertThat(c3.get("absentFindings").get(0).get("code").asText()).isEqualTo("STALE_POD_CREDENTIALS");
        assertThat(now.get("clusters").get(0).get("absentFindings")).isEmpty();

        // the new finding is CRITICAL: "no new ERROR" fails, and without the baseline every ERROR counts
        String[] gate = {"--context", "fleet-001", "--context", "fleet-003", "--output", "json", "--baseline",
            baseline.toString(), "--fail-on"};
        assertThat(scan(concat(gate, "error"))).as(err()).isEqualTo(ScanCommand.FAIL_ON_MET);
        assertThat(err()).contains("--fail-on error: 1 finding(s) at or above ERROR not in the baseline");
        assertThat(scan("--context", "fleet-001", "--context", "fleet-003", "--fail-on", "error"))
                .isEqualTo(ScanCommand.FAIL_ON_MET);
        // a baseline with everything of today: nothing new, the gate stays open at any level
        assertThat(scan("--context", "fleet-001", "--context", "fleet-003", "--output", "sarif")).isZero();
        Path sarifBaseline = tmp.resolve("baseline.sarif");
        Files.writeString(sarifBaseline, out());
        assertThat(scan("--context", "fleet-001", "--context", "fleet-003", "--output", "sarif", "--baseline",
                sarifBaseline.toString(), "--fail-on", "info")).as(err()).isZero();
        JsonNode sarif = json.readTree(out());
        assertThat(SarifChecks.schemaErrors(sarif)).isEmpty();
        assertThat(sarif.get("runs").get(0).get("results")).allSatisfy(r ->
                assertThat(r.get("baselineState").asText()).isEqualTo("unchanged"));
        // SARIF against the edited JSON baseline: one new, one absent
        assertThat(scan("--context", "fleet-001", "--context", "fleet-003", "--output", "sarif", "--baseline",
                baseline.toString())).isZero();
        List<String> states = new ArrayList<>();
        json.readTree(out()).get("runs").get(0).get("results").forEach(r -> states.add(r.get("baselineState")
                .asText() + " " + r.get("ruleId").asText()));
        assertThat(states).contains("new WILDCARD_IRSA_TRUST", "absent STALE_POD_CREDENTIALS");
        // the single-context table names the baseline's verdict
        assertThat(scan("--context", "fleet-003", "--baseline", baseline.toString())).isZero();
        assertThat(out()).contains("new: CRITICAL WILDCARD_IRSA_TRUST", "absent: WARNING STALE_POD_CREDENTIALS",
                "BASELINE: 1 new, 2 unchanged, 1 absent");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static List<String> fingerprints(JsonNode sarif) {
        List<String> fps = new ArrayList<>();
        sarif.get("runs").get(0).get("results").forEach(r -> fps.add(r.get("partialFingerprints")
                .get(SarifReport.FINGERPRINT).asText()));
        return fps;
    }
}
