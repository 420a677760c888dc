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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kubeconfigs that are garbage, empty, a folder, unreadable, with duplicate names, or that switch TLS checks
 * off: one message each, exit 2 (or a connection that says what it is), the file left as it was.
 */
class HostileKubeconfigTest {

    @TempDir
    static Path dir;
    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")));
        System.setProperty("aws.configFile", sandbox.awsConfigPath().toString());
        System.setProperty("aws.sharedCredentialsFile", sandbox.awsCredentialsPath().toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.configFile");
        System.clearProperty("aws.sharedCredentialsFile");
        sandbox.close();
    }

    record Run(int exit, String out, String err) {
    }

    static Run plan(Path kubeconfig, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "plan";
        args[1] = "--kubeconfig";
        args[2] = kubeconfig.toString();
        args[3] = "--profile=sandbox";
        System.arraycopy(more, 0, args, 4, more.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EksidCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void refused(Run r, String expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("eksid plan: ").contains(expected).doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void garbage() throws Exception {
        Path k = dir.resolve("garbage");
        byte[] bytes = "\u0000\u0001clusters: [unclosed\n\tkey: {".getBytes(StandardCharsets.UTF_8);
        Files.write(k, bytes);
        refused(plan(k), "is not valid YAML");
        assertThat(Files.readAllBytes(k)).isEqualTo(bytes);
    }

    @Test
    void empty() throws Exception {
        Path k = Files.writeString(dir.resolve("empty"), "");
        refused(plan(k), "has no current-context");
        refused(plan(k, "--context", "prod"), "no context 'prod' in [" + k + "]; contexts: none");
    }

    @Test
    void aFolder() throws Exception {
        Path k = Files.createDirectories(dir.resolve("folder"));
        refused(plan(k, "--context", "prod"), k + ": cannot be read: Is a directory");
    }

    @Test
    void unreadable() throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "the superuser reads every file, so an unreadable file cannot be made");
        Path k = Files.writeString(dir.resolve("secret"), "apiVersion: v1\nkind: Config\n");
        Files.setPosixFilePermissions(k, PosixFilePermissions.fromString("---------"));
        refused(plan(k, "--context", "prod"), "cannot be read");
    }

    @Test
    void duplicateNamesAreRefusedAsKubectlDoesNotResolvedToEither() throws Exception {
        String sandboxConfig = Files.readString(sandbox.kubeconfigPath());
        String twice = sandboxConfig.replaceFirst("contexts:\n", "contexts:\n- name: acme-prod\n  context:\n"
                + "    cluster: acme-staging\n    user: acme-staging-admin\n");
        Path k = Files.writeString(dir.resolve("dup"), twice);
        refused(plan(k, "--context", "acme-prod"), "duplicate context name 'acme-prod' (contexts[0] and "
                + "contexts[1]): the file is ignored, as kubectl refuses it");
        assertThat(Files.readString(k)).isEqualTo(twice);
    }

    @Test
    void insecureSkipTlsVerifyIsHonouredAndSaidInTheConnectionLine() throws Exception {
        String insecure = Files.readString(sandbox.kubeconfigPath())
                .replaceFirst("(    server: [^\n]*/clusters/acme-prod\n)", "$1    insecure-skip-tls-verify: true\n");
        assertThat(insecure).contains("insecure-skip-tls-verify");
        Path k = Files.writeString(dir.resolve("insecure"), insecure);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new ScanCommand(Map.of("AWS_CONFIG_FILE",
                sandbox.awsConfigPath().toString(), "AWS_SHARED_CREDENTIALS_FILE",
                sandbox.awsCredentialsPath().toString()), dir.resolve("home")));
        cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        int code = cl.execute("--kubeconfig", k.toString(), "--context", "acme-prod", "--profile", "sandbox",
                "--output", "json");
        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        String connection = report.get("sources").findParents("source").stream()
                .filter(s -> s.get("source").asText().equals("kube/connection")).findFirst().orElseThrow()
                .get("reason").asText();
        assertThat(connection).startsWith("Kubernetes ").endsWith("TLS verification is off "
                + "(insecure-skip-tls-verify in the kubeconfig): the API server's certificate is not checked");
    }
}
