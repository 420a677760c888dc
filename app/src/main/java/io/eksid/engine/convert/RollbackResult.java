package io.eksid.engine.convert;

import java.nio.file.Path;
import java.util.List;

/**
 * What a rollback did, step by step.
 *
 * @param rolledBack steps whose change was undone (or found already undone)
 * @param conflicts  steps whose resource changed since the run wrote it: not overwritten, both documents in detail
 * @param failed     steps whose undo failed (access denied, ...): rerun rollback after fixing the cause
 * @param kept       changes deliberately kept, with why (the agent add-on other associations rely on)
 * @param journalDamage damaged journal lines, each "line N: what is wrong"; steps they may have held are in
 *                   {@code failed}, left as they are
 */
public record RollbackResult(String planId, Path journal, List<ApplyResult.StepOutcome> rolledBack,
                             List<ApplyResult.StepOutcome> conflicts, List<ApplyResult.StepOutcome> failed,
                             List<ApplyResult.StepOutcome> kept, List<String> journalDamage) {

    public RollbackResult {
        rolledBack = List.copyOf(rolledBack);
        conflicts = List.copyOf(conflicts);
        failed = List.copyOf(failed);
        kept = List.copyOf(kept);
        journalDamage = List.copyOf(journalDamage);
    }
}
