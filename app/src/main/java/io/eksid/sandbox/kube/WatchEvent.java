package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change in a cluster's store, kept in the bounded history watches replay from.
 *
 * @param type            ADDED, MODIFIED or DELETED
 * @param resource        the resource the object belongs to
 * @param object          the object after the change (for DELETED: as it was deleted, with the delete's RV)
 * @param resourceVersion the cluster-wide version of this change
 */
public record WatchEvent(String type, ResourceType resource, ObjectNode object, long resourceVersion) {

    public String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }
}
