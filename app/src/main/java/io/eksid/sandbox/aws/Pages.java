package io.eksid.sandbox.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Marker/nextToken pagination over a list sorted by a unique key. The token carries the last key
 * returned, so every item is seen exactly once even when items are added or removed between pages.
 */
final class Pages {

    record Page<T>(List<T> items, String nextToken) {
    }

    private Pages() {
    }

    static <T> Page<T> page(List<T> sorted, Function<T, String> key, String token, int max, Supplier<AwsError> badToken) {
        int start = 0;
        if (token != null) {
            String after;
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw badToken.get();
            }
            if (!after.startsWith("k:")) {
                throw badToken.get();
            }
            String last = after.substring(2);
            while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(last) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + max);
        List<T> items = List.copyOf(sorted.subList(start, end));
        String next = end < sorted.size() && !items.isEmpty()
                ? Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("k:" + key.apply(items.get(items.size() - 1))).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(items, next);
    }
}
