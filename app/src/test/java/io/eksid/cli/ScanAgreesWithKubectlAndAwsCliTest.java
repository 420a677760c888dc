package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The same sandbox seen by {@code eksid scan}, by {@code kubectl} and by the {@code aws} CLI: service accounts,
 * IRSA mappings and Pod Identity associations agree.
 */
class ScanAgreesWithKubectlAndAwsCliTest {

    private static final String ROLE_ARN = "eks.amazonaws.com/role-arn";

    @TempDir
    Path dir;

    @Test
    void serviceAccountsIrsaMappingsAndAssociationsAgree() throws Exception {
        assumeTrue(onPath("kubectl") && onPath("aws"), "kubectl and aws must be on PATH");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")))) {
            Map<String, String> env = Map.of("KUBECONFIG", sandbox.kubeconfigPath().toString(),
                    "AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CommandLine cl = new CommandLine(new ScanCommand(env, dir));
            cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
            cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
            assertThat(cl.execute("--context", "acme-prod", "--profile", "sandbox", "--output", "json"))
                    .as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode scan = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));

            ObjectMapper json = new ObjectMapper();
            JsonNode sas = json.readTree(run(env, "kubectl", "--context", "acme-prod", "get", "serviceaccounts",
                    "--all-namespaces", "-o", "json"));
            JsonNode namespaces = json.readTree(run(env, "kubectl", "--context", "acme-prod", "get", "namespaces",
                    "-o", "json"));
            TreeSet<String> kubectlIrsa = new TreeSet<>();
            sas.get("items").forEach(sa -> {
                JsonNode a = sa.get("metadata").path("annotations").get(ROLE_ARN);
                if (a != null) {
                    kubectlIrsa.add(sa.get("metadata").get("namespace").asText() + "/"
                            + sa.get("metadata").get("name").asText() + "=" + a.asText());
                }
            });
            JsonNode assocs = json.readTree(run(env, "aws", "--profile", "sandbox", "eks",
                    "list-pod-identity-associations", "--cluster-name", "acme-prod", "--output", "json"));
            TreeSet<String> awsAssocs = new TreeSet<>();
            assocs.get("associations").forEach(a -> awsAssocs.add(a.get("namespace").asText() + "/"
                    + a.get("serviceAccount").asText() + "=" + a.get("associationId").asText()));

            TreeSet<String> scanIrsa = new TreeSet<>();
            TreeSet<String> scanAssocs = new TreeSet<>();
            int existing = 0;
            for (JsonNode sa : scan.get("serviceAccounts")) {
                String ref = sa.get("namespace").asText() + "/" + sa.get("name").asText();
                existing += sa.get("exists").asBoolean() ? 1 : 0;
                if (sa.get("exists").asBoolean() && sa.hasNonNull("irsa")) {
                    scanIrsa.add(ref + "=" + sa.get("irsa").get("roleArn").asText());
                }
                if (sa.hasNonNull("association")) {
                    scanAssocs.add(ref + "=" + sa.get("association").get("associationId").asText());
                }
            }
            JsonNode counts = scan.get("counts");
            assertThat(counts.get("serviceAccounts").asInt()).isEqualTo(sas.get("items").size()).isEqualTo(existing);
            assertThat(counts.get("namespaces").asInt()).isEqualTo(namespaces.get("items").size());
            assertThat(scanIrsa).isNotEmpty().isEqualTo(kubectlIrsa);
            assertThat(counts.get("irsaMappings").asInt()).isEqualTo(kubectlIrsa.size());
            assertThat(scanAssocs).isNotEmpty().isEqualTo(awsAssocs);
            assertThat(counts.get("associations").asInt()).isEqualTo(awsAssocs.size());
        }
    }

    private String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().putAll(env);
        pb.environment().remove("AWS_PROFILE");
        Path errFile = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + Files.readString(errFile)).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, binary)));
    }
}
