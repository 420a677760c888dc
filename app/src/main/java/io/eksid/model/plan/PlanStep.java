package io.eksid.model.plan;

import java.util.List;
import java.util.Objects;

/**
 * One idempotent step of a conversion plan.
 *
 * @param id              stable and unique within the plan, derived from what the step touches
 *                        ({@code trust:arn:aws:iam::111122223333:role/app})
 * @param dependsOn       ids of steps that must have succeeded first
 * @param preconditions   what must still hold when the step runs (otherwise re-plan)
 * @param expectedResults what is true once the step succeeded; verification checks these
 * @param action          the kind-specific details; {@code action.kind() == kind}
 */
public record PlanStep(String id, StepKind kind, String title, List<String> dependsOn, List<String> preconditions,
                       List<String> expectedResults, StepAction action) {

    public PlanStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(action, "action");
        if (action.kind() != kind) {
            throw new IllegalArgumentException("step " + id + " is " + kind + " but its action is " + action.kind());
        }
        dependsOn = List.copyOf(dependsOn);
        preconditions = List.copyOf(preconditions);
        expectedResults = List.copyOf(expectedResults);
    }

    public static PlanStep of(String id, String title, List<String> dependsOn, List<String> preconditions,
                              List<String> expectedResults, StepAction action) {
        return new PlanStep(id, action.kind(), title, dependsOn, preconditions, expectedResults, action);
    }
}
