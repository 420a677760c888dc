package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Legacy (non-aggregated) discovery documents, which kubectl falls back to when the response is plain
 * {@code application/json}: /version, /api, /api/v1, /apis, /apis/{group}, /apis/{group}/{version}.
 */
final class Discovery {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Discovery() {
    }

    static ObjectNode version() {
        return F.objectNode().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.3-eks-4096722")
                .put("gitCommit", "d2e8a5d1e9ab1e4a4a9a5e0f6b8a7d4c1f3e2b10").put("gitTreeState", "clean")
                .put("buildDate", "2025-04-04T08:43:12Z").put("goVersion", "go1.23.7").put("compiler", "gc")
                .put("platform", "linux/amd64");
    }

    static ObjectNode coreVersions(String serverAddress) {
        ObjectNode versions = F.objectNode().put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return versions;
    }

    static ObjectNode groups() {
        ObjectNode list = F.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String group : groupNames()) {
            groups.add(group(group).orElseThrow());
        }
        return list;
    }

    static Optional<ObjectNode> group(String name) {
        List<ResourceType> types = ResourceCatalog.ALL.stream().filter(t -> t.group().equals(name)).toList();
        if (name.isEmpty() || types.isEmpty()) {
            return Optional.empty();
        }
        String version = types.get(0).version();
        ObjectNode group = F.objectNode().put("kind", "APIGroup").put("apiVersion", "v1").put("name", name);
        ObjectNode gv = F.objectNode().put("groupVersion", name + "/" + version).put("version", version);
        group.putArray("versions").add(gv);
        group.set("preferredVersion", gv.deepCopy());
        return Optional.of(group);
    }

    static Optional<ObjectNode> resources(String group, String version) {
        List<ResourceType> types = ResourceCatalog.inGroupVersion(group, version);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode list = F.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = resources.addObject().put("name", t.plural()).put("singularName", t.singular())
                    .put("namespaced", t.namespaced()).put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            t.verbs().forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode shortNames = r.putArray("shortNames");
                t.shortNames().forEach(shortNames::add);
            }
            if (t.plural().equals("pods") || t.plural().equals("deployments") || t.plural().equals("cronjobs")
                    || t.plural().equals("jobs")) {
                r.putArray("categories").add("all");
            }
            if (t.supports("get") && !ResourceCatalog.WITHOUT_STATUS.contains(t)) {
                ObjectNode status = resources.addObject().put("name", t.plural() + "/status").put("singularName", "")
                        .put("namespaced", t.namespaced()).put("kind", t.kind());
                status.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return Optional.of(list);
    }

    /** Every discovery path, for {@code GET /}. */
    static List<String> paths() {
        List<String> paths = new java.util.ArrayList<>(List.of("/api", "/api/v1", "/apis"));
        for (String g : groupNames()) {
            paths.add("/apis/" + g);
            ResourceCatalog.ALL.stream().filter(t -> t.group().equals(g)).map(ResourceType::version).distinct()
                    .forEach(v -> paths.add("/apis/" + g + "/" + v));
        }
        paths.addAll(List.of("/healthz", "/livez", "/readyz", "/version"));
        return paths;
    }

    private static Set<String> groupNames() {
        Set<String> names = new LinkedHashSet<>();
        ResourceCatalog.ALL.stream().map(ResourceType::group).filter(g -> !g.isEmpty()).forEach(names::add);
        return names;
    }
}
