package io.eksid.ui.graph;

/** The graph reads left to right, from what runs in the cluster to what it may become in AWS. */
public enum GraphColumn {
    /** Namespace group headers. */
    NAMESPACE,
    /** Workloads (pods collapsed to counts) and, when a workload is expanded, its pods. */
    WORKLOAD,
    /** Service accounts: the unit IRSA and Pod Identity associations are keyed by. */
    SERVICE_ACCOUNT,
    /** Pod Identity associations, small diamonds on the path from a service account to its role. */
    MAPPING,
    /** IAM roles the service accounts map to. */
    ROLE,
    /** Target roles of chained associations and the OIDC providers IRSA trust names. */
    TRUST_TARGET
}
