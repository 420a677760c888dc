package io.eksid.model.trust;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request context of one request (an AssumeRole* call, or a call a role session makes), as far as the
 * question asked knows it. Keys are case-insensitive (IAM condition keys are). A key is either present with
 * values, known to be absent, or possibly present with a value the question cannot know (a session name, a
 * source IP, a pod's name when the question is for a whole service account): conditions on those keys cannot be
 * decided, and the evaluator says so instead of guessing.
 */
final class RequestContext {

    enum State { PRESENT, ABSENT, UNKNOWN }

    record Lookup(State state, List<String> values) {
    }

    private final String action;
    private final RequestPrincipal principal;
    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> absent = new HashSet<>();
    private final List<String> unknownKeys;
    private final boolean othersUnknown;

    /**
     * @param unknownKeys lower-case keys whose value is unknown; an entry ending in {@code /} covers every key
     *                    under that prefix (e.g. {@code aws:requesttag/})
     */
    RequestContext(String action, RequestPrincipal principal, Map<String, String> known, List<String> unknownKeys) {
        this(action, principal, single(known), Set.of(), unknownKeys, false);
    }

    /**
     * @param known         keys with their values (several for a multi-valued key)
     * @param absent        keys known to be absent, even where an unknown prefix would cover them; an entry ending
     *                      in {@code /} covers every key under that prefix not otherwise known
     * @param othersUnknown whether a key in none of the lists is unknown (true) or absent (false)
     */
    RequestContext(String action, RequestPrincipal principal, Map<String, List<String>> known, Set<String> absent,
                   List<String> unknownKeys, boolean othersUnknown) {
        this.action = action;
        this.principal = principal;
        known.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        absent.forEach(k -> this.absent.add(k.toLowerCase(Locale.ROOT)));
        this.unknownKeys = unknownKeys.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        this.othersUnknown = othersUnknown;
    }

    private static Map<String, List<String>> single(Map<String, String> known) {
        Map<String, List<String>> out = new HashMap<>();
        known.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    String action() {
        return action;
    }

    RequestPrincipal principal() {
        return principal;
    }

    /** The same request for another action (Pod Identity needs two). */
    RequestContext forAction(String otherAction) {
        return new RequestContext(otherAction, principal, values, absent, unknownKeys, othersUnknown);
    }

    Lookup lookup(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        List<String> v = values.get(k);
        if (v != null) {
            return new Lookup(State.PRESENT, v);
        }
        if (absent.contains(k)) {
            return new Lookup(State.ABSENT, List.of());
        }
        // An exact key beats a prefix, an unknown prefix beats an absent one (a pod's tag under known role tags).
        if (unknownKeys.contains(k)) {
            return new Lookup(State.UNKNOWN, List.of());
        }
        for (String u : unknownKeys) {
            if (u.endsWith("/") && k.startsWith(u)) {
                return new Lookup(State.UNKNOWN, List.of());
            }
        }
        for (String a : absent) {
            if (a.endsWith("/") && k.startsWith(a)) {
                return new Lookup(State.ABSENT, List.of());
            }
        }
        return new Lookup(othersUnknown ? State.UNKNOWN : State.ABSENT, List.of());
    }
}
