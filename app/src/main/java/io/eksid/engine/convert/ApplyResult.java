package io.eksid.engine.convert;

import io.eksid.model.plan.StepKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The summary of an apply (or resume): every step of the plan is in exactly one list.
 *
 * @param succeeded  done now, or found already done (see {@link StepOutcome#changed()}), or DONE in the journal
 * @param failed     failed, with the reason; {@code conflict} ones need a decision, not a retry
 * @param skipped    not run because a step they depend on did not succeed, with that reason
 * @param notRun     not started because the run was cancelled
 * @param awsWrites  mutating AWS requests made by this run (a rerun of a finished plan makes none)
 * @param iamRequests HTTP attempts to IAM as the SDK sent them, retries included
 * @param eksRequests HTTP attempts to EKS, likewise
 * @param retries    SDK attempts beyond the first of each call (throttling, 5xx, dropped connections)
 * @param requestsByOperation SDK attempts by {@code service:Operation}
 */
public record ApplyResult(String planId, Path journal, Outcome outcome, List<StepOutcome> succeeded,
                          List<StepOutcome> failed, List<StepOutcome> skipped, List<StepOutcome> notRun,
                          int awsWrites, int kubeWrites, int iamRequests, int eksRequests, int retries,
                          Duration elapsed, Map<String, Long> requestsByOperation) {

    /** How the run ended. */
    public enum Outcome {
        /** Every step succeeded. */
        COMPLETED,
        /** Some steps failed or were skipped; the others finished. */
        COMPLETED_WITH_FAILURES,
        /** Cancelled between steps; resume or roll back from the journal. */
        CANCELLED
    }

    /** One step's result. */
    public record StepOutcome(String stepId, StepKind kind, String title, String detail, boolean changed,
                              boolean conflict) {
        public StepOutcome {
            Objects.requireNonNull(stepId, "stepId");
            detail = detail == null ? "" : detail;
        }
    }

    public ApplyResult {
        succeeded = List.copyOf(succeeded);
        failed = List.copyOf(failed);
        skipped = List.copyOf(skipped);
        notRun = List.copyOf(notRun);
        requestsByOperation = Map.copyOf(requestsByOperation);
    }

    public boolean hasConflicts() {
        return failed.stream().anyMatch(StepOutcome::conflict);
    }
}
