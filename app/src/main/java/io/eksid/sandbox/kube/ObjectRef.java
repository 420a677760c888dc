package io.eksid.sandbox.kube;

/** Where an object lives in a cluster's store. Namespace is "" for cluster-scoped objects. */
public record ObjectRef(ResourceType type, String namespace, String name) {

    public ObjectRef {
        namespace = namespace == null ? "" : namespace;
    }

    /** The store key: "namespace/name", or "name" for cluster-scoped objects, ordered like etcd keys. */
    String key() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
