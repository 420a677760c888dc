package io.eksid.cli;

import io.eksid.engine.failure.UserFacingErrors;
import io.eksid.engine.settings.TerminalLogFilter;
import io.eksid.model.UserFacingError;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * How every command tells a failure on standard error: {@code eksid <command>: <what failed>: <cause>}, then
 * {@code   fix: ...}; with {@code --verbose} the chain of causes follows. The stack trace goes to the log file only.
 */
final class CliErrors {

    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);
    private static final Marker SHOWN = MarkerFactory.getMarker(TerminalLogFilter.SHOWN_MARKER);

    private CliErrors() {
    }

    /** Explains {@code e} on {@code err}, logs it with its stack trace, and returns the exit code. */
    static int report(PrintWriter err, String command, String failed, String context, Throwable e) {
        UserFacingError error = UserFacingErrors.of(failed, context, e);
        if (error.badInput()) {
            LOG.info(SHOWN, "eksid {}: {}", command, error.headline(), e);
        } else {
            LOG.warn(SHOWN, "eksid {}: {}", command, error.headline(), e);
        }
        print(err, command, error);
        return ExitCodes.of(error);
    }

    static void print(PrintWriter err, String command, UserFacingError error) {
        err.println("eksid " + command + ": " + error.headline());
        if (!error.fix().isEmpty()) {
            err.println("  fix: " + error.fix());
        }
        if (Boolean.getBoolean(TerminalLogFilter.VERBOSE_PROPERTY) && !error.details().isEmpty()) {
            err.println("  details:");
            error.details().forEach(d -> err.println("    " + d));
        }
        err.flush();
    }
}
