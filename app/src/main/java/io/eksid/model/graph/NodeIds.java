package io.eksid.model.graph;

import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;

/**
 * Stable node ids, built from Kubernetes names and AWS ARNs only (never from list positions or uids), so the
 * same object has the same id in every snapshot. The printed forms of {@link NodeId}; parse them with
 * {@link NodeId#parse}.
 */
public final class NodeIds {

    private NodeIds() {
    }

    public static String namespace(String namespace) {
        return new NodeId.Namespace(namespace).print();
    }

    public static String workload(String namespace, WorkloadRef ref) {
        return new NodeId.Workload(namespace, ref).print();
    }

    public static String pod(String namespace, String name) {
        return new NodeId.Pod(namespace, name).print();
    }

    public static String serviceAccount(ServiceAccountRef ref) {
        return new NodeId.ServiceAccount(ref).print();
    }

    /** Associations are keyed by id; one listed without an id (should not happen) falls back to its SA. */
    public static String association(String associationId, ServiceAccountRef ref) {
        return new NodeId.Association(associationId == null || associationId.isBlank()
                ? ref.namespace() + "/" + ref.name() : associationId).print();
    }

    /** Roles by ARN as written; a malformed annotation still gets a node, under its raw text. */
    public static String role(String arn) {
        return new NodeId.Role(String.valueOf(arn)).print();
    }

    public static String oidcProvider(String arn) {
        return new NodeId.OidcProvider(String.valueOf(arn)).print();
    }
}
