package io.eksid.ui.wizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.engine.convert.PlanExecutor;
import io.eksid.engine.journal.Journal;
import io.eksid.engine.journal.JournalEntry;
import io.eksid.engine.journal.JournalReading;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rollback of one journal would undo, read from the journal without opening it for writing: the steps
 * whose change it records (an INTENT) and that are not rolled back yet, counted per kind, for the confirmation.
 *
 * @param steps         the steps the rollback goes through, in plan order
 * @param rolledBackAlready steps the journal records as rolled back by an earlier rollback
 */
public record RollbackPreview(ConversionPlan plan, List<PlanStep> steps, int rolledBackAlready, int damagedLines) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RollbackPreview {
        steps = List.copyOf(steps);
    }

    static RollbackPreview of(Path journal) {
        ConversionPlan plan = PlanExecutor.planOf(journal);
        JournalReading reading = Journal.read(journal, JSON);
        Set<String> changed = new LinkedHashSet<>();
        Set<String> rolledBack = new HashSet<>();
        for (JournalEntry e : reading.entries()) {
            if (e.stepId() == null) {
                continue;
            }
            if (e.kind() == JournalEntry.Kind.INTENT) {
                changed.add(e.stepId());
            } else if (e.kind() == JournalEntry.Kind.ROLLED_BACK) {
                rolledBack.add(e.stepId());
            }
        }
        List<PlanStep> steps = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            if (changed.contains(s.id()) && !rolledBack.contains(s.id())) {
                steps.add(s);
            }
        }
        return new RollbackPreview(plan, steps, rolledBack.size(), reading.damage().size());
    }

    /** Nothing is left to undo because an earlier rollback undid it. */
    public boolean alreadyRolledBack() {
        return steps.isEmpty() && rolledBackAlready > 0;
    }

    /** Steps whose undo changes something (the agent add-on is kept: other associations may rely on it). */
    public int undoCount() {
        return (int) steps.stream().filter(s -> s.kind() != StepKind.ENSURE_AGENT_ADDON).count();
    }

    /** One line per kind: "2 trust policies restored", "1 association deleted", ... */
    public List<String> countsPerKind() {
        Map<StepKind, Integer> counts = new EnumMap<>(StepKind.class);
        steps.forEach(s -> counts.merge(s.kind(), 1, Integer::sum));
        List<String> out = new ArrayList<>();
        counts.forEach((kind, n) -> out.add(n + " " + switch (kind) {
            case ENSURE_AGENT_ADDON -> "agent add-on kept (other associations may rely on it)";
            case CREATE_BRIDGE_ROLE -> n == 1 ? "bridge role deleted" : "bridge roles deleted";
            case CREATE_ROLE -> n == 1 ? "created role deleted (policies detached)" : "created roles deleted "
                    + "(policies detached)";
            case UPDATE_ROLE_TRUST, UPDATE_TARGET_ROLE_TRUST, REMOVE_OIDC_TRUST -> n == 1 ? "trust policy restored"
                    : "trust policies restored";
            case CREATE_ASSOCIATION -> n == 1 ? "association deleted" : "associations deleted";
            case UPDATE_ADDON_POD_IDENTITY -> n == 1 ? "add-on's Pod Identity entries restored"
                    : "add-ons' Pod Identity entries restored";
            case RESTART_WORKLOAD -> n == 1 ? "workload restarted again (its pods return to the old credentials)"
                    : "workloads restarted again (their pods return to the old credentials)";
            case REMOVE_IRSA_ANNOTATION -> n == 1 ? "IRSA annotation put back" : "IRSA annotations put back";
            case VERIFY -> n == 1 ? "verification (nothing to undo)" : "verifications (nothing to undo)";
        }));
        return out;
    }
}
