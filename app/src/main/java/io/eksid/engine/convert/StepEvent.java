package io.eksid.engine.convert;

import io.eksid.model.plan.StepKind;
import java.util.Objects;

/**
 * Progress of one plan step, for the console and the CLI.
 *
 * @param detail for DONE what was found or changed, for FAILED and SKIPPED the reason; empty for STARTED
 */
public record StepEvent(Type type, String stepId, StepKind kind, String title, String detail) {

    /** What happened to the step. */
    public enum Type { STARTED, DONE, FAILED, SKIPPED }

    public StepEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stepId, "stepId");
        detail = detail == null ? "" : detail;
    }
}
