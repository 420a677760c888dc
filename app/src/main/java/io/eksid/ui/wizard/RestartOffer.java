package io.eksid.ui.wizard;

import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.CancellationToken;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.PlannedServiceAccount;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.StepAction;
import io.eksid.ui.ActivityEntry;
import io.eksid.ui.TaskRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * After an association is created: the workloads whose running pods still have their old credentials (Pod
 * Identity credentials are injected when a pod is created, running pods are not changed; FACTS.md), offered for a
 * restart. The restart runs only after its own explicit confirmation, as a plan through the engine's journaled
 * executor, so it is locked, journaled and can be rolled back like any other change.
 */
public final class RestartOffer {

    /** Where the offer is. */
    public enum State { NONE, OFFERED, CONFIRMING, RESTARTING, DONE }

    private final ClusterSnapshot snapshot;
    private final TaskRunner tasks;
    private final PlanRunner runner;
    private final BooleanProperty readOnly;
    private final BooleanProperty applyRunning;
    private final Consumer<ActivityEntry> activity;
    private final Runnable afterApply;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NONE);
    private final ReadOnlyStringWrapper offer = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper confirmation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private ServiceAccountRef ref;
    private String roleArn;
    private Map<WorkloadRef, Integer> stale = Map.of();

    RestartOffer(ClusterSnapshot snapshot, TaskRunner tasks, PlanRunner runner, BooleanProperty readOnly,
                 BooleanProperty applyRunning, Consumer<ActivityEntry> activity, Runnable afterApply, Clock clock) {
        this.snapshot = snapshot;
        this.tasks = tasks;
        this.runner = runner;
        this.readOnly = readOnly;
        this.applyRunning = applyRunning;
        this.activity = activity;
        this.afterApply = afterApply;
        this.clock = clock;
    }

    /** Offers a restart of the workloads of {@code sa} whose running pods predate its new association. */
    void offerFor(ServiceAccountRef sa, String associationRoleArn) {
        ref = sa;
        roleArn = associationRoleArn;
        Map<WorkloadRef, Integer> byOwner = new TreeMap<>(java.util.Comparator.comparing(WorkloadRef::toString));
        for (PodInfo p : snapshot.pods()) {
            if (p.serviceAccountRef().equals(sa) && !p.credentials().podIdentity() && p.owner() != null
                    && p.owner().restartable() && !"Succeeded".equals(p.phase()) && !"Failed".equals(p.phase())) {
                byOwner.merge(p.owner(), 1, Integer::sum);
            }
        }
        stale = byOwner;
        if (byOwner.isEmpty()) {
            state.set(State.NONE);
            return;
        }
        int pods = byOwner.values().stream().mapToInt(Integer::intValue).sum();
        offer.set(pods + (pods == 1 ? " running pod of " : " running pods of ") + workloads() + " still "
                + (pods == 1 ? "has" : "have") + " the old credentials: Pod Identity credentials are given to a pod "
                + "only when it is created. Restart to replace them.");
        confirmation.set("Restart " + workloads() + " in " + sa.namespace() + " now? Its " + pods
                + (pods == 1 ? " pod is" : " pods are") + " replaced by a rollout restart; the restart is "
                + "journaled, and a rollback restarts it again.");
        state.set(State.OFFERED);
    }

    private String workloads() {
        return String.join(", ", stale.keySet().stream().map(WorkloadRef::toString).toList());
    }

    /** Asks for the explicit confirmation; nothing is restarted yet. */
    public void request() {
        if (state.get() == State.OFFERED) {
            state.set(State.CONFIRMING);
        }
    }

    /** Not now: back to the offer, nothing restarted. */
    public void decline() {
        if (state.get() == State.CONFIRMING) {
            state.set(State.OFFERED);
        }
    }

    /** Why the confirmed restart cannot start, or null. */
    public String blockedReason() {
        if (readOnly.get()) {
            return "Read-only mode is on (Preferences): the console writes nothing.";
        }
        return applyRunning.get() ? "Another apply is running; wait for it to finish." : null;
    }

    /** The user confirmed: restart through the engine's journal. */
    public void confirm() {
        if (state.get() != State.CONFIRMING) {
            return;
        }
        String blocked = blockedReason();
        if (blocked != null) {
            result.set(blocked);
            return;
        }
        ConversionPlan plan = plan();
        state.set(State.RESTARTING);
        applyRunning.set(true);
        result.set("Restarting " + workloads() + "\u2026");
        tasks.run(() -> runner.apply(plan, e -> { }, new CancellationToken()), r -> {
            applyRunning.set(false);
            String id = JournalFiles.runId(r.journal());
            boolean ok = r.outcome() == ApplyResult.Outcome.COMPLETED;
            String text = (ok ? "Restarted " + workloads() : "Restart not finished: " + r.failed().stream()
                    .map(f -> f.title() + ": " + f.detail()).reduce((a, b) -> a + "; " + b)
                    .orElse(r.outcome().name())) + " \u00b7 journal " + id;
            result.set(text);
            state.set(State.DONE);
            activity.accept(new ActivityEntry(clock.instant(), ok ? ActivityEntry.Kind.CONVERSION
                    : ActivityEntry.Kind.ERROR, "Restart of " + workloads() + " for " + ref, text, id));
            afterApply.run();
        }, e -> {
            applyRunning.set(false);
            result.set("Not restarted: " + e.getMessage());
            state.set(State.OFFERED);
            activity.accept(new ActivityEntry(clock.instant(), ActivityEntry.Kind.ERROR,
                    "Restart for " + ref + " failed: " + e.getMessage(), String.valueOf(e), null));
        });
    }

    ConversionPlan plan() {
        List<PlanStep> steps = new ArrayList<>();
        for (WorkloadRef w : stale.keySet()) {
            steps.add(PlanStep.of("restart:" + ref.namespace() + "/" + w.kind() + "/" + w.name(), "Restart " + w
                            + " in " + ref.namespace(), List.of(), List.of(w + " exists in " + ref.namespace()
                            + " and still runs as " + ref), List.of("the rollout of " + w + " completes"),
                    new StepAction.RestartWorkload(ref.namespace(), w.kind(), w.name(), ref)));
        }
        String planId = ("restart-" + ref.namespace() + "-" + ref.name()).replaceAll("[^a-zA-Z0-9-]", "-");
        return new ConversionPlan(planId, snapshot.cluster(), Selection.of(ref), ConversionOptions.defaults(), steps,
                List.of(new PlannedServiceAccount(ref, roleArn, roleArn, null, null,
                        steps.stream().map(PlanStep::id).toList())), List.of(), List.of(), List.of(),
                List.of("restart offered by the new-association wizard"));
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty offerProperty() {
        return offer.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty confirmationProperty() {
        return confirmation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }
}
