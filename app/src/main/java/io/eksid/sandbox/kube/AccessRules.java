package io.eksid.sandbox.kube;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The RBAC of a simulated cluster: everything is allowed except what a test denied. Both the API (403) and
 * SelfSubjectAccessReview answer from these rules, as they would from one real RBAC configuration.
 */
final class AccessRules {

    private record Denial(String verb, String resource, String namespace) {
    }

    private final List<Denial> denials = new CopyOnWriteArrayList<>();

    /**
     * @param verb      get, list, watch, create, update, patch, delete, or "*"
     * @param resource  plural resource name ("pods", "deployments" or "deployments.apps"), or "*"
     * @param namespace the namespace the denial applies to; null for every namespace and cluster scope
     */
    void deny(String verb, String resource, String namespace) {
        if (verb == null || verb.isBlank() || resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("a denial needs a verb and a resource, got verb=" + verb
                    + " resource=" + resource);
        }
        denials.add(new Denial(verb.toLowerCase(Locale.ROOT), resource.toLowerCase(Locale.ROOT), namespace));
    }

    void clear() {
        denials.clear();
    }

    boolean allows(String verb, String group, String resource, String namespace) {
        for (Denial d : denials) {
            boolean verbMatches = d.verb.equals("*") || d.verb.equals(verb);
            String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
            boolean resourceMatches = d.resource.equals("*") || d.resource.equals(resource) || d.resource.equals(qualified);
            boolean namespaceMatches = d.namespace == null || d.namespace.equals(namespace);
            if (verbMatches && resourceMatches && namespaceMatches) {
                return false;
            }
        }
        return true;
    }
}
