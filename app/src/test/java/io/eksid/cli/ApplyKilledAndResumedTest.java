package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.model.trust.Statement;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.eksid.sandbox.aws.IamRoleRecord;
import io.eksid.sandbox.aws.PodIdentityAssociationRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: {@code eksid apply} in its own JVM, killed with SIGKILL in the middle of the conversion, then
 * {@code eksid apply --resume} finishes it. No duplicate association, no lost trust statement.
 */
class ApplyKilledAndResumedTest {

    @TempDir
    static Path dir;

    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, String> trustDocuments() {
        Map<String, String> docs = new HashMap<>();
        for (IamRoleRecord r : sandbox.awsWorld().roles("111122223333")) {
            docs.put(r.arn(), r.trustPolicy());
        }
        return docs;
    }

    @Test
    void killedMidwayThenResumedEndsConvertedWithNothingLostOrDoubled() throws Exception {
        Map<String, String> before = trustDocuments();
        Path journals = dir.resolve("journal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> connection = List.of("--context", "acme-prod", "--kubeconfig",
                sandbox.kubeconfigPath().toString(), "--profile", "sandbox", "--journal-dir", journals.toString());
        List<String> command = new java.util.ArrayList<>(List.of(java,
                "-Daws.configFile=" + sandbox.awsConfigPath(), "-Daws.sharedCredentialsFile="
                        + sandbox.awsCredentialsPath(), "-cp", System.getProperty("java.class.path"),
                "io.eksid.Launcher", "apply", "--yes", "--iam-rate", "2", "--workers", "2"));
        command.addAll(connection);
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            // Kill it once it has journaled some changes, but long before the end (IAM is slowed to 2/s).
            await().atMost(Duration.ofMinutes(3)).until(() -> doneEntries(journals) >= 8 || !child.isAlive());
            assertThat(child.isAlive()).as("the first run ended before it could be killed: "
                    + Files.readString(dir.resolve("child.log"))).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        Path journal;
        try (Stream<Path> files = Files.list(journals)) {
            journal = files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }

        List<String> resume = new java.util.ArrayList<>(List.of("apply", "--yes", "--resume", journal.toString()));
        resume.addAll(connection);
        System.setProperty("aws.configFile", sandbox.awsConfigPath().toString());
        System.setProperty("aws.sharedCredentialsFile", sandbox.awsCredentialsPath().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            code = EksidCommand.run(resume.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("aws.configFile");
            System.clearProperty("aws.sharedCredentialsFile");
        }
        assertThat(code).as(out + "\n" + err).isZero();

        // No duplicate association: one per service account.
        List<PodIdentityAssociationRecord> associations = sandbox.awsWorld().podIdentityAssociations("acme-prod");
        Map<String, Long> perSa = associations.stream().collect(Collectors.groupingBy(
                a -> a.namespace() + "/" + a.serviceAccount(), Collectors.counting()));
        assertThat(perSa.values()).allMatch(n -> n == 1);
        assertThat(associations.size()).isGreaterThan(10);

        // No lost trust statement: every statement a role had is still there.
        Map<String, String> after = trustDocuments();
        int changed = 0;
        for (Map.Entry<String, String> e : before.entrySet()) {
            List<Statement> was = TrustPolicy.parse(TrustPolicy.decodeIamDocument(e.getValue())).statements();
            List<Statement> now = TrustPolicy.parse(TrustPolicy.decodeIamDocument(after.get(e.getKey()))).statements();
            assertThat(now).as(e.getKey()).containsAll(was);
            if (now.size() > was.size()) {
                changed++;
            }
        }
        assertThat(changed).isGreaterThan(5);
    }

    private static long doneEntries(Path journals) throws Exception {
        if (!Files.isDirectory(journals)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journals)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).mapToLong(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(l -> l.contains("\"kind\":\"DONE\"")).count();
                } catch (java.io.IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
