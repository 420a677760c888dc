package io.eksid.model.plan;

/**
 * The kinds of plan steps, in the order a plan runs them (DESIGN §2): agent first, then IAM, then EKS
 * associations, then restarts, then verification, and clean-up only after verification.
 */
public enum StepKind {
    ENSURE_AGENT_ADDON,
    CREATE_BRIDGE_ROLE,
    CREATE_ROLE,
    UPDATE_ROLE_TRUST,
    UPDATE_TARGET_ROLE_TRUST,
    CREATE_ASSOCIATION,
    UPDATE_ADDON_POD_IDENTITY,
    RESTART_WORKLOAD,
    VERIFY,
    REMOVE_IRSA_ANNOTATION,
    REMOVE_OIDC_TRUST;

    /** Whether this step only tidies up after a verified conversion (opt-in). */
    public boolean cleanUp() {
        return this == REMOVE_IRSA_ANNOTATION || this == REMOVE_OIDC_TRUST;
    }
}
