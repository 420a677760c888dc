package io.eksid.ui.wizard;

import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.StepEvent;
import io.eksid.model.plan.PlanStep;
import io.eksid.ui.LatestWins;
import io.eksid.ui.TaskRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * An apply's rows, one per plan step, moved by the executor's step events. Events arrive on the executor's
 * threads and reach the UI thread in batches through one {@link LatestWins}: never one update per event, none lost.
 */
final class StepRows {

    private final ObservableList<StepRow> rows = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[] {r.stateProperty(), r.detailProperty()});
    private final Map<String, StepRow> byId = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<StepEvent> pending = new ConcurrentLinkedQueue<>();
    private final LatestWins<List<StepEvent>> delivery;

    StepRows(TaskRunner tasks, Clock clock) {
        delivery = LatestWins.Factory.on(tasks, clock).create(events -> events.forEach(this::apply), e -> { });
    }

    /** One pending row per step of the plan about to run (UI thread). */
    void reset(List<PlanStep> steps) {
        rows.clear();
        byId.clear();
        pending.clear();
        for (PlanStep s : steps) {
            StepRow row = new StepRow(s.id(), s.kind(), s.title());
            byId.put(s.id(), row);
            rows.add(row);
        }
    }

    /** A step event, from any thread. */
    void offer(StepEvent e) {
        pending.add(e);
        delivery.submit(this::drain);
    }

    /** Sets a row from the run's result, which is authoritative (UI thread). */
    void mark(ApplyResult.StepOutcome o, StepRow.State state) {
        StepRow row = byId.get(o.stepId());
        if (row != null) {
            row.update(state, state == StepRow.State.NOT_RUN && o.detail().isEmpty()
                    ? "not started: the run was cancelled" : o.detail());
        }
    }

    ObservableList<StepRow> rows() {
        return rows;
    }

    /** Every event not yet shown, oldest first; null when there is none (nothing to deliver). */
    private List<StepEvent> drain() {
        List<StepEvent> events = new ArrayList<>();
        for (StepEvent e = pending.poll(); e != null; e = pending.poll()) {
            events.add(e);
        }
        return events.isEmpty() ? null : events;
    }

    private void apply(StepEvent e) {
        StepRow row = byId.get(e.stepId());
        if (row == null) {
            return;
        }
        row.update(switch (e.type()) {
            case STARTED -> StepRow.State.RUNNING;
            case DONE -> StepRow.State.DONE;
            case FAILED -> StepRow.State.FAILED;
            case SKIPPED -> StepRow.State.SKIPPED;
        }, e.detail());
    }
}
