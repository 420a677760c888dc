package io.eksid.model;

import java.util.List;
import java.util.Objects;

/**
 * One failure as every entry point tells it (the CLI's standard error, the window's dialogs, the wizards): what
 * failed and the object it concerns ("cannot read context acme-prod"), the cause in one line, the fix, and the
 * details (the chain of causes) shown only with {@code --verbose} or behind a Details button. Stack traces never
 * appear here: they go to the log file.
 *
 * @param kind    bad input (the user can correct what was given: exit code 2) or a source or step that failed (1)
 * @param failed  what could not be done, with the object: "cannot read context acme-prod"
 * @param cause   why, in one line
 * @param fix     what to do about it, or empty when the cause says it all
 * @param details the chain of causes, one line each, for those who ask
 */
public record UserFacingError(Kind kind, String failed, String cause, String fix, List<String> details) {

    public enum Kind { BAD_INPUT, FAILED }

    public UserFacingError {
        Objects.requireNonNull(kind, "kind");
        failed = oneLine(failed);
        cause = oneLine(cause);
        fix = oneLine(fix);
        details = details == null ? List.of() : List.copyOf(details);
    }

    public static UserFacingError badInput(String failed, String cause, String fix) {
        return new UserFacingError(Kind.BAD_INPUT, failed, cause, fix, List.of());
    }

    public static UserFacingError failed(String failed, String cause, String fix) {
        return new UserFacingError(Kind.FAILED, failed, cause, fix, List.of());
    }

    public boolean badInput() {
        return kind == Kind.BAD_INPUT;
    }

    /** "cannot read context acme-prod: connection refused": the first line everyone sees. */
    public String headline() {
        if (failed.isEmpty()) {
            return cause;
        }
        return cause.isEmpty() ? failed : failed + ": " + cause;
    }

    public UserFacingError withDetails(List<String> moreDetails) {
        return new UserFacingError(kind, failed, cause, fix, moreDetails);
    }

    /** Line breaks and runs of white space become one space: a cause is one line on a terminal. */
    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ").replaceAll("[\\t ]{2,}", " ");
    }
}
