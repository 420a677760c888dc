package io.eksid.ui.wizard;

import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.CancellationToken;
import io.eksid.engine.convert.RollbackResult;
import io.eksid.engine.convert.StepEvent;
import io.eksid.model.plan.ConversionPlan;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes plans to the cluster the console shows, always through the engine's journaled executor. Every method
 * blocks and runs on a background thread; events arrive on the executor's threads.
 */
public interface PlanRunner extends AutoCloseable {

    /** Accounts other than the cluster's that an AWS profile can write (cross-account target roles). */
    Set<String> writableAccounts();

    /** Applies {@code plan} in a new journal. */
    ApplyResult apply(ConversionPlan plan, Consumer<StepEvent> events, CancellationToken cancel);

    /** Rolls back the run journaled as {@code journalId}. */
    RollbackResult rollback(String journalId, Consumer<StepEvent> events, CancellationToken cancel);

    @Override
    void close();
}
