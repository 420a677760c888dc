package io.eksid.model.graph;

/**
 * What an edge of the identity graph means. Pod Identity goes through the association node
 * (service account → association → role, and association → target role for cross-account chaining), so the
 * association's own facts (owner, session tags, target role) have one place to live in the picture.
 */
public enum EdgeKind {
    /** namespace → service account or workload. */
    CONTAINS,
    /** pod → its workload. */
    OWNED_BY,
    /** pod or workload → the service account it runs as. */
    RUNS_AS,
    /** service account → the role named by its {@code eks.amazonaws.com/role-arn} annotation. */
    IRSA,
    /** service account → its Pod Identity association. */
    ASSOCIATION,
    /** association → the role EKS assumes for the pod ({@code roleArn}). */
    ASSOCIATION_ROLE,
    /** association → the role chained from the association role ({@code targetRoleArn}). */
    TARGET_ROLE,
    /** role → an OIDC provider its trust policy names as Federated principal. */
    TRUSTS_OIDC_PROVIDER;

    /** Mapping edges say how a service account reaches a role; they carry a meaningful status. */
    public boolean mapping() {
        return this == IRSA || this == ASSOCIATION || this == ASSOCIATION_ROLE || this == TARGET_ROLE
                || this == TRUSTS_OIDC_PROVIDER;
    }
}
