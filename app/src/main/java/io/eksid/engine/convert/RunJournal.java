package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.engine.journal.Journal;
import io.eksid.engine.journal.JournalEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The journal as one run uses it. After {@link #halt()} (an abrupt stop) nothing more is written, exactly as if the
 * process had died: steps in flight stay IN_DOUBT for the next run to re-examine.
 */
final class RunJournal implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Journal journal;
    private final AtomicBoolean halted = new AtomicBoolean();

    RunJournal(Journal journal) {
        this.journal = journal;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    Path file() {
        return journal.file();
    }

    List<JournalEntry> entries() {
        return journal.entries();
    }

    void append(JournalEntry.Kind kind, String stepId, JsonNode data) {
        if (halted.get()) {
            throw new HaltedException();
        }
        journal.append(kind, stepId, data);
    }

    void halt() {
        halted.set(true);
    }

    boolean halted() {
        return halted.get();
    }

    @Override
    public void close() {
        journal.close();
    }

    /** Thrown to a worker that tries to write after the run was stopped abruptly. */
    static final class HaltedException extends RuntimeException {
        HaltedException() {
            super("the run was stopped; nothing more is journaled");
        }
    }
}
