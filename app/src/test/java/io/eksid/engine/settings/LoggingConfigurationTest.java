package io.eksid.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What ConsoleLogging decides, through the real SLF4J backend: the terminal (standard error) gets nothing unless
 * verbose, and never Vert.x's blocked-thread reports; the owner-only log file gets everything with stack traces.
 */
class LoggingConfigurationTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream saved;

    @BeforeEach
    void captureStandardError() {
        saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(saved);
        System.clearProperty(TerminalLogFilter.VERBOSE_PROPERTY);
    }

    private static Path logFile() {
        return Path.of(System.getProperty(LogFolderDefiner.PROPERTY)).resolve("eksid.log");
    }

    @Test
    void warningsAndStackTracesGoToTheOwnerOnlyFileNotTheTerminal() throws Exception {
        String marker = "cannot connect to context dead " + System.nanoTime();
        LoggerFactory.getLogger("io.eksid.engine.live.LiveSession").warn(marker,
                new IllegalStateException("connection refused"));
        LoggerFactory.getLogger("software.amazon.awssdk.Noise").warn("library noise {}", marker);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        String log = Files.readString(logFile());
        assertThat(log).contains(marker).contains("java.lang.IllegalStateException: connection refused")
                .contains("\tat io.eksid.engine.settings.LoggingConfigurationTest");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile().getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void verboseShowsOwnDebugLinesWithoutStackTracesButNeverBlockedThreadReports() throws Exception {
        System.setProperty(TerminalLogFilter.VERBOSE_PROPERTY, "true");
        LoggerFactory.getLogger("io.eksid.kube.Reflector").debug("listing pods in 3 namespaces",
                new IllegalStateException("trace only in the file"));
        LoggerFactory.getLogger("io.vertx.core.impl.BlockedThreadChecker").warn("Thread vert.x-eventloop-thread-0 "
                + "has been blocked for 2101 ms, time limit is 2000 ms");
        LoggerFactory.getLogger("software.amazon.awssdk.Chatty").info("library info");
        String terminal = err.toString(StandardCharsets.UTF_8);
        assertThat(terminal).contains("DEBUG Reflector - listing pods in 3 namespaces")
                .doesNotContain("\tat ").doesNotContain("blocked for").doesNotContain("library info");
        assertThat(Files.readString(logFile())).contains("has been blocked for 2101 ms");
    }

    @Test
    void withoutVerboseEvenOwnDebugLinesStayOffTheTerminal() {
        LoggerFactory.getLogger("io.eksid.kube.Reflector").debug("quiet");
        LoggerFactory.getLogger("io.vertx.core.impl.BlockedThreadChecker").warn("Thread blocked");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theConfigurationIsOursAndJavaUtilLoggingFollowsItsLevels() {
        LoggerFactory.getLogger(LoggingConfigurationTest.class).debug("initialise");
        ch.qos.logback.classic.LoggerContext context =
                (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger("ROOT").getAppender("FILE")).isInstanceOf(OwnerOnlyRollingFileAppender.class);
        assertThat(context.getLogger("ROOT").getAppender("TERMINAL")).isNotNull();
        // JavaFX and the JDK's HTTP client log through java.util.logging: their chatter is cut at the source.
        assertThat(java.util.logging.Logger.getLogger("io.fabric8").getLevel())
                .isEqualTo(java.util.logging.Level.WARNING);
        assertThat(java.util.logging.Logger.getLogger("io.eksid").getLevel())
                .isEqualTo(java.util.logging.Level.FINE);
    }

    @Test
    void anAdminsOwnConfigurationIsUsedOnlyWhenItExists(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path own = Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        assertThat(ConsoleLogging.exists(own.toString())).isTrue();
        assertThat(ConsoleLogging.exists(own.toUri().toString())).isTrue();
        assertThat(ConsoleLogging.exists(dir.resolve("missing.xml").toString())).isFalse();
        assertThat(ConsoleLogging.exists(dir.resolve("missing.xml").toUri().toString())).isFalse();
        assertThat(ConsoleLogging.exists(dir.toString())).as("a folder").isFalse();
        assertThat(ConsoleLogging.exists("  ")).isFalse();
        assertThat(ConsoleLogging.exists("META-INF/services/ch.qos.logback.classic.spi.Configurator"))
                .as("a class-path resource").isTrue();
        assertThat(ConsoleLogging.exists("no/such/resource.xml")).isFalse();
    }
}
