package io.eksid.model.trust;

import java.util.List;
import java.util.Objects;

/** The values of one condition key under one operator; {@code listForm} as in {@link StringValues}. */
public record ConditionValues(List<PolicyValue> values, boolean listForm) {

    public ConditionValues {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a condition key needs at least one value");
        }
        if (!listForm && values.size() != 1) {
            throw new IllegalArgumentException("a single-value condition holds exactly one value");
        }
    }

    public static ConditionValues strings(List<String> texts) {
        return new ConditionValues(texts.stream().map(PolicyValue::string).toList(), texts.size() != 1);
    }

    public List<String> texts() {
        return values.stream().map(PolicyValue::text).toList();
    }
}
