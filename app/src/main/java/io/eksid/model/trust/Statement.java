package io.eksid.model.trust;

import io.eksid.model.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trust policy statement with every field IAM allows in a role trust policy.
 *
 * @param sid          the Sid, or null
 * @param notPrincipal true when the element was {@code NotPrincipal}
 * @param notAction    true when the element was {@code NotAction}
 * @param condition    operator → (key → values) in document order, or null when the statement has no Condition
 */
public record Statement(String sid, Effect effect, Principal principal, boolean notPrincipal, StringValues actions,
                        boolean notAction, Map<String, Map<String, ConditionValues>> condition) {

    public Statement {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(actions, "actions");
        condition = copyOf(condition);
    }

    /** One operator/key/values triple of the Condition element. */
    public record ConditionEntry(String operator, String key, ConditionValues values) {
    }

    /** The Condition element flattened to entries, in document order; empty when there is none. */
    public List<ConditionEntry> conditions() {
        return entries(condition);
    }

    /** Builds a Condition map back from entries, grouping by operator in first-seen order. */
    public static Map<String, Map<String, ConditionValues>> conditionOf(List<ConditionEntry> entries) {
        Map<String, Map<String, ConditionValues>> out = new LinkedHashMap<>();
        for (ConditionEntry e : entries) {
            out.computeIfAbsent(e.operator(), k -> new LinkedHashMap<>()).put(e.key(), e.values());
        }
        return out;
    }

    /** This statement alone as compact JSON, as a policy would print it. */
    public String toJson() {
        return Json.compact(PolicyWriter.node(this));
    }

    /** This statement alone indented by two spaces, for someone to paste into a policy. */
    public String toPrettyJson() {
        return Json.pretty(PolicyWriter.node(this));
    }

    /** An unmodifiable copy of a Condition element, keeping document order; null stays null. */
    static Map<String, Map<String, ConditionValues>> copyOf(Map<String, Map<String, ConditionValues>> condition) {
        if (condition == null) {
            return null;
        }
        Map<String, Map<String, ConditionValues>> copy = new LinkedHashMap<>();
        condition.forEach((op, keys) -> copy.put(op, Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
        return Collections.unmodifiableMap(copy);
    }

    /** A Condition element flattened to entries, in document order; empty for null. */
    static List<ConditionEntry> entries(Map<String, Map<String, ConditionValues>> condition) {
        if (condition == null) {
            return List.of();
        }
        List<ConditionEntry> out = new ArrayList<>();
        condition.forEach((op, keys) -> keys.forEach((k, v) -> out.add(new ConditionEntry(op, k, v))));
        return out;
    }

    public Statement withCondition(Map<String, Map<String, ConditionValues>> newCondition) {
        return new Statement(sid, effect, principal, notPrincipal, actions, notAction, newCondition);
    }
}
