package io.eksid.model.trust;

import java.util.List;

/**
 * A condition entry (or a Resource using a policy variable, with operator {@code "Resource"}) whose outcome the
 * question cannot decide: its operator, key and values, and why.
 */
public record UndecidedCondition(String operator, String key, List<String> values, String explanation) {

    public UndecidedCondition {
        values = List.copyOf(values);
    }
}
