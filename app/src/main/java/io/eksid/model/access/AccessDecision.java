package io.eksid.model.access;

import java.util.List;
import java.util.Objects;

/**
 * The answer to an {@link AccessRequest} for one role session.
 *
 * @param statements the statements that decided it (the deny that won, or the allows that made it through every
 *                   policy type), in evaluation order
 * @param unknown    what the decision could not see and might change it: SCPs, resource policies, pod tags
 *                   not known yet...
 * @param reason     one line a person reads
 */
public record AccessDecision(Decision decision, List<StatementMatch> statements, List<String> unknown,
                             String reason) {

    public enum Decision { ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY, UNKNOWN }

    /** A statement that took part in the decision. {@code index} is its position in the policy's list. */
    public record StatementMatch(String policy, String sid, int index, String effect, String why) {
    }

    public AccessDecision {
        Objects.requireNonNull(decision, "decision");
        statements = statements == null ? List.of() : List.copyOf(statements);
        unknown = unknown == null ? List.of() : List.copyOf(unknown);
        Objects.requireNonNull(reason, "reason");
    }

    public boolean allowed() {
        return decision == Decision.ALLOWED;
    }
}
