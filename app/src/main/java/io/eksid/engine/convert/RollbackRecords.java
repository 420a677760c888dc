package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.JsonNode;
import io.eksid.engine.journal.JournalDamage;
import io.eksid.engine.journal.JournalEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a journal proves about each step, for a rollback. A step whose records a damaged line may have held is
 * <em>unprovable</em>, with the reason: its change (if any) is left as it is and reported, never guessed at.
 * <ul>
 *   <li>a damaged line that still names the step: that line may have been its original or its result;</li>
 *   <li>a step with a change recorded (DONE {@code changed:true}) but no INTENT: its original is missing;</li>
 *   <li>a step whose first recorded INTENT says an earlier one exists ({@code firstIntent:false}): the true
 *       original was in a line that is gone.</li>
 * </ul>
 */
final class RollbackRecords {

    /** What the journal says about one step. */
    static final class StepRecord {
        JsonNode original;
        JsonNode done;
        long doneSeq;
        Instant intentAt;
        boolean rolledBack;
        String unprovable;

        boolean changed() {
            return done != null && done.path("changed").asBoolean(false);
        }
    }

    private RollbackRecords() {
    }

    static Map<String, StepRecord> of(List<JournalEntry> entries, List<JournalDamage> damage) {
        Map<String, StepRecord> out = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            if (e.stepId() == null) {
                continue;
            }
            StepRecord r = out.computeIfAbsent(e.stepId(), k -> new StepRecord());
            switch (e.kind()) {
                case INTENT -> {
                    if (r.original == null) {
                        r.original = e.data();
                        r.intentAt = e.at();
                        r.doneSeq = Math.max(r.doneSeq, e.seq());
                        if (e.data() != null && !e.data().path("firstIntent").asBoolean(true)) {
                            r.unprovable = "its first recorded original (line " + e.seq() + ") says an earlier one "
                                    + "was journaled, and that line is missing" + damageNote(damage);
                        }
                    }
                }
                case DONE -> {
                    r.done = e.data();
                    r.doneSeq = e.seq();
                }
                case ROLLED_BACK -> r.rolledBack = true;
                default -> { }
            }
        }
        for (Map.Entry<String, StepRecord> e : out.entrySet()) {
            StepRecord r = e.getValue();
            if (r.unprovable == null && r.original == null && r.changed()) {
                r.unprovable = "the journal records its change (line " + r.doneSeq + ") but not the original state "
                        + "before it" + damageNote(damage);
            }
        }
        for (JournalDamage d : damage) {
            if (d.stepId() != null && d.kind() != JournalDamage.Kind.TORN_TAIL) {
                StepRecord r = out.computeIfAbsent(d.stepId(), k -> new StepRecord());
                if (r.unprovable == null) {
                    r.unprovable = "journal line " + d.line() + ", which belongs to this step, is damaged ("
                            + d.problem() + ")";
                }
            }
        }
        return out;
    }

    private static String damageNote(List<JournalDamage> damage) {
        return damage.isEmpty() ? "" : "; damaged: " + String.join("; ", damage.stream().map(JournalDamage::describe)
                .toList());
    }
}
