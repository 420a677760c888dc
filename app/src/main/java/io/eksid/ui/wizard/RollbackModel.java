package io.eksid.ui.wizard;

import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.engine.convert.RollbackResult;
import io.eksid.engine.convert.StepEvent;
import io.eksid.engine.failure.UserFacingErrors;
import io.eksid.model.plan.PlanStep;
import io.eksid.ui.ActivityEntry;
import io.eksid.ui.TaskRunner;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Rolling back one journaled run: the journal read first, a confirmation that says what will be undone (counts per
 * kind), then progress per step while the engine's rollback runs, then its result. The engine's events arrive on
 * its threads; they are queued and delivered to the UI in batches (one pending UI update at a time).
 */
public final class RollbackModel {

    /** Where the rollback is. */
    public enum Phase { LOADING, CONFIRM, NOTHING_TO_DO, RUNNING, FINISHED }

    private final String journalId;
    private final JournalFiles journals;
    private final TaskRunner tasks;
    private final PlanRunner runner;
    private final BooleanProperty readOnly;
    private final BooleanProperty applyRunning;
    private final Consumer<ActivityEntry> activity;
    private final Runnable afterRollback;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.LOADING);
    private final ReadOnlyObjectWrapper<RollbackPreview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Reading journal " + "\u2026");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ObservableList<StepRow> rows = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[] {r.stateProperty(), r.detailProperty()});
    private final Map<String, StepRow> rowsById = new LinkedHashMap<>();
    private final Queue<StepEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    public RollbackModel(String journalId, JournalFiles journals, TaskRunner tasks, PlanRunner runner,
                         BooleanProperty readOnly, BooleanProperty applyRunning, Consumer<ActivityEntry> activity,
                         Runnable afterRollback, Clock clock) {
        this.journalId = journalId;
        this.journals = journals;
        this.tasks = tasks;
        this.runner = runner;
        this.readOnly = readOnly;
        this.applyRunning = applyRunning;
        this.activity = activity;
        this.afterRollback = afterRollback;
        this.clock = clock;
    }

    /** Reads the journal in the background; then the confirmation, or why there is nothing to roll back. */
    public void load() {
        tasks.run(() -> RollbackPreview.of(journals.find(journalId)), p -> {
            preview.set(p);
            if (p.alreadyRolledBack()) {
                message.set("Already rolled back: the journal records " + p.rolledBackAlready() + " changes undone; "
                        + "nothing is left to roll back.");
                phase.set(Phase.NOTHING_TO_DO);
            } else if (p.steps().isEmpty()) {
                message.set("Nothing to roll back: the journal records no change.");
                phase.set(Phase.NOTHING_TO_DO);
            } else {
                message.set("Roll back " + journalId + " on cluster " + p.plan().cluster().name() + " (account "
                        + p.plan().cluster().account() + "): " + p.undoCount() + " changes undone, newest first. "
                        + "Resources changed since by someone else are not overwritten; they are reported as "
                        + "conflicts." + (p.damagedLines() > 0 ? " The journal has " + p.damagedLines()
                        + " damaged lines: steps they may hold are left as they are." : ""));
                phase.set(Phase.CONFIRM);
            }
        }, e -> {
            message.set("Cannot read journal " + journalId + ": " + UserFacingErrors.of("", null, e).cause());
            phase.set(Phase.NOTHING_TO_DO);
        });
    }

    /** Why the confirmed rollback cannot start, or null. */
    public String blockedReason() {
        if (readOnly.get()) {
            return "Read-only mode is on (Preferences): the console writes nothing.";
        }
        return applyRunning.get() ? "Another apply or rollback is running; roll back when it ends." : null;
    }

    /** The user confirmed the counted undo: run the engine's rollback. */
    public void confirm() {
        if (phase.get() != Phase.CONFIRM) {
            return;
        }
        String blocked = blockedReason();
        if (blocked != null) {
            result.set(blocked);
            return;
        }
        rows.clear();
        rowsById.clear();
        for (PlanStep s : preview.get().steps()) {
            StepRow row = new StepRow(s.id(), s.kind(), "Undo: " + s.title());
            rowsById.put(s.id(), row);
            rows.add(row);
        }
        updateProgress();
        applyRunning.set(true);
        phase.set(Phase.RUNNING);
        result.set("Rolling back " + journalId + "\u2026");
        tasks.run(() -> runner.rollback(journalId, this::offer, null), this::finished, this::failed);
    }

    /** Engine thread: queue the event; at most one UI update is pending, and it takes every queued event. */
    private void offer(StepEvent e) {
        pending.add(e);
        if (drainScheduled.compareAndSet(false, true)) {
            tasks.onUiThread(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        for (StepEvent e; (e = pending.poll()) != null; ) {
            StepRow row = rowsById.get(e.stepId());
            if (row != null) {
                row.update(switch (e.type()) {
                    case STARTED -> StepRow.State.RUNNING;
                    case DONE -> StepRow.State.DONE;
                    case FAILED -> StepRow.State.FAILED;
                    case SKIPPED -> StepRow.State.SKIPPED;
                }, e.detail());
            }
        }
        updateProgress();
    }

    private void updateProgress() {
        long finished = rows.stream().filter(r -> r.state() != StepRow.State.PENDING
                && r.state() != StepRow.State.RUNNING).count();
        progress.set(rows.isEmpty() ? 0 : (double) finished / rows.size());
        progressText.set(finished + " of " + rows.size() + " steps rolled back");
    }

    private void finished(RollbackResult r) {
        drain();
        // the result is authoritative: a step's last event may still be queued
        mark(r.rolledBack(), StepRow.State.DONE);
        mark(r.kept(), StepRow.State.SKIPPED);
        mark(r.conflicts(), StepRow.State.FAILED);
        mark(r.failed(), StepRow.State.FAILED);
        updateProgress();
        applyRunning.set(false);
        String text = r.rolledBack().size() + " changes undone, " + r.conflicts().size() + " conflicts, "
                + r.failed().size() + " failed, " + r.kept().size() + " kept";
        result.set("Rolled back " + journalId + ": " + text);
        phase.set(Phase.FINISHED);
        activity.accept(new ActivityEntry(clock.instant(), r.conflicts().isEmpty() && r.failed().isEmpty()
                ? ActivityEntry.Kind.ROLLBACK : ActivityEntry.Kind.WARNING, "Rollback of " + journalId + ": "
                + text, text, journalId));
        afterRollback.run();
    }

    private void mark(List<ApplyResult.StepOutcome> outcomes, StepRow.State state) {
        for (ApplyResult.StepOutcome o : outcomes) {
            StepRow row = rowsById.get(o.stepId());
            if (row != null) {
                row.update(state, o.detail());
            }
        }
    }

    private void failed(Throwable e) {
        drain();
        applyRunning.set(false);
        String why = UserFacingErrors.of("", null, e).cause();
        result.set("The rollback stopped: " + why + ". What was undone is in the journal; run it again once the "
                + "cause is fixed.");
        phase.set(Phase.FINISHED);
        activity.accept(new ActivityEntry(clock.instant(), ActivityEntry.Kind.ERROR, "Rollback of " + journalId
                + " stopped: " + why, why, journalId));
    }

    public String journalId() { return journalId; }
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RollbackPreview> previewProperty() { return preview.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ObservableList<StepRow> rows() { return rows; }
}
