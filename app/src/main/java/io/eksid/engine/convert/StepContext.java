package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.engine.journal.JournalEntry;
import io.eksid.engine.journal.StepProgress;
import io.eksid.model.time.Sleeper;
import io.eksid.model.ClusterInfo;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * What one step sees while it runs: the plan, the gateways behind the call budget, and the journal protocol. A step
 * reads the live state first; only when it must change something does it call {@link #intent} (the original state,
 * forced to disk), then make the change, then {@link #changed()}.
 */
final class StepContext {

    final ConversionPlan plan;
    final PlanStep step;
    final ConversionGateways gateways;
    final CallBudget calls;
    final ExecutorSettings settings;
    final Shared shared;
    private final RunJournal journal;
    private final StepProgress.Step prior;

    /** Services shared by all steps of a run. */
    record Shared(ExecutionHook hook, RoleLocks locks, Sleeper sleeper, Clock clock, String runId, RunFacts facts) {
    }

    StepContext(ConversionPlan plan, PlanStep step, ConversionGateways gateways, CallBudget calls,
                ExecutorSettings settings, Shared shared, RunJournal journal, StepProgress.Step prior) {
        this.plan = plan;
        this.step = step;
        this.gateways = gateways;
        this.calls = calls;
        this.settings = settings;
        this.shared = shared;
        this.journal = journal;
        this.prior = prior;
    }

    ClusterInfo cluster() {
        return plan.cluster();
    }

    /** The original state an earlier run journaled for this step before it was interrupted, or null. */
    JsonNode earlierOriginal() {
        return prior == null ? null : prior.original();
    }

    /**
     * Whether an earlier, interrupted run journaled an INTENT for this step: its change may have landed before the
     * stop, and a step that finds its work done says so ({@code changed:true}) when the effect is provably that one.
     */
    boolean interruptedEarlier() {
        return prior != null && prior.original() != null;
    }

    /**
     * Journals the original state, forced to disk, before the change it permits. {@code firstIntent} tells a
     * rollback whether an earlier INTENT (the true original) must exist in the journal.
     */
    void intent(ObjectNode original) {
        original.put("firstIntent", earlierOriginal() == null);
        journal.append(JournalEntry.Kind.INTENT, step.id(), original);
        shared.hook().reached(step.id(), ExecutionHook.Boundary.AFTER_INTENT);
    }

    /** The change was made; the server's answer goes into the DONE entry. */
    void changed() {
        shared.hook().reached(step.id(), ExecutionHook.Boundary.AFTER_CHANGE);
    }

    void verified(ObjectNode checks) {
        journal.append(JournalEntry.Kind.VERIFIED, step.id(), checks);
    }

    /** Polls until {@code condition} holds or the settle timeout passes; returns whether it held. */
    boolean await(BooleanSupplier condition) {
        Instant deadline = shared.clock().instant().plus(settings.settleTimeout());
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!shared.clock().instant().isBefore(deadline)) {
                return false;
            }
            sleep(settings.pollInterval());
        }
    }

    void sleep(Duration d) {
        try {
            shared.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("interrupted while waiting");
        }
    }

    static ObjectNode object() {
        return RunJournal.object();
    }
}
