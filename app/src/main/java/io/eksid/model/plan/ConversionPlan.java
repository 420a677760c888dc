package io.eksid.model.plan;

import io.eksid.model.ClusterInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable IRSA to Pod Identity conversion plan for one cluster: ordered idempotent steps, plus what was
 * skipped (with reasons), what is already done, and what must be asked of other accounts' owners.
 *
 * @param id      a content hash: the same snapshot, selection and options always give the same id, and any
 *                change to what the plan would do gives another
 * @param steps   in execution order; every step's dependencies come before it
 * @param notes   plan-wide remarks (bare pods that pick up Pod Identity only when recreated, ...)
 */
public record ConversionPlan(String id, ClusterInfo cluster, Selection selection, ConversionOptions options,
                             List<PlanStep> steps, List<PlannedServiceAccount> planned, List<SkippedItem> skipped,
                             List<AlreadyDone> alreadyDone, List<ExternalRequest> externalRequests,
                             List<String> notes) {

    public ConversionPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(options, "options");
        steps = List.copyOf(steps);
        planned = List.copyOf(planned);
        skipped = List.copyOf(skipped);
        alreadyDone = List.copyOf(alreadyDone);
        externalRequests = List.copyOf(externalRequests);
        notes = List.copyOf(notes);
    }

    public Optional<PlanStep> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    public List<PlanStep> steps(StepKind kind) {
        return steps.stream().filter(s -> s.kind() == kind).toList();
    }

    /** The actions of one kind, typed: {@code plan.actions(StepAction.CreateAssociation.class)}. */
    public <A extends StepAction> List<A> actions(Class<A> type) {
        return steps.stream().map(PlanStep::action).filter(type::isInstance).map(type::cast).toList();
    }

    public PlanSummary summary() {
        int selected = planned.size() + alreadyDone.size() + skipped.size();
        return new PlanSummary(selected, planned.size(), alreadyDone.size(), skipped.size(), steps.size(),
                steps(StepKind.UPDATE_ROLE_TRUST).size() + steps(StepKind.UPDATE_TARGET_ROLE_TRUST).size(),
                steps(StepKind.CREATE_ASSOCIATION).size() + steps(StepKind.UPDATE_ADDON_POD_IDENTITY).size(),
                steps(StepKind.RESTART_WORKLOAD).size(),
                (int) steps.stream().filter(s -> s.kind().cleanUp()).count(), externalRequests.size());
    }
}
