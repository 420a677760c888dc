package io.eksid.cli;

import io.eksid.model.UserFacingError;

/**
 * The exit codes of every command, the same across commands (docs/cli.md, "Exit codes"). A command that has
 * nothing to report for one of them simply never returns it.
 */
final class ExitCodes {

    /** Done, and everything it set out to do succeeded (a scan may still report findings). */
    static final int OK = 0;
    /** A source could not be read, or a step failed or needs a decision (a conflict); what and why is printed. */
    static final int FAILED = 1;
    /** Bad input: a flag, a selection that names nothing, a file that cannot be used, or a refusal to proceed. */
    static final int BAD_INPUT = 2;
    /** Reserved for {@code scan --fail-on}: findings at or above the threshold. No other command returns it. */
    static final int GATE = 3;

    private ExitCodes() {
    }

    static int of(UserFacingError error) {
        return error.badInput() ? BAD_INPUT : FAILED;
    }
}
