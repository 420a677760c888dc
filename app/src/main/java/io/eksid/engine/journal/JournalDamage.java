package io.eksid.engine.journal;

import java.util.Objects;

/**
 * One line of a journal that cannot be trusted as written.
 *
 * @param line    its line number, from 1
 * @param kind    what is wrong with it
 * @param problem the specific reason, for the user
 * @param stepId  the step the line names, when the damaged text still shows it; null otherwise
 */
public record JournalDamage(long line, Kind kind, String problem, String stepId) {

    /** What is wrong with a line. */
    public enum Kind {
        /** The last line stops mid-entry without its newline: the process died while writing it. */
        TORN_TAIL,
        /** The line is not a journal entry (not JSON, a field missing or malformed, an unknown kind). */
        MALFORMED,
        /** The line is an entry, but its sequence number is not its position: edited, or written twice. */
        OUT_OF_SEQUENCE,
        /** The line was written by a newer eksid in a format this version does not know. */
        NEWER_FORMAT
    }

    public JournalDamage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(problem, "problem");
    }

    /** "line 31: not JSON (...)" */
    public String describe() {
        return "line " + line + ": " + problem;
    }
}
