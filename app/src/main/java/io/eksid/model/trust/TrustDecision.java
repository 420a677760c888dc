package io.eksid.model.trust;

import java.util.Objects;

/**
 * The evaluator's answer with its evidence.
 *
 * @param statementIndex the 0-based index of the deciding statement (the allowing, denying or undecidable one),
 *                       or null when no single statement decides (no statement matched at all)
 * @param reason         a sentence an admin can act on
 */
public record TrustDecision(Verdict verdict, Integer statementIndex, String reason) {

    public TrustDecision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOWED;
    }
}
