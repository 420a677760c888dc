package io.eksid.model.trust;

import java.util.List;
import java.util.Objects;

/**
 * One or more strings as a policy element holds them (Action, a principal type's values). {@code listForm}
 * remembers whether the document wrote a JSON array or a single string, so printing keeps the author's form.
 */
public record StringValues(List<String> values, boolean listForm) {

    public StringValues {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a policy element needs at least one value");
        }
        if (!listForm && values.size() != 1) {
            throw new IllegalArgumentException("a single-string element holds exactly one value");
        }
    }

    public static StringValues of(String single) {
        return new StringValues(List.of(single), false);
    }

    public static StringValues list(List<String> values) {
        return new StringValues(values, true);
    }
}
