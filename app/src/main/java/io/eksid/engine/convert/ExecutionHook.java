package io.eksid.engine.convert;

/**
 * Called at the two points where a crash leaves a step in doubt: after its INTENT is on disk but before the change,
 * and after the change but before its DONE. Tests throw an {@link Error} here to stop the executor abruptly, the way
 * a killed process would; the executor then writes nothing more.
 */
@FunctionalInterface
public interface ExecutionHook {

    /** Where in a step the executor is. */
    enum Boundary { AFTER_INTENT, AFTER_CHANGE }

    ExecutionHook NONE = (stepId, boundary) -> { };

    void reached(String stepId, Boundary boundary);
}
