package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A step's successful outcome.
 *
 * @param data    the server's answer, journaled in DONE (rollback compares against it)
 * @param changed whether this run changed anything (false: the live state already was as planned)
 * @param summary one line for progress output
 */
record StepResult(ObjectNode data, boolean changed, String summary) {

    static StepResult unchanged(ObjectNode data, String summary) {
        data.put("changed", false);
        return new StepResult(data, false, summary);
    }

    static StepResult changed(ObjectNode data, String summary) {
        data.put("changed", true);
        return new StepResult(data, true, summary);
    }
}
