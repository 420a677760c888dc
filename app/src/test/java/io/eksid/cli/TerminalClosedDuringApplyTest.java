package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.engine.journal.Journal;
import io.eksid.engine.journal.JournalEntry;
import io.eksid.engine.journal.StepProgress;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal closes during {@code eksid apply}: the process gets SIGHUP (the terminal hung up) or SIGTERM. It
 * stops starting steps, lets the running ones finish, journals that the run was cancelled with no step left in
 * doubt, and {@code apply --resume} finishes the conversion.
 */
class TerminalClosedDuringApplyTest {

    @TempDir
    static Path dir;
    private static Sandbox sandbox;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void sigtermStopsCleanlyAndResumeFinishes() throws Exception {
        closedMidway("acme-prod", "TERM", 143);
    }

    @Test
    void sighupStopsCleanlyAndResumeFinishes() throws Exception {
        // A process started with SIGHUP ignored passes that on to its children, and the JVM then installs no
        // handler for it: the child would run on, rightly, and the test would say nothing about the console.
        Assumptions.assumeFalse(sighupIgnoredHere(), "SIGHUP is ignored by this process and so by its children");
        closedMidway("acme-staging", "HUP", 129);
    }

    private void closedMidway(String context, String signal, int expectedExit) throws Exception {
        Path journals = dir.resolve("journal-" + context);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> connection = List.of("--context", context, "--kubeconfig", sandbox.kubeconfigPath().toString(),
                "--profile", "sandbox", "--journal-dir", journals.toString());
        List<String> command = new ArrayList<>(List.of(java, "-Daws.configFile=" + sandbox.awsConfigPath(),
                "-Daws.sharedCredentialsFile=" + sandbox.awsCredentialsPath(),
                "-Deksid.log.dir=" + dir.resolve("logs"), "-cp", System.getProperty("java.class.path"),
                "io.eksid.Launcher", "apply", "--yes", "--iam-rate", "1", "--workers", "1"));
        command.addAll(connection);
        Path log = dir.resolve("child-" + signal + ".log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Signalled after the first step that finished, while most of the plan is still to go.
            await().atMost(Duration.ofMinutes(3)).until(() -> doneEntries(journals) >= 1 || !child.isAlive());
            assertThat(child.isAlive()).as("the run ended before the signal: " + Files.readString(log)).isTrue();
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.waitFor(3, TimeUnit.MINUTES)).as(Files.readString(log)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(log)).isEqualTo(expectedExit);
        } finally {
            child.destroyForcibly();
        }
        Path journal = onlyJournal(journals);
        List<JournalEntry> entries = Journal.readAll(journal, JSON);
        JournalEntry last = entries.get(entries.size() - 1);
        assertThat(last.kind()).isEqualTo(JournalEntry.Kind.FINISHED);
        assertThat(last.data().path("outcome").asText()).isEqualTo("CANCELLED");
        StepProgress progress = StepProgress.of(entries);
        assertThat(progress.steps().values()).as("steps started and never finished")
                .noneMatch(s -> s.status() == StepProgress.Status.IN_DOUBT);
        assertThat(progress.steps().values()).anyMatch(s -> s.status() == StepProgress.Status.DONE);
        assertThat(Files.readString(log)).doesNotContain("\tat ").doesNotContain("Exception");

        List<String> resume = new ArrayList<>(List.of("apply", "--yes", "--resume", journal.toString()));
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
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(": COMPLETED");
    }

    /** Linux's view of this process's ignored signals: bit 0 of SigIgn is SIGHUP. */
    private static boolean sighupIgnoredHere() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseUnsignedLong(l.substring(7).strip(), 16) & 1L) != 0).orElse(false);
    }

    private static Path onlyJournal(Path journals) throws Exception {
        try (Stream<Path> files = Files.list(journals)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".jsonl")).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
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
