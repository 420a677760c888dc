package io.eksid.model.trust;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request context of one AssumeRole* call, as far as the question asked knows it. Keys are case-insensitive
 * (IAM condition keys are). A key is either present with values, known to be absent, or possibly present with a
 * value the question cannot know (a session name, a source IP, a session tag): conditions on those keys cannot be
 * decided, and the evaluator says so instead of guessing.
 */
final class RequestContext {

    enum State { PRESENT, ABSENT, UNKNOWN }

    record Lookup(State state, List<String> values) {
    }

    private final String action;
    private final RequestPrincipal principal;
    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> unknownKeys;

    /**
     * @param unknownKeys lower-case keys whose value is unknown; an entry ending in {@code /} covers every key
     *                    under that prefix (e.g. {@code aws:requesttag/})
     */
    RequestContext(String action, RequestPrincipal principal, Map<String, String> known, List<String> unknownKeys) {
        this.action = action;
        this.principal = principal;
        known.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), List.of(v)));
        this.unknownKeys = List.copyOf(unknownKeys);
    }

    String action() {
        return action;
    }

    RequestPrincipal principal() {
        return principal;
    }

    /** The same request for another action (Pod Identity needs two). */
    RequestContext forAction(String otherAction) {
        Map<String, String> known = new HashMap<>();
        values.forEach((k, v) -> known.put(k, v.get(0)));
        return new RequestContext(otherAction, principal, known, unknownKeys);
    }

    Lookup lookup(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        List<String> v = values.get(k);
        if (v != null) {
            return new Lookup(State.PRESENT, v);
        }
        for (String u : unknownKeys) {
            if (u.endsWith("/") ? k.startsWith(u) : k.equals(u)) {
                return new Lookup(State.UNKNOWN, List.of());
            }
        }
        return new Lookup(State.ABSENT, List.of());
    }
}
