package io.eksid.sandbox.kube;

import java.util.List;

/**
 * One REST resource the emulated API server serves, as discovery describes it.
 *
 * @param group      API group, "" for the core group
 * @param version    the served version
 * @param plural     the URL segment ("pods")
 * @param singular   singular name ("pod")
 * @param kind       the object kind ("Pod")
 * @param namespaced whether objects live in namespaces
 * @param shortNames kubectl short names ("po")
 * @param verbs      verbs listed in discovery
 */
public record ResourceType(String group, String version, String plural, String singular, String kind,
                           boolean namespaced, List<String> shortNames, List<String> verbs) {

    static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public ResourceType {
        shortNames = List.copyOf(shortNames);
        verbs = List.copyOf(verbs);
    }

    /** "v1" or "apps/v1", as it appears in an object's apiVersion. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "pods" or "deployments.apps", the name RBAC and error messages use. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** Path prefix of the collection without namespace: "/api/v1" or "/apis/apps/v1". */
    public String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    public boolean supports(String verb) {
        return verbs.contains(verb);
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
