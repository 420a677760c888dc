package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EksidCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownScenarioIsAOneLineUsageError() {
        assertThat(run("sandbox", "--dir", dir.toString(), "--scenario", "huge")).isEqualTo(2);
        assertThat(err()).isEqualTo("eksid sandbox: unknown scenario 'huge': expected acme, large or fleet" + System.lineSeparator());
    }

    @Test
    void badNumbersAreOneLineUsageErrors() {
        assertThat(run("sandbox", "--dir", dir.toString(), "--pods", "lots")).isEqualTo(2);
        assertThat(err()).isEqualTo("eksid sandbox: --pods must be a whole number, got 'lots'" + System.lineSeparator());
        err.reset();
        assertThat(run("sandbox", "--dir", dir.toString(), "--churn", "-3")).isEqualTo(2);
        assertThat(err()).startsWith("eksid sandbox: --churn must be between 0 and 10000").hasLineCount(1);
    }

    @Test
    void badFaultSpecIsAOneLineUsageError() {
        assertThat(run("sandbox", "--dir", dir.toString(), "--faults", "iam.explode=1")).isEqualTo(2);
        assertThat(err()).startsWith("eksid sandbox: bad fault spec").contains("iam.explode").hasLineCount(1);
    }

    @Test
    void portInUseIsAOneLineUsageError() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            assertThat(run("sandbox", "--dir", dir.toString(), "--k8s-port", String.valueOf(port))).isEqualTo(2);
            assertThat(err()).isEqualTo("eksid sandbox: port " + port + " (--k8s-port) is already in use"
                    + System.lineSeparator());
        }
    }

    @Test
    void printsTheReadyLineThenRunsUntilInterrupted() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread foreground = new Thread(() -> exit.set(run("sandbox", "--dir", dir.toString())), "sandbox-cli");
        foreground.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString(StandardCharsets.UTF_8).contains("\n"));
        String firstLine = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(firstLine).isEqualTo("ready kubeconfig=" + dir.resolve("kubeconfig") + " aws-config="
                + dir.resolve("aws").resolve("config") + " profile=sandbox");
        assertThat(foreground.isAlive()).isTrue();

        foreground.interrupt();
        foreground.join(10_000);
        assertThat(foreground.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(err()).isEmpty();
    }
}
