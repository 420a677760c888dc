package io.eksid.ui.graph;

/** How a node is drawn: its kind, and whether something about it is wrong. */
public enum NodeStyle {
    NAMESPACE, WORKLOAD, POD, SERVICE_ACCOUNT, ASSOCIATION, ASSOCIATION_BROKEN, ROLE, ROLE_MISSING, TARGET_ROLE,
    OIDC_PROVIDER, OIDC_PROVIDER_MISSING
}
