package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported script, run with the real {@code aws} and {@code kubectl} against the sandbox, performs the same
 * conversion: afterwards {@code eksid plan} has nothing left to do for the converted service accounts.
 */
class ExportedScriptTest {

    @TempDir
    Path dir;

    @Test
    void scriptConvertsLikeApply() throws Exception {
        assumeTrue(ConversionCommandsTest.onPath("aws") && ConversionCommandsTest.onPath("kubectl")
                && ConversionCommandsTest.onPath("bash"), "aws, kubectl and bash are needed");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")))) {
            System.setProperty("aws.configFile", sandbox.awsConfigPath().toString());
            System.setProperty("aws.sharedCredentialsFile", sandbox.awsCredentialsPath().toString());
            try {
                List<String> selection = List.of("--service-account", "catalog/catalog-api", "--service-account",
                        "search/search-indexer", "--service-account", "payments/payments-api",
                        "--service-account", "kube-system/aws-node");
                Path script = dir.resolve("convert.sh");
                assertThat(eksid(sandbox, concat(List.of("export", "--context", "acme-prod", "--format", "script",
                        "--out", script.toString()), selection))).isZero();

                ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--profile", "sandbox",
                        "--context", "acme-prod").redirectErrorStream(true);
                Map<String, String> env = pb.environment();
                env.put("KUBECONFIG", sandbox.kubeconfigPath().toString());
                env.put("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString());
                env.put("AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
                env.put("HOME", dir.toString());
                env.put("AWS_PAGER", "");
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
                assertThat(p.exitValue()).as(output).isZero();

                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int code = EksidCommand.run(concat(List.of("plan", "--context", "acme-prod", "--output", "json",
                                "--kubeconfig", sandbox.kubeconfigPath().toString(), "--profile", "sandbox"), selection)
                                .toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                assertThat(code).isZero();
                var plan = ConversionCommandsTest.JSON.readTree(out.toString(StandardCharsets.UTF_8));
                assertThat(plan.path("summary").path("steps").asInt()).as(plan.toPrettyString()).isZero();
                assertThat(plan.path("summary").path("serviceAccountsAlreadyDone").asInt()).isEqualTo(4);
            } finally {
                System.clearProperty("aws.configFile");
                System.clearProperty("aws.sharedCredentialsFile");
            }
        }
    }

    private static int eksid(Sandbox sandbox, List<String> args) {
        return EksidCommand.run(concat(args, List.of("--kubeconfig", sandbox.kubeconfigPath().toString(),
                "--profile", "sandbox")).toArray(String[]::new), System.out, System.err);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
