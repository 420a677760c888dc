package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan, apply, rollback and export through the command line against the sandbox. */
class ConversionCommandsTest {

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static final ObjectMapper JSON = new ObjectMapper();

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

    static Run eksid(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", sandbox.kubeconfigPath().toString(), "--profile", "sandbox",
                "--journal-dir", dir.resolve("journal").toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EksidCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void planApplyRerunRollbackOnStaging() throws Exception {
        Run plan = eksid("plan", "--context", "acme-staging", "--output", "json");
        assertThat(plan.exit()).as(plan.err()).isZero();
        JsonNode p = JSON.readTree(plan.out());
        assertThat(p.path("planId").asText()).startsWith("plan-");
        assertThat(p.path("summary").path("steps").asInt()).isPositive();

        Run refused = eksid("apply", "--context", "acme-staging");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes").contains("no terminal");

        Run apply = eksid("apply", "--context", "acme-staging", "--yes", "--output", "json");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        JsonNode a = JSON.readTree(apply.out());
        assertThat(a.path("planId").asText()).isEqualTo(p.path("planId").asText());
        assertThat(Path.of(a.path("journal").asText())).exists().startsWith(dir.resolve("journal"));
        assertThat(a.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(a.path("awsWrites").asInt()).isPositive();

        Run again = eksid("apply", "--context", "acme-staging", "--yes", "--output", "json");
        assertThat(again.exit()).isZero();
        assertThat(JSON.readTree(again.out()).path("awsWrites").asInt()).isZero();

        Run resumed = eksid("apply", "--context", "acme-staging", "--yes", "--output", "json", "--resume",
                a.path("runId").asText());
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(JSON.readTree(resumed.out()).path("awsWrites").asInt()).isZero();

        Run rollback = eksid("rollback", a.path("runId").asText(), "--context", "acme-staging", "--yes",
                "--output", "json");
        assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();
        assertThat(JSON.readTree(rollback.out()).path("rolledBack").size()).isPositive();

        Run wrongCluster = eksid("rollback", a.path("runId").asText(), "--context", "acme-prod", "--yes");
        assertThat(wrongCluster.exit()).isEqualTo(2);
        assertThat(wrongCluster.err()).contains("belongs to cluster");
    }

    @Test
    void planningRetriesUnderThrottlingLikeStepsDo() throws Exception {
        sandbox.awsWorld().faults().apply("iam.throttle=0.3,eks.5xx=0.2");
        try {
            String planId = null;
            // two plans of dozens of calls each, with 30% of IAM calls throttled and 20% of EKS calls failing: without retries they fail
            for (int i = 0; i < 2; i++) {
                Run plan = eksid("plan", "--context", "acme-prod", "--output", "json");
                assertThat(plan.exit()).as("run " + i + ": " + plan.err()).isZero();
                String id = JSON.readTree(plan.out()).path("planId").asText();
                assertThat(planId == null || planId.equals(id)).as("the same cluster state plans the same").isTrue();
                planId = id;
            }
        } finally {
            sandbox.awsWorld().faults().clear();
        }
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        Run unknown = eksid("rollback", "plan-does-not-exist", "--context", "acme-prod", "--yes");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no journal named 'plan-does-not-exist'");
        Run badMode = eksid("plan", "--context", "acme-prod", "--cross-account", "sideways");
        assertThat(badMode.exit()).isEqualTo(2);
        assertThat(badMode.err()).contains("--cross-account must be chain or skip");
        Run badContext = eksid("plan", "--context", "nope");
        assertThat(badContext.exit()).isEqualTo(2);
        assertThat(badContext.err()).contains("no context 'nope'");
    }

    @Test
    void exportsTerraformEksctlAndScript() throws Exception {
        Path tf = dir.resolve("tf").resolve("main.tf");
        Files.createDirectories(tf.getParent());
        Run t = eksid("export", "--context", "acme-prod", "--format", "terraform", "--out", tf.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(Files.readString(tf)).contains("aws_eks_pod_identity_association");
        if (onPath("terraform")) {
            Process fmt = new ProcessBuilder("terraform", "fmt", "-check", "-diff", tf.toString())
                    .redirectErrorStream(true).start();
            String diff = new String(fmt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(fmt.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(fmt.exitValue()).as(diff).isZero();
        }
        Run e = eksid("export", "--context", "acme-prod", "--format", "eksctl");
        assertThat(e.exit()).as(e.err()).isZero();
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(e.out());
        assertThat(yaml.path("kind").asText()).isEqualTo("ClusterConfig");
        assertThat(yaml.path("metadata").path("name").asText()).isEqualTo("acme-prod");
        Run s = eksid("export", "--context", "acme-prod", "--format", "script");
        assertThat(s.exit()).isZero();
        assertThat(s.out()).startsWith("#!").contains("create-pod-identity-association");
        Run bad = eksid("export", "--context", "acme-prod", "--format", "cdk");
        assertThat(bad.exit()).isEqualTo(2);
    }

    static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }
}
