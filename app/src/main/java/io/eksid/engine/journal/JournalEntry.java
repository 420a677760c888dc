package io.eksid.engine.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a plan's journal.
 *
 * @param seq    position in the journal, from 1, gap-free
 * @param at     when it was written
 * @param kind   what happened
 * @param stepId the plan step it concerns, or null for plan-level entries
 * @param data   the payload: for {@link Kind#INTENT} the original state needed to undo the step (trust document,
 *               annotation value), written and forced to disk before the change is made
 */
public record JournalEntry(long seq, Instant at, Kind kind, String stepId, JsonNode data) {

    /** Entry kinds. Every write is preceded by an INTENT carrying what is needed to undo it. */
    public enum Kind {
        /** The plan itself, first line of every journal. */
        PLAN,
        /** About to perform a step; carries the original state. */
        INTENT,
        /** The step's change was made (or found already made); carries the server's answer. */
        DONE,
        /** The step was skipped at run time (precondition no longer holds); carries the reason. */
        SKIPPED,
        /** The step failed; carries the error. It may be retried on resume. */
        FAILED,
        /** Verification result of a step or SA. */
        VERIFIED,
        /** A rollback of the step is about to run. */
        ROLLBACK_INTENT,
        /** The step was rolled back. */
        ROLLED_BACK,
        /** Rollback of the step was refused (e.g. the resource changed since) or failed. */
        ROLLBACK_CONFLICT,
        /** The run ended (completed, cancelled, or failed overall); carries the summary. */
        FINISHED,
        /** The line before this one was torn by a stopped run and is kept as it is; carries its number and hash. */
        RECOVERED
    }

    public JournalEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }
}
