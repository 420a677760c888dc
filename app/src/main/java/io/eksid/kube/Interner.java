package io.eksid.kube;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares one instance of each repeated value (namespace, service account, node name, phase, owner, credentials)
 * across tens of thousands of trimmed pods. Bounded: past {@code maxSize} distinct values it starts over, which
 * only costs sharing, never correctness.
 */
final class Interner<T> {

    private final Map<T, T> values = new ConcurrentHashMap<>();
    private final int maxSize;

    Interner(int maxSize) {
        this.maxSize = maxSize;
    }

    T intern(T value) {
        if (value == null) {
            return null;
        }
        T existing = values.get(value);
        if (existing != null) {
            return existing;
        }
        if (values.size() >= maxSize) {
            values.clear();
        }
        existing = values.putIfAbsent(value, value);
        return existing == null ? value : existing;
    }

    int size() {
        return values.size();
    }
}
