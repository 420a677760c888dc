package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.settings.TerminalLogFilter;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Failures as a user meets them, through the real command line in-process: the one message on standard error,
 * the honest exit code, no stack trace and no log line on the process's standard error, nothing written.
 */
class FailuresCliTest {

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static Path deadKubeconfig;

    private final ByteArrayOutputStream processErr = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")));
        System.setProperty("aws.configFile", sandbox.awsConfigPath().toString());
        System.setProperty("aws.sharedCredentialsFile", sandbox.awsCredentialsPath().toString());
        deadKubeconfig = dir.resolve("dead.yaml");
        Files.writeString(deadKubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dead
                  cluster:
                    server: http://127.0.0.1:1/clusters/acme-prod
                users:
                - name: u
                  user:
                    token: t
                contexts:
                - name: dead
                  context:
                    cluster: dead
                    user: u
                current-context: dead
                """);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.configFile");
        System.clearProperty("aws.sharedCredentialsFile");
        sandbox.close();
    }

    /** The process's own standard error, where a logger or an uncaught exception would write. */
    @BeforeEach
    void captureProcessErr() {
        savedErr = System.err;
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreProcessErr() {
        System.setErr(savedErr);
        System.clearProperty(TerminalLogFilter.VERBOSE_PROPERTY);
    }

    record Run(int exit, String out, String err) {
    }

    Run eksid(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EksidCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run conversion(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--kubeconfig", sandbox.kubeconfigPath().toString(),
                "--profile", "sandbox", "--journal-dir", dir.resolve("journal").toString()));
        all.addAll(List.of(args));
        return eksid(all.toArray(String[]::new));
    }

    Run scan(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new ScanCommand(env, dir.resolve("home")));
        cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Map<String, String> sandboxAws() {
        return Map.of("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
    }

    String processErr() {
        return processErr.toString(StandardCharsets.UTF_8);
    }

    /** Exactly the lines the command meant to print: "eksid <command>: ..." and its "  fix:" line. */
    static void onlyTheMessage(String err, String command) {
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception in thread").doesNotContain("WARN");
        for (String line : err.strip().split("\n")) {
            assertThat(line).as(err).matches("(eksid " + command + ": .+|  fix: .+)");
        }
    }

    @Test
    void anUnreachableApiServerIsOneLineWithAFixAndExitOne() {
        Run r = eksid("plan", "--kubeconfig", deadKubeconfig.toString(), "--context", "dead", "--profile",
                "sandbox");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("eksid plan: cannot read context dead: connect to "
                + "http://127.0.0.1:1/clusters/acme-prod (context dead) failed: connection refused")
                .contains("  fix: Check the context's server URL and the network: kubectl --context dead get "
                        + "namespaces");
        onlyTheMessage(r.err(), "plan");
        assertThat(processErr()).isEmpty();
    }

    @Test
    void verboseShowsTheChainOfCausesButNoStackTrace() {
        Run r = eksid("plan", "-v", "--kubeconfig", deadKubeconfig.toString(), "--context", "dead", "--profile",
                "sandbox");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("  details:").contains("java.net.ConnectException");
        assertThat(r.err() + processErr()).doesNotContain("\tat ");
    }

    @Test
    void aScanOfAnUnreachableClusterSaysUnknownNeverMissing() {
        Run r = scan(sandboxAws(), "--kubeconfig", deadKubeconfig.toString(), "--context", "dead", "--profile",
                "sandbox", "--timeout", "30s");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Counts: unknown namespaces, unknown service accounts, unknown pods")
                .contains("unknown because kube/connection could not be read")
                .contains("FINDINGS (0, incomplete)")
                .doesNotContain("MISSING").doesNotContain("not installed").doesNotContain("0 pods");
        assertThat(r.err()).isEmpty();
        assertThat(processErr()).isEmpty();
    }

    @Test
    void anUnreachableAwsEndpointIsNamedWithTheSettingItCameFrom() throws Exception {
        Path config = dir.resolve("refused-config");
        // max_attempts keeps the SDK's backed-off retries of a refused connection well inside the scan's timeout
        Files.writeString(config, "[profile refused]\nregion = us-west-2\nendpoint_url = http://127.0.0.1:1\n"
                + "max_attempts = 2\n");
        Path credentials = dir.resolve("refused-credentials");
        Files.writeString(credentials, "[refused]\naws_access_key_id = AKIDEXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMIEXAMPLEKEY\n");
        Run r = scan(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE",
                credentials.toString()), "--kubeconfig", sandbox.kubeconfigPath().toString(), "--context",
                "acme-prod", "--profile", "refused", "--timeout", "30s", "--output", "json");
        assertThat(r.exit()).isEqualTo(1);
        String reason = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("sources")
                .findValuesAsText("reason").stream().filter(s -> s.contains("AWS endpoint")).findFirst()
                .orElseThrow();
        assertThat(reason).isEqualTo("Cannot reach the AWS endpoint 127.0.0.1:1 (from endpoint_url of profile "
                + "'refused' in " + config + "): connection refused. Check that setting and the network.");
        assertThat(r.out()).contains("\"state\" : \"UNKNOWN\"").doesNotContain("not installed");
        assertThat(processErr()).isEmpty();
    }

    @Test
    void aServiceAccountThatDoesNotExistIsBadInputWithTheClosestNames() {
        Run r = conversion("plan", "--context", "acme-prod", "--service-account", "checkout/checkout-wrker");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("eksid plan: the selection names nothing to convert: service account "
                + "checkout/checkout-wrker does not exist in cluster acme-prod; closest IRSA service accounts: "
                + "checkout/checkout-worker");
        onlyTheMessage(r.err(), "plan");
        assertThat(processErr()).isEmpty();
    }

    @Test
    void applyAndExportOfNothingWriteNothing() throws Exception {
        Run before = conversion("plan", "--context", "acme-prod", "--output", "json");
        assertThat(before.exit()).as(before.err()).isZero();

        Run apply = conversion("apply", "--context", "acme-prod", "--service-account", "nowhere/nobody", "--yes");
        assertThat(apply.exit()).isEqualTo(2);
        assertThat(apply.err()).startsWith("eksid apply: the selection names nothing to convert: service account "
                + "nowhere/nobody does not exist in cluster acme-prod; closest IRSA service accounts: ");
        onlyTheMessage(apply.err(), "apply");
        assertThat(dir.resolve("journal")).doesNotExist();

        Run ns = conversion("apply", "--context", "acme-prod", "--namespace", "chekout", "--yes");
        assertThat(ns.exit()).isEqualTo(2);
        assertThat(ns.err()).contains("namespace chekout does not exist in cluster acme-prod; closest namespaces "
                + "with IRSA service accounts: checkout");
        assertThat(dir.resolve("journal")).doesNotExist();

        Run noIrsa = conversion("plan", "--context", "acme-prod", "--namespace", "default");
        assertThat(noIrsa.exit()).isEqualTo(2);
        assertThat(noIrsa.err()).contains("namespace default has no service account with an "
                + "eks.amazonaws.com/role-arn annotation");

        Path tf = dir.resolve("out.tf");
        Run export = conversion("export", "--context", "acme-prod", "--format", "terraform", "--out", tf.toString(),
                "--service-account", "nowhere/nobody");
        assertThat(export.exit()).isEqualTo(2);
        onlyTheMessage(export.err(), "export");
        assertThat(tf).doesNotExist();

        Run after = conversion("plan", "--context", "acme-prod", "--output", "json");
        assertThat(after.out()).isEqualTo(before.out());
        assertThat(processErr()).isEmpty();
    }

    @Test
    void aBadFlagIsExitTwoBeforeAnythingIsRead() {
        Run r = conversion("plan", "--context", "acme-prod", "--service-account", "no-slash");
        assertThat(r.exit()).isEqualTo(2);
        onlyTheMessage(r.err(), "plan");
        assertThat(processErr()).isEmpty();
    }

    /** An IAM Identity Center profile against the sandbox's endpoint, with the given token cache file content. */
    private Run scanWithSsoCache(String cacheContent) throws Exception {
        Path home = dir.resolve("sso-home-" + cacheContent.hashCode());
        Path config = Files.createDirectories(home.resolve(".aws")).resolve("config");
        String endpoint = Files.readString(sandbox.awsConfigPath()).lines()
                .filter(l -> l.startsWith("endpoint_url")).findFirst().orElseThrow();
        Files.writeString(config, "[profile corp-dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
                + "sso_role_name = Admin\nregion = us-west-2\n" + endpoint + "\n\n[sso-session corp]\n"
                + "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-west-2\n");
        io.eksid.aws.SsoTokenCache cache = new io.eksid.aws.SsoTokenCache(home.resolve(".aws/sso/cache"));
        Path file = cache.fileFor("corp");
        Files.createDirectories(file.getParent());
        Files.writeString(file, cacheContent);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new ScanCommand(Map.of("AWS_CONFIG_FILE", config.toString()), home));
        cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int code = cl.execute("--kubeconfig", sandbox.kubeconfigPath().toString(), "--context", "acme-prod",
                "--profile", "corp-dev", "--timeout", "30s", "--output", "json");
        assertThat(Files.readString(file)).isEqualTo(cacheContent);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String clusterReason(Run r) throws Exception {
        for (var source : new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("sources")) {
            if (source.get("source").asText().equals("aws/cluster")) {
                return source.get("reason").asText();
            }
        }
        throw new AssertionError("no aws/cluster source in " + r.out());
    }

    @Test
    void anExpiredSsoSessionSaysWhenAndHowToSignIn() throws Exception {
        Run r = scanWithSsoCache("{\"startUrl\":\"https://corp.awsapps.com/start\",\"region\":\"us-west-2\","
                + "\"accessToken\":\"expired-token\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(clusterReason(r)).startsWith("The SSO session 'corp' expired at ")
                .endsWith("sign in again with `aws sso login --sso-session corp` or the console's Sign in button.");
        assertThat(r.out()).doesNotContain("expired-token");
        assertThat(processErr()).isEmpty();
    }

    @Test
    void aMalformedSsoCacheIsNamedAndLeftAsItWas() throws Exception {
        Run r = scanWithSsoCache("{\"accessToken\": \"trunc");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(clusterReason(r)).contains("To replace it, sign in again with `aws sso login --sso-session corp`");
        assertThat(processErr()).isEmpty();
    }

    @Test
    void aJournalThatCannotBeReadIsRefusedAndKept() throws Exception {
        Path journals = Files.createDirectories(dir.resolve("bad-journals"));
        Path journal = journals.resolve("plan-0123456789abcdef-20261127T041500123Z.jsonl");
        byte[] garbage = "not a journal\n\u0000\u0001{\"kind\":".getBytes(StandardCharsets.UTF_8);
        Files.write(journal, garbage);
        Run r = eksid("apply", "--kubeconfig", sandbox.kubeconfigPath().toString(), "--profile", "sandbox",
                "--context", "acme-prod", "--journal-dir", journals.toString(), "--yes", "--resume",
                journal.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("eksid apply: cannot resume run " + journal + ": ");
        onlyTheMessage(r.err(), "apply");
        assertThat(Files.readAllBytes(journal)).isEqualTo(garbage);
        try (var files = Files.list(journals)) {
            assertThat(files.toList()).containsExactly(journal);
        }
        assertThat(processErr()).isEmpty();
    }

}
