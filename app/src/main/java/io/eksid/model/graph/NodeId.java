package io.eksid.model.graph;

import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;
import java.util.Objects;
import java.util.Optional;

/**
 * The id of an identity-graph node, typed. The graph, layout and painting key nodes by the printed form
 * ({@code sa:shop/cart}); code that needs to know what a node is parses it back and switches over the kinds.
 * Kubernetes names never contain {@code /}; a role's or provider's text is kept as written, whatever it is.
 */
public sealed interface NodeId {

    /** The printed id, as graph nodes and edges carry it. */
    String print();

    /** The namespace a workload, pod or service account is in; empty for every other node (a namespace too). */
    default Optional<String> inNamespace() {
        if (this instanceof Workload w) {
            return Optional.of(w.namespace());
        }
        if (this instanceof Pod p) {
            return Optional.of(p.namespace());
        }
        if (this instanceof ServiceAccount s) {
            return Optional.of(s.ref().namespace());
        }
        return Optional.empty();
    }

    record Namespace(String namespace) implements NodeId {
        public Namespace {
            Objects.requireNonNull(namespace, "namespace");
        }

        public String print() {
            return "ns:" + namespace;
        }
    }

    record Workload(String namespace, WorkloadRef ref) implements NodeId {
        public Workload {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(ref, "ref");
        }

        public String print() {
            return "wl:" + namespace + "/" + ref.kind() + "/" + ref.name();
        }
    }

    record Pod(String namespace, String name) implements NodeId {
        public Pod {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }

        public String print() {
            return "pod:" + namespace + "/" + name;
        }
    }

    record ServiceAccount(ServiceAccountRef ref) implements NodeId {
        public ServiceAccount {
            Objects.requireNonNull(ref, "ref");
        }

        public String print() {
            return "sa:" + ref.namespace() + "/" + ref.name();
        }
    }

    /** By association id, or {@code NAMESPACE/NAME} of its service account for one listed without an id. */
    record Association(String key) implements NodeId {
        public Association {
            Objects.requireNonNull(key, "key");
        }

        public String print() {
            return "assoc:" + key;
        }
    }

    /** By ARN as written: a malformed annotation still gets a node, under its raw text. */
    record Role(String arn) implements NodeId {
        public Role {
            Objects.requireNonNull(arn, "arn");
        }

        public String print() {
            return "role:" + arn;
        }
    }

    record OidcProvider(String arn) implements NodeId {
        public OidcProvider {
            Objects.requireNonNull(arn, "arn");
        }

        public String print() {
            return "oidc:" + arn;
        }
    }

    /**
     * Parses a printed id.
     *
     * @throws IllegalArgumentException saying which form was expected, for text that is no node id
     */
    static NodeId parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("the node id is missing");
        }
        int colon = id.indexOf(':');
        String kind = colon < 0 ? "" : id.substring(0, colon);
        String rest = id.substring(colon + 1);
        switch (kind) {
            case "ns" -> {
                return new Namespace(names(id, rest, 1, "ns:NAMESPACE")[0]);
            }
            case "wl" -> {
                String[] p = names(id, rest, 3, "wl:NAMESPACE/KIND/NAME");
                return new Workload(p[0], new WorkloadRef(p[1], p[2]));
            }
            case "pod" -> {
                String[] p = names(id, rest, 2, "pod:NAMESPACE/NAME");
                return new Pod(p[0], p[1]);
            }
            case "sa" -> {
                String[] p = names(id, rest, 2, "sa:NAMESPACE/NAME");
                return new ServiceAccount(new ServiceAccountRef(p[0], p[1]));
            }
            case "assoc" -> {
                if (rest.isEmpty()) {
                    throw malformed(id, "assoc:ASSOCIATION_ID");
                }
                return new Association(rest);
            }
            case "role" -> {
                return new Role(rest);
            }
            case "oidc" -> {
                return new OidcProvider(rest);
            }
            default -> throw new IllegalArgumentException("'" + id + "' is not a node id: it starts with none of"
                    + " ns:, wl:, pod:, sa:, assoc:, role:, oidc:");
        }
    }

    /** The id parsed, or empty for text that is no node id (a view's own nodes, say). */
    static Optional<NodeId> tryParse(String id) {
        try {
            return Optional.of(parse(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String[] names(String id, String rest, int count, String form) {
        String[] parts = rest.split("/", -1);
        if (parts.length != count) {
            throw malformed(id, form);
        }
        for (String p : parts) {
            if (p.isEmpty() || p.indexOf(':') >= 0) {
                throw malformed(id, form);
            }
        }
        return parts;
    }

    private static IllegalArgumentException malformed(String id, String form) {
        return new IllegalArgumentException("'" + id + "' is not a valid node id: expected " + form);
    }
}
