package io.eksid.engine.settings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.FileSize;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one place that decides where log lines go, for the window and the CLI alike (found by logback through
 * {@code META-INF/services}). Built in code rather than read from XML: parsing a configuration file loads
 * logback's whole configuration model and an XML parser, several hundred classes on every launch.
 * <ul>
 *   <li>The log file ({@code <state folder>/logs/eksid.log}, owner-only, rolled at 10 MB, 5 kept) gets everything
 *   at INFO and the console's own DEBUG, with stack traces. It is where "details" live.</li>
 *   <li>The terminal (standard error) gets nothing unless the user asked with verbose (see
 *   {@link TerminalLogFilter}); libraries' noise never reaches a terminal unasked.</li>
 * </ul>
 * An admin's own {@code -Dlogback.configurationFile} still wins when it names something that exists: then this
 * steps aside. One that does not is named in the log (and on the terminal with verbose), and this one applies.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    static final String CONFIGURATION_FILE = "logback.configurationFile";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger - %msg%n";
    static final String TERMINAL_PATTERN = "%-5level %logger{0} - %msg%n%nopex";
    /** The SDKs and HTTP stacks are chatty at INFO; their warnings are kept. */
    static final Map<String, Level> LEVELS = Map.of(
            "io.eksid", Level.DEBUG,
            "io.vertx", Level.WARN,
            "io.netty", Level.WARN,
            "software.amazon.awssdk", Level.WARN,
            "io.fabric8", Level.WARN,
            "org.eclipse.elk", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String own = System.getProperty(CONFIGURATION_FILE);
        if (own != null && exists(own)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LogFolderDefiner folder = new LogFolderDefiner();
        folder.setContext(context);
        String dir = folder.getPropertyValue();

        // Silence logback's own status lines, as an admin expects of a CLI; problems surface in our messages.
        context.getStatusManager().add(new NopStatusListener());
        // Bridge from java.util.logging (JavaFX, the JDK's HTTP client). Registered before any level is set, since
        // it passes on only the changes it hears.
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        context.addListener(propagator);
        propagator.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file(context, dir));
        root.addAppender(terminal(context));
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        if (own != null) {
            // Left to logback, a missing file would fall back to DEBUG on the terminal for every library.
            context.getLogger(ConsoleLogging.class).warn("The logging configuration {}={} does not exist; using "
                    + "the console's own", CONFIGURATION_FILE, own);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Whether logback could read {@code location}: a file, a {@code file:} URL, a class-path resource, or another
     * URL (not fetched here; logback reports it if it cannot be read).
     */
    static boolean exists(String location) {
        String value = location.strip();
        if (value.isEmpty()) {
            return false;
        }
        try {
            URI uri = new URI(value);
            // a one-letter scheme is a Windows drive (C:\...), not a URL
            if (uri.getScheme() != null && uri.getScheme().length() > 1) {
                return !"file".equalsIgnoreCase(uri.getScheme()) || Files.isRegularFile(Path.of(uri));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a URL: a path or a resource name
        }
        try {
            if (Files.isRegularFile(Path.of(value))) {
                return true;
            }
        } catch (InvalidPathException e) {
            // not a path on this system: perhaps a resource name
        }
        return ConsoleLogging.class.getClassLoader().getResource(value) != null;
    }

    private static OwnerOnlyRollingFileAppender<ILoggingEvent> file(LoggerContext context, String dir) {
        OwnerOnlyRollingFileAppender<ILoggingEvent> appender = new OwnerOnlyRollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(dir + "/eksid.log");

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir + "/eksid.%i.log");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        appender.setRollingPolicy(rolling);

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        appender.setTriggeringPolicy(trigger);

        appender.setEncoder(encoder(context, FILE_PATTERN));
        rolling.start();
        trigger.start();
        appender.start();
        return appender;
    }

    private static ConsoleAppender<ILoggingEvent> terminal(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("TERMINAL");
        appender.setTarget("System.err");
        TerminalLogFilter filter = new TerminalLogFilter();
        filter.setContext(context);
        filter.start();
        appender.addFilter(filter);
        appender.setEncoder(encoder(context, TERMINAL_PATTERN));
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
