package io.eksid.kube;

/**
 * One SelfSubjectAccessReview answer.
 *
 * @param namespace null for a cluster-wide check
 * @param allowed   what the API server said; when the review itself failed, true (unknown: the watch will tell)
 * @param reason    the authorizer's reason, or why the review could not be made
 */
public record AccessCheck(String verb, String group, String resource, String namespace, boolean allowed,
                          String reason) {

    /** {@code list pods (cluster-wide)}, {@code patch apps/deployments in shop}. */
    public String describe() {
        return verb + " " + (group == null || group.isEmpty() ? "" : group + "/") + resource
                + (namespace == null ? " (cluster-wide)" : " in " + namespace);
    }
}
