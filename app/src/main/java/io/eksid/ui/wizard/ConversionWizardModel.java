package io.eksid.ui.wizard;

import io.eksid.engine.failure.UserFacingErrors;
import io.eksid.model.UserFacingError;
import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.CancellationToken;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanSummary;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.StepKind;
import io.eksid.ui.ActivityEntry;
import io.eksid.ui.TaskRunner;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * The conversion wizard's state: a plan computed from the live snapshot and re-planned whenever an option changes,
 * the reason Apply is disabled (or null), and, once the admin confirmed, the per-step progress of the engine's
 * journaled apply. Nothing is written before {@link #confirmApply()}.
 */
public final class ConversionWizardModel {

    /** Where the wizard is. */
    public enum Phase { PREVIEW, CONFIRMING, APPLYING, FINISHED }

    private final ClusterSnapshot snapshot;
    private final Selection selection;
    private final TaskRunner tasks;
    private final PlanRunner runner;
    private final BooleanProperty readOnly;
    private final BooleanProperty applyRunning;
    private final Consumer<ActivityEntry> activity;
    private final Runnable afterApply;
    private final Clock clock;
    private final WizardPlanning planning;

    private final BooleanProperty restartWorkloads = new SimpleBooleanProperty(true);
    private final BooleanProperty removeAnnotation = new SimpleBooleanProperty(false);
    private final BooleanProperty removeOidcTrust = new SimpleBooleanProperty(false);
    private final BooleanProperty chainCrossAccount = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<ConversionPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper planError = new ReadOnlyStringWrapper();
    private final SimpleBooleanProperty planningNow = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<PreviewFlags> flags = new ReadOnlyObjectWrapper<>(PreviewFlags.NONE);
    /** Broken IRSA mappings opted in: each grants credentials its pods do not have today. */
    private final ObservableSet<ServiceAccountRef> optedInBroken = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<ApplySummary> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.PREVIEW);
    private final ReadOnlyStringWrapper applyDisabledReason = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper journalId = new ReadOnlyStringWrapper();
    private final StepRows steps;
    private final ObservableList<String> verification = FXCollections.observableArrayList();
    /** Plans in the background, latest wins: options superseded before their plan starts are never planned. */
    private final io.eksid.ui.LatestWins<PlanOutcome> plans;
    private CancellationToken cancel;
    private boolean cancelRequested;

    /**
     * @param readOnly     the preferences' read-only switch (on: Apply stays disabled)
     * @param applyRunning shared by every wizard of the window: one apply at a time
     * @param afterApply   asks the live session to read AWS again once an apply ends
     */
    public ConversionWizardModel(ClusterSnapshot snapshot, Selection selection, TaskRunner tasks, PlanRunner runner,
                                 BooleanProperty readOnly, BooleanProperty applyRunning,
                                 Consumer<ActivityEntry> activity, Runnable afterApply, Clock clock) {
        this.snapshot = snapshot;
        this.selection = selection;
        this.tasks = tasks;
        this.runner = runner;
        this.readOnly = readOnly;
        this.applyRunning = applyRunning;
        this.activity = activity;
        this.afterApply = afterApply;
        this.clock = clock;
        this.planning = new WizardPlanning(snapshot);
        this.steps = new StepRows(tasks, clock);
        this.plans = io.eksid.ui.LatestWins.Factory.on(tasks, clock).create(this::planned, e -> { });
        optedInBroken.addListener((SetChangeListener<ServiceAccountRef>) c -> replan());
        for (BooleanProperty option : List.of(restartWorkloads, removeAnnotation, removeOidcTrust, chainCrossAccount)) {
            option.addListener((o, a, b) -> replan());
        }
        readOnly.addListener((o, a, b) -> updateApplyState());
        applyRunning.addListener((o, a, b) -> updateApplyState());
        plan.addListener((o, a, b) -> updateApplyState());
        planError.addListener((o, a, b) -> updateApplyState());
        planningNow.addListener((o, a, b) -> updateApplyState());
        phase.addListener((o, a, b) -> updateApplyState());
        updateApplyState();
    }

    /** Computes the plan again from the snapshot with the current options, in the background. */
    public void replan() {
        if (phase.get() == Phase.APPLYING || phase.get() == Phase.FINISHED) {
            return;
        }
        phase.set(Phase.PREVIEW);
        ConversionOptions options = options();
        Set<ServiceAccountRef> optedIn = Set.copyOf(optedInBroken);
        planningNow.set(true);
        plans.submit(() -> {
            try {
                return new PlanOutcome(options, optedIn, planning.plan(selection,
                        options.withWritableAccounts(planning.writableAccounts(runner)), optedIn), null);
            } catch (Exception e) {
                return new PlanOutcome(options, optedIn, null, e);
            }
        });
    }

    /** A plan, or why there is none, for the options it was computed with. */
    private record PlanOutcome(ConversionOptions options, Set<ServiceAccountRef> optedIn,
                               WizardPlanning.Result result, Exception error) {
    }

    private void planned(PlanOutcome o) {
        if (!o.options().equals(options()) || !o.optedIn().equals(optedInBroken)) {
            return; // the options changed while it was computed: their own plan follows
        }
        if (o.error() == null) {
            planError.set(null);
            flags.set(o.result().flags());
            plan.set(o.result().plan());
        } else {
            UserFacingError error = UserFacingErrors.of("", null, o.error());
            planError.set(error.cause() + (error.fix().isEmpty() ? "" : " Fix: " + error.fix()));
            plan.set(null);
        }
        planningNow.set(false);
    }

    /** A note about the planning inputs (an unreachable profile), or null. */
    public String accountsNote() {
        return planning.accountsNote();
    }

    public ConversionOptions options() {
        return ConversionOptions.defaults().withRestartWorkloads(restartWorkloads.get())
                .withRemoveAnnotationAfterVerify(removeAnnotation.get())
                .withRemoveOidcTrustAfterVerify(removeOidcTrust.get())
                .withCrossAccount(chainCrossAccount.get() ? ConversionOptions.CrossAccountMode.CHAIN_TARGET_ROLE
                        : ConversionOptions.CrossAccountMode.SKIP);
    }

    private void updateApplyState() {
        applyDisabledReason.set(disabledReason());
    }

    private String disabledReason() {
        ConversionPlan p = plan.get();
        if (readOnly.get()) {
            return "Read-only mode is on (Preferences): the console writes nothing.";
        }
        if (phase.get() == Phase.APPLYING) {
            return "Applying\u2026";
        }
        if (phase.get() == Phase.FINISHED) {
            return "This plan was applied; open the wizard again for a new preview.";
        }
        if (applyRunning.get()) {
            return "Another apply is running; wait for it to finish.";
        }
        if (planError.get() != null) {
            return "The plan could not be computed: " + planError.get();
        }
        if (planningNow.get() || p == null) {
            return "Computing the plan\u2026";
        }
        if (flags.get().allExcluded()) {
            return flags.get().nothingIncluded();
        }
        if (p.steps().isEmpty()) {
            PlanSummary s = p.summary();
            return "Nothing to do: " + s.serviceAccountsAlreadyDone() + " already converted, "
                    + s.serviceAccountsSkipped() + " skipped (see the reasons).";
        }
        return null;
    }

    /** Asks for the explicit confirmation; nothing is written yet. */
    public void requestApply() {
        if (applyDisabledReason.get() == null) {
            phase.set(Phase.CONFIRMING);
        }
    }

    /** Back from the confirmation to the preview. */
    public void cancelConfirmation() {
        if (phase.get() == Phase.CONFIRMING) {
            phase.set(Phase.PREVIEW);
        }
    }

    /** The confirmation's text: what will be written where. */
    public String confirmationText() {
        ConversionPlan p = plan.get();
        if (p == null) {
            return "";
        }
        PlanSummary s = p.summary();
        return "Apply " + s.steps() + " steps to cluster " + p.cluster().name() + " (account "
                + p.cluster().account() + "): " + s.roleTrustUpdates() + " trust policy updates, "
                + s.associations() + " associations, " + s.workloadRestarts() + " workload restarts"
                + (s.cleanUpSteps() > 0 ? ", " + s.cleanUpSteps() + " clean-up steps after verification" : "")
                + ". Every change is journaled first and can be rolled back.";
    }

    /** The admin confirmed the previewed plan: apply it through the engine's journal. */
    public void confirmApply() {
        if (phase.get() != Phase.CONFIRMING || readOnly.get() || applyRunning.get()) {
            return;
        }
        ConversionPlan p = plan.get();
        steps.reset(p.steps());
        verification.clear();
        cancel = new CancellationToken();
        cancelRequested = false;
        applyRunning.set(true);
        phase.set(Phase.APPLYING);
        result.set("Applying " + p.steps().size() + " steps\u2026");
        // One UI update per batch of step events, never one per event.
        tasks.run(() -> runner.apply(p, steps::offer, cancel), this::finished, this::failed);
    }

    /** Stops between steps: started steps finish, the journal says what was done. */
    public void cancelApply() {
        if (phase.get() == Phase.APPLYING && cancel != null) {
            cancel.cancel();
            cancelRequested = true;
            result.set("Cancelling: the steps already started finish, no new step starts\u2026");
        }
    }

    private void finished(ApplyResult r) {
        // The result is authoritative: events may still be queued behind it on the UI thread.
        r.succeeded().forEach(o -> mark(o, StepRow.State.DONE));
        r.failed().forEach(o -> mark(o, StepRow.State.FAILED));
        r.skipped().forEach(o -> mark(o, StepRow.State.SKIPPED));
        r.notRun().forEach(o -> mark(o, StepRow.State.NOT_RUN));
        for (ApplyResult.StepOutcome o : r.succeeded()) {
            if (o.kind() == StepKind.VERIFY) {
                verification.add("\u2713 " + o.title() + (o.detail().isEmpty() ? "" : ": " + o.detail()));
            }
        }
        for (ApplyResult.StepOutcome o : r.failed()) {
            if (o.kind() == StepKind.VERIFY) {
                verification.add("\u2717 " + o.title() + ": " + o.detail());
            }
        }
        String id = JournalFiles.runId(r.journal());
        journalId.set(id);
        String text = switch (r.outcome()) {
            case COMPLETED -> "Converted: " + r.succeeded().size() + " steps done";
            case COMPLETED_WITH_FAILURES -> "Finished with problems: " + r.succeeded().size() + " done, "
                    + r.failed().size() + " failed, " + r.skipped().size() + " skipped"
                    + (r.hasConflicts() ? " (conflicts need your decision)" : "");
            case CANCELLED -> "Cancelled: " + r.succeeded().size() + " done, " + r.notRun().size()
                    + " not started. Resume with `eksid apply --resume " + id + "` or roll back from the Activity tab";
        } + " \u00b7 " + r.awsWrites() + " AWS and " + r.kubeWrites() + " Kubernetes writes in "
                + Math.max(1, r.elapsed().toSeconds()) + " s \u00b7 journal " + id;
        result.set(text);
        summary.set(ApplySummary.of(r, plan.get(), snapshot));
        phase.set(Phase.FINISHED);
        applyRunning.set(false);
        activity.accept(new ActivityEntry(clock.instant(), ActivityEntry.Kind.CONVERSION,
                "Conversion of " + plan.get().selection().describe() + " on " + plan.get().cluster().name() + ": "
                        + r.outcome().name().toLowerCase().replace('_', ' '), text, id));
        afterApply.run();
    }

    private void mark(ApplyResult.StepOutcome o, StepRow.State state) {
        steps.mark(o, state);
    }

    private void failed(Throwable e) {
        String why = UserFacingErrors.of("", null, e).cause();
        for (StepRow row : steps.rows()) {
            if (row.state() == StepRow.State.PENDING) {
                row.update(StepRow.State.NOT_RUN, "not started");
            }
        }
        result.set("The apply stopped: " + why + ". What was done is in the journal; roll it back or resume "
                + "from the command line.");
        phase.set(Phase.FINISHED);
        applyRunning.set(false);
        activity.accept(new ActivityEntry(clock.instant(), ActivityEntry.Kind.ERROR,
                "Conversion on " + plan.get().cluster().name() + " stopped: " + why, why, null));
        afterApply.run();
    }

    /** The plan in {@code format}. */
    public String export(PlanExport format) {
        ConversionPlan p = plan.get();
        if (p == null) {
            throw new IllegalStateException("no plan to export yet");
        }
        return format.export(p);
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public Selection selection() {
        return selection;
    }

    public BooleanProperty restartWorkloadsProperty() {
        return restartWorkloads;
    }

    public BooleanProperty removeAnnotationProperty() {
        return removeAnnotation;
    }

    public BooleanProperty removeOidcTrustProperty() {
        return removeOidcTrust;
    }

    public BooleanProperty chainCrossAccountProperty() {
        return chainCrossAccount;
    }

    public ReadOnlyObjectProperty<ConversionPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planErrorProperty() {
        return planError.getReadOnlyProperty();
    }

    public SimpleBooleanProperty planningProperty() {
        return planningNow;
    }

    /** The preview's per-service-account flags: host-network pods, broken IRSA mappings, the ones left out. */
    public ReadOnlyObjectProperty<PreviewFlags> flagsProperty() { return flags.getReadOnlyProperty(); }

    /** Broken IRSA mappings opted in to the plan (out by default); a change re-plans. */
    public ObservableSet<ServiceAccountRef> optedInBroken() { return optedInBroken; }

    /** What the finished apply did; null before it ends (or when it stopped without a result). */
    public ReadOnlyObjectProperty<ApplySummary> summaryProperty() { return summary.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** Why Apply is disabled, or null when it is enabled. */
    public ReadOnlyStringProperty applyDisabledReasonProperty() {
        return applyDisabledReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty journalIdProperty() {
        return journalId.getReadOnlyProperty();
    }

    public ObservableList<StepRow> steps() {
        return steps.rows();
    }

    public ObservableList<String> verification() {
        return verification;
    }
}
