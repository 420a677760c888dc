package io.eksid.model.trust;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Principal (or NotPrincipal) element: either the bare {@code "*"}, or a map from principal type
 * ({@code AWS}, {@code Federated}, {@code Service}, {@code CanonicalUser}) to one or more values, in document order.
 */
public record Principal(boolean wildcard, Map<String, StringValues> byType) {

    public static final Set<String> TYPES = Set.of("AWS", "Federated", "Service", "CanonicalUser");

    public Principal {
        byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType == null ? Map.of() : byType));
        if (wildcard && !byType.isEmpty()) {
            throw new IllegalArgumentException("the wildcard principal has no typed values");
        }
        if (!wildcard && byType.isEmpty()) {
            throw new IllegalArgumentException("a principal names at least one type");
        }
    }

    public static Principal any() {
        return new Principal(true, Map.of());
    }

    public static Principal of(String type, String value) {
        return new Principal(false, Map.of(type, StringValues.of(value)));
    }

    /** The values of one type ({@code "Federated"} ...), empty when the type is absent. */
    public List<String> values(String type) {
        StringValues v = byType.get(type);
        return v == null ? List.of() : v.values();
    }
}
