package io.eksid.model.graph;

import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;

/**
 * Stable node ids, built from Kubernetes names and AWS ARNs only (never from list positions or uids), so the
 * same object has the same id in every snapshot.
 */
public final class NodeIds {

    private NodeIds() {
    }

    public static String namespace(String namespace) {
        return "ns:" + namespace;
    }

    public static String workload(String namespace, WorkloadRef ref) {
        return "wl:" + namespace + "/" + ref.kind() + "/" + ref.name();
    }

    public static String pod(String namespace, String name) {
        return "pod:" + namespace + "/" + name;
    }

    public static String serviceAccount(ServiceAccountRef ref) {
        return "sa:" + ref.namespace() + "/" + ref.name();
    }

    /** Associations are keyed by id; one listed without an id (should not happen) falls back to its SA. */
    public static String association(String associationId, ServiceAccountRef ref) {
        return associationId == null || associationId.isBlank()
                ? "assoc:" + ref.namespace() + "/" + ref.name() : "assoc:" + associationId;
    }

    /** Roles by ARN as written; a malformed annotation still gets a node, under its raw text. */
    public static String role(String arn) {
        return "role:" + arn;
    }

    public static String oidcProvider(String arn) {
        return "oidc:" + arn;
    }
}
