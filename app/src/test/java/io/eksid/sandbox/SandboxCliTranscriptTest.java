package io.eksid.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/sandbox-cli-check.sh (the commands of the docs/sandbox.md transcript) with the real kubectl and
 * aws CLIs against an in-process sandbox. Skipped only when those CLIs are not installed.
 */
class SandboxCliTranscriptTest {

    @TempDir
    Path dir;

    @Test
    void kubectlAndAwsCliWorkAgainstTheSandbox() throws Exception {
        assumeTrue(onPath("kubectl") && onPath("aws") && onPath("bash"), "kubectl, aws and bash must be on PATH");
        Path script = findScript();
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(dir))) {
            Path log = dir.resolve("cli-check.log");
            Process p = new ProcessBuilder("bash", script.toString(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(180, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("script finished in time:%n%s", output).isTrue();
            assertThat(p.exitValue()).as("script output:%n%s", output).isZero();
            assertThat(output).contains("sandbox CLI check passed");
        }
    }

    private static Path findScript() {
        Path here = Path.of("").toAbsolutePath();
        for (Path d = here; d != null; d = d.getParent()) {
            Path candidate = d.resolve("scripts").resolve("sandbox-cli-check.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/sandbox-cli-check.sh not found above " + here);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
