package io.eksid.engine.settings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * What of the log may reach the terminal (standard error): nothing, unless {@code --verbose} switched it on (the
 * {@code eksid.verbose} system property); then the console's own debug lines and other libraries' warnings, but
 * never Vert.x's blocked-thread reports, which say the machine was slow, not that anything failed. The terminal's
 * user-facing lines are printed by the commands themselves; stack traces go to the log file.
 */
public final class TerminalLogFilter extends Filter<ILoggingEvent> {

    public static final String VERBOSE_PROPERTY = "eksid.verbose";
    /** Marks a log line whose text the user was already shown (a command's error): the terminal skips it. */
    public static final String SHOWN_MARKER = "eksid-shown";
    private static final String OWN_LOGGERS = "io.eksid.";
    private static final String BLOCKED_THREAD_CHECKER = "io.vertx.core.impl.BlockedThreadChecker";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!Boolean.getBoolean(VERBOSE_PROPERTY)) {
            return FilterReply.DENY;
        }
        String logger = event.getLoggerName();
        if (logger.startsWith(BLOCKED_THREAD_CHECKER) || event.getMarkerList() != null
                && event.getMarkerList().stream().anyMatch(m -> m.contains(SHOWN_MARKER))) {
            return FilterReply.DENY;
        }
        Level floor = logger.startsWith(OWN_LOGGERS) ? Level.DEBUG : Level.WARN;
        return event.getLevel().isGreaterOrEqual(floor) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
