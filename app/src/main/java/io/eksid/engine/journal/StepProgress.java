package io.eksid.engine.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a journal says about each step, folded from its entries. A step with an INTENT but no outcome is
 * {@link Status#IN_DOUBT}: the process may or may not have made the change before it died, so resume must look
 * at the live state before doing anything (every step is idempotent for this reason).
 */
public final class StepProgress {

    /** A step's state as the journal records it. */
    public enum Status { PENDING, IN_DOUBT, DONE, SKIPPED, FAILED, ROLLBACK_IN_DOUBT, ROLLED_BACK, ROLLBACK_CONFLICT }

    /** One step: its last status and the original state recorded by its first INTENT. */
    public record Step(String stepId, Status status, JsonNode original, JsonNode lastData) {
    }

    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final boolean finished;

    private StepProgress(boolean finished) {
        this.finished = finished;
    }

    public static StepProgress of(List<JournalEntry> entries) {
        boolean finished = entries.stream().anyMatch(e -> e.kind() == JournalEntry.Kind.FINISHED);
        StepProgress p = new StepProgress(finished);
        for (JournalEntry e : entries) {
            if (e.stepId() == null) {
                continue;
            }
            Step prev = p.steps.get(e.stepId());
            // The original is the state before the FIRST intent: a resumed run must not overwrite it with
            // a state that the first run already changed.
            JsonNode original = prev != null && prev.original() != null ? prev.original()
                    : e.kind() == JournalEntry.Kind.INTENT ? e.data() : null;
            Status status = switch (e.kind()) {
                case INTENT -> Status.IN_DOUBT;
                case DONE -> Status.DONE;
                case SKIPPED -> Status.SKIPPED;
                case FAILED -> Status.FAILED;
                case VERIFIED -> prev == null ? Status.DONE : prev.status();
                case ROLLBACK_INTENT -> Status.ROLLBACK_IN_DOUBT;
                case ROLLED_BACK -> Status.ROLLED_BACK;
                case ROLLBACK_CONFLICT -> Status.ROLLBACK_CONFLICT;
                case PLAN, FINISHED, RECOVERED -> prev == null ? Status.PENDING : prev.status();
            };
            p.steps.put(e.stepId(), new Step(e.stepId(), status, original, e.data()));
        }
        return p;
    }

    public Optional<Step> step(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    public Status status(String stepId) {
        Step s = steps.get(stepId);
        return s == null ? Status.PENDING : s.status();
    }

    public Map<String, Step> steps() {
        return Map.copyOf(steps);
    }

    public boolean finished() {
        return finished;
    }
}
