package io.eksid.model;

import java.util.Objects;

/** A service account's identity within one cluster: namespace and name. Associations are keyed by it. */
public record ServiceAccountRef(String namespace, String name) implements Comparable<ServiceAccountRef> {

    public ServiceAccountRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code ns/name}; throws IllegalArgumentException with the reason otherwise. */
    public static ServiceAccountRef parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("service account is missing (expected NAMESPACE/NAME)");
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is not NAMESPACE/NAME");
        }
        return new ServiceAccountRef(text.substring(0, slash), text.substring(slash + 1));
    }

    /** The subject a projected IRSA token carries: {@code system:serviceaccount:<ns>:<name>}. */
    public String subject() {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    @Override
    public int compareTo(ServiceAccountRef o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
