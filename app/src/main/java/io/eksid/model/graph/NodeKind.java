package io.eksid.model.graph;

/** What a node of the identity graph stands for. */
public enum NodeKind {
    NAMESPACE,
    WORKLOAD,
    POD,
    SERVICE_ACCOUNT,
    /** An EKS Pod Identity association (keyed by namespace and service account, never by pod). */
    ASSOCIATION,
    ROLE,
    /** An IAM OIDC identity provider, the Federated principal of IRSA trust. */
    OIDC_PROVIDER
}
