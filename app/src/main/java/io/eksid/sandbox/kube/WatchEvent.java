package io.eksid.sandbox.kube;

/**
 * One change in a cluster's store, kept in the bounded history watches replay from.
 *
 * @param type            ADDED, MODIFIED or DELETED
 * @param resource        the resource the object belongs to
 * @param object          the object after the change (for DELETED: as it was deleted, with the delete's RV)
 * @param resourceVersion the cluster-wide version of this change
 * @param previous        for MODIFIED, the object before the change (lets a filtered watch turn a change that
 *                        moves an object out of its selector into DELETED, as the API server does); else null
 */
public record WatchEvent(String type, ResourceType resource, StoredObject object, long resourceVersion,
                         StoredObject previous) {

    public WatchEvent(String type, ResourceType resource, StoredObject object, long resourceVersion) {
        this(type, resource, object, resourceVersion, null);
    }

    public String namespace() {
        return object.namespace();
    }
}
