package io.eksid.ui.graph;

/** Edge styles; the legend shows each mapping style. */
public enum EdgeStyle {
    /** Structural: workload or pod runs as a service account. */
    RUNS_AS("runs as"),
    /** IRSA: role-arn annotation, trust allows it. */
    IRSA("IRSA"),
    /** Pod Identity association, role trusts pods.eks.amazonaws.com. */
    POD_IDENTITY("Pod Identity"),
    /** Both exist: Pod Identity wins, the IRSA annotation is dead weight. */
    BOTH("IRSA shadowed by Pod Identity"),
    /** A mapping that cannot work: trust denies, role or provider missing. */
    BROKEN("broken mapping"),
    /** A mapping the trust engine can neither prove nor refute (role unreadable, unknown operator). */
    UNPROVABLE("unprovable mapping"),
    /** Association role chains into a target role. */
    TARGET("target role"),
    /** The role's IRSA trust names this OIDC provider. */
    TRUSTS("trusts OIDC provider");

    private final String legend;

    EdgeStyle(String legend) {
        this.legend = legend;
    }

    public String legend() {
        return legend;
    }

    public boolean mapping() {
        return this == IRSA || this == POD_IDENTITY || this == BOTH || this == BROKEN || this == UNPROVABLE;
    }
}
