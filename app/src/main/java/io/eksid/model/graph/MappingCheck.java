package io.eksid.model.graph;

import io.eksid.model.trust.TrustDecision;
import java.util.Objects;

/**
 * The verdict on one mapping (an IRSA annotation, an association's role, a target role): its status, a reason an
 * admin can act on, and the trust evaluator's decision when the trust policy could be evaluated (else null).
 */
public record MappingCheck(EdgeStatus status, String reason, TrustDecision decision) {

    public MappingCheck {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }

    public static MappingCheck of(EdgeStatus status, String reason) {
        return new MappingCheck(status, reason, null);
    }

    public boolean ok() {
        return status == EdgeStatus.OK;
    }
}
