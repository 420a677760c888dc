package io.eksid.model.trust;

import io.eksid.model.trust.Statement.ConditionEntry;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One statement of a permission policy (identity policy, permissions boundary, session policy): no Principal,
 * an Action or NotAction, a Resource or NotResource, and an optional Condition.
 *
 * @param condition operator → (key → values) in document order, or null when there is none
 */
public record PermissionStatement(String sid, Effect effect, StringValues actions, boolean notAction,
                                  StringValues resources, boolean notResource,
                                  Map<String, Map<String, ConditionValues>> condition) {

    public PermissionStatement {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(resources, "resources");
        condition = Statement.copyOf(condition);
    }

    /** The Condition element flattened to entries, in document order; empty when there is none. */
    public List<ConditionEntry> conditions() {
        return Statement.entries(condition);
    }
}
