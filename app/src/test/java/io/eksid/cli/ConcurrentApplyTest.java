package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code eksid apply} processes on one cluster, started half a second apart: the second refuses before it
 * writes anything, naming the process that holds the cluster.
 */
class ConcurrentApplyTest {

    @TempDir
    Path dir;

    @Test
    void theSecondApplyOnTheSameClusterRefusesAndNamesTheHolder() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")))) {
            Path journals = dir.resolve("journal");
            Process first = start(sandbox, journals, dir.resolve("first.log"));
            Thread.sleep(500);
            Process second = start(sandbox, journals, dir.resolve("second.log"));
            try {
                // The loser gives up at once; the winner is slowed to 2 IAM requests a second and still working.
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (first.isAlive() && second.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Process loser = first.isAlive() ? second : first;
                Process winner = loser == first ? second : first;
                assertThat(loser.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String log = Files.readString(loser == first ? dir.resolve("first.log") : dir.resolve("second.log"));
                assertThat(winner.isAlive()).as("the winner still holds the cluster: " + log).isTrue();
                assertThat(loser.exitValue()).as(log).isEqualTo(2);
                assertThat(log).contains("cluster acme-prod").contains("is being changed by another eksid run")
                        .contains("by process " + winner.pid()).contains("Nothing was changed");
                try (var files = Files.list(journals)) {
                    assertThat(files.filter(f -> f.toString().endsWith(".jsonl")).count())
                            .as("only the winner started a journal").isEqualTo(1);
                }
            } finally {
                first.destroyForcibly();
                second.destroyForcibly();
                first.waitFor(30, TimeUnit.SECONDS);
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(Sandbox sandbox, Path journals, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Daws.configFile=" + sandbox.awsConfigPath(),
                "-Daws.sharedCredentialsFile=" + sandbox.awsCredentialsPath(), "-cp",
                System.getProperty("java.class.path"), "io.eksid.Launcher", "apply", "--yes", "--iam-rate", "2",
                "--workers", "2", "--context", "acme-prod", "--kubeconfig", sandbox.kubeconfigPath().toString(),
                "--profile", "sandbox", "--journal-dir", journals.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
