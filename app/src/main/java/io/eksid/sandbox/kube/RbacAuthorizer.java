package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Kubernetes RBAC for the callers that authenticate with a service account token (the in-cluster endpoint):
 * the ClusterRoleBindings, RoleBindings, ClusterRoles and Roles stored in the cluster decide, as the real
 * authorizer does. Allow-only: a request is allowed when one rule of one bound role covers it. Rules with
 * {@code resourceNames} cover only requests for those names; aggregated ClusterRoles are not expanded.
 */
final class RbacAuthorizer {

    /** A service account caller, with the groups Kubernetes gives every service account. */
    record ServiceAccountSubject(String namespace, String name) {

        String username() {
            return "system:serviceaccount:" + namespace + ":" + name;
        }

        Set<String> groups() {
            return Set.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
        }
    }

    private final ObjectStore store;

    RbacAuthorizer(ObjectStore store) {
        this.store = store;
    }

    /**
     * @param namespace the request's namespace, null at cluster scope
     * @param name      the object's name, null for collections
     */
    boolean allows(ServiceAccountSubject subject, String verb, String group, String resource, String namespace,
                   String name) {
        for (ObjectNode binding : store.list(ResourceCatalog.CLUSTER_ROLE_BINDINGS, null, b -> true).trees()) {
            if (binds(binding, subject) && roleAllows(binding, null, verb, group, resource, name)) {
                return true;
            }
        }
        if (namespace == null) {
            return false;
        }
        for (ObjectNode binding : store.list(ResourceCatalog.ROLE_BINDINGS, namespace, b -> true).trees()) {
            if (binds(binding, subject) && roleAllows(binding, namespace, verb, group, resource, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean binds(JsonNode binding, ServiceAccountSubject subject) {
        for (JsonNode s : binding.path("subjects")) {
            String kind = s.path("kind").asText("");
            String name = s.path("name").asText("");
            boolean matches = switch (kind) {
                case "ServiceAccount" -> name.equals(subject.name())
                        && s.path("namespace").asText("").equals(subject.namespace());
                case "User" -> name.equals(subject.username());
                case "Group" -> subject.groups().contains(name);
                default -> false;
            };
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private boolean roleAllows(JsonNode binding, String bindingNamespace, String verb, String group, String resource,
                               String name) {
        JsonNode ref = binding.path("roleRef");
        String roleName = ref.path("name").asText("");
        ObjectNode role = switch (ref.path("kind").asText("")) {
            case "ClusterRole" -> store.get(ResourceCatalog.CLUSTER_ROLES, null, roleName).orElse(null);
            case "Role" -> bindingNamespace == null ? null
                    : store.get(ResourceCatalog.ROLES, bindingNamespace, roleName).orElse(null);
            default -> null;
        };
        if (role == null) {
            return false;
        }
        for (JsonNode rule : role.path("rules")) {
            if (covers(rule.path("apiGroups"), group) && covers(rule.path("resources"), resource)
                    && covers(rule.path("verbs"), verb) && namesCover(rule.path("resourceNames"), name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(JsonNode list, String value) {
        for (JsonNode v : list) {
            if (v.asText().equals("*") || v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesCover(JsonNode names, String name) {
        if (!names.isArray() || names.isEmpty()) {
            return true;
        }
        return name != null && covers(names, name);
    }
}
