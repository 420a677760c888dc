package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Kubernetes REST API of one simulated cluster: discovery, then get/list/watch/create/update/patch/delete
 * on the catalog's resources, with RBAC denials, selectors, paging and the real Status errors.
 */
final class ApiHandler {

    /** A watch the HTTP layer should open. */
    record WatchRequest(ResourceType type, String namespace, Predicate<JsonNode> filter, long fromResourceVersion,
                        boolean bookmarks, long timeoutSeconds, boolean table, boolean sendInitialEvents) {
    }

    private record Target(ResourceType type, String namespace, String name, String subresource) {
    }

    private final ObjectMapper mapper;
    private final ObjectMapper yaml;
    private final Clock clock;
    private final ListPager pager;

    ApiHandler(ObjectMapper mapper, ObjectMapper yaml, Clock clock) {
        this.mapper = mapper;
        this.yaml = yaml;
        this.clock = clock;
        this.pager = new ListPager(mapper, clock);
    }

    ApiResult handle(SimulatedCluster cluster, ApiRequest req, String serverAddress) {
        return handle(cluster, req, serverAddress, null);
    }

    /**
     * @param subject the service account behind the request's token (in-cluster callers, authorised by the
     *                cluster's stored RBAC), or null for the kubeconfig's administrator
     */
    ApiResult handle(SimulatedCluster cluster, ApiRequest req, String serverAddress,
                     RbacAuthorizer.ServiceAccountSubject subject) {
        List<String> seg = Arrays.stream(req.path().split("/")).filter(s -> !s.isEmpty()).toList();
        boolean get = req.method().equals("GET");
        if (seg.isEmpty()) {
            ObjectNode paths = mapper.createObjectNode();
            Discovery.paths().forEach(paths.putArray("paths")::add);
            return json(200, paths);
        }
        String first = seg.get(0);
        if (seg.size() == 1 && get && (first.equals("healthz") || first.equals("livez") || first.equals("readyz"))) {
            return new ApiResult.Text(200, "ok");
        }
        if (seg.size() == 1 && get && first.equals("version")) {
            return json(200, Discovery.version());
        }
        if (first.equals("api")) {
            if (seg.size() == 1 && get) {
                return json(200, Discovery.coreVersions(serverAddress));
            }
            if (seg.size() == 2 && get) {
                return json(200, Discovery.resources("", seg.get(1)).orElseThrow(() -> ApiError.pathNotFound(req.path())));
            }
            if (seg.size() > 2) {
                return resource(cluster, req, "", seg.get(1), seg.subList(2, seg.size()), subject);
            }
        }
        if (first.equals("apis")) {
            if (seg.size() == 1 && get) {
                return json(200, Discovery.groups());
            }
            if (seg.size() == 2 && get) {
                return json(200, Discovery.group(seg.get(1)).orElseThrow(() -> ApiError.pathNotFound(req.path())));
            }
            if (seg.size() == 3 && get) {
                return json(200, Discovery.resources(seg.get(1), seg.get(2))
                        .orElseThrow(() -> ApiError.pathNotFound(req.path())));
            }
            if (seg.size() > 3) {
                return resource(cluster, req, seg.get(1), seg.get(2), seg.subList(3, seg.size()), subject);
            }
        }
        throw ApiError.pathNotFound(req.path());
    }

    private ApiResult resource(SimulatedCluster cluster, ApiRequest req, String group, String version, List<String> rest,
                               RbacAuthorizer.ServiceAccountSubject subject) {
        boolean legacyWatch = rest.get(0).equals("watch");
        List<String> parts = legacyWatch ? rest.subList(1, rest.size()) : rest;
        Target target = target(group, version, parts, req.path());
        ResourceType type = target.type();
        boolean collection = target.name() == null;
        String verb = verb(req, collection, legacyWatch);
        if (!type.supports(verb)) {
            throw ApiError.methodNotAllowed(verb + " is not supported on " + type.qualifiedName());
        }
        String scope = type.namespaced() ? target.namespace() : null;
        // Every authenticated user may review its own access (system:basic-user), as on a real cluster.
        boolean selfReview = type == ResourceCatalog.SELF_SUBJECT_ACCESS_REVIEWS;
        if (!cluster.allows(verb, group, type.plural(), scope)
                || !selfReview && !rbacAllows(cluster, subject, verb, group, type.plural(), scope, target.name())) {
            throw subject == null ? ApiError.forbidden(verb, type, scope, target.name())
                    : ApiError.forbidden(subject.username(), verb, type, scope, target.name());
        }
        if (selfReview) {
            ObjectNode review = ProtobufAccessReview.isProtobuf(req.contentType())
                    ? ProtobufAccessReview.decode(req.body()) : body(req, type, null);
            return json(201, accessReview(cluster, review, subject));
        }
        ObjectStore store = cluster.store();
        return switch (verb) {
            case "get" -> {
                ObjectNode object = store.get(type, target.namespace(), target.name())
                        .orElseThrow(() -> ApiError.notFound(type, target.name()));
                if ("scale".equals(target.subresource())) {
                    yield json(200, Scales.scaleOf(object));
                }
                yield json(200, req.wantsTable() ? Tables.table(type, List.of(object), clock.instant(),
                        object.path("metadata").path("resourceVersion").asText(), true) : object);
            }
            case "list" -> list(store, type, target.namespace(), req);
            case "watch" -> new ApiResult.Watch(watch(type, target.namespace(), req), cluster);
            case "create" -> {
                ObjectNode object = body(req, type, null);
                placeInNamespace(object, type, target.namespace());
                yield json(201, cluster.create(type, object));
            }
            case "update" -> json(200, update(cluster, target, body(req, type, target.name())));
            case "patch" -> json(200, patch(cluster, target, req));
            case "delete" -> {
                ObjectNode deleted = cluster.delete(new ObjectRef(type, target.namespace(), target.name()));
                yield json(200, success(type, deleted));
            }
            case "deletecollection" -> {
                Predicate<JsonNode> filter = filter(type, req);
                for (StoredObject o : store.list(type, target.namespace(), filter::test).items()) {
                    ObjectRef ref = WorkloadControllers.refOf(type, o.summary());
                    if (store.contains(ref)) {
                        cluster.delete(ref);
                    }
                }
                ObjectNode status = mapper.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
                status.putObject("metadata");
                yield json(200, status.put("status", "Success"));
            }
            default -> throw ApiError.methodNotAllowed("the server does not allow this method on the requested resource");
        };
    }

    private ObjectNode update(SimulatedCluster cluster, Target target, ObjectNode body) {
        ResourceType type = target.type();
        placeInNamespace(body, type, target.namespace());
        if (target.subresource() == null) {
            return cluster.replace(type, body);
        }
        return cluster.write(() -> {
            ObjectNode current = cluster.store().get(type, target.namespace(), target.name())
                    .orElseThrow(() -> ApiError.notFound(type, target.name()));
            return cluster.replace(type, subresourceWrite(current, body, target.subresource()));
        });
    }

    private ObjectNode patch(SimulatedCluster cluster, Target target, ApiRequest req) {
        ResourceType type = target.type();
        JsonNode patch = parse(req, type, target.name());
        return cluster.write(() -> {
            ObjectNode current = cluster.store().get(type, target.namespace(), target.name())
                    .orElseThrow(() -> ApiError.notFound(type, target.name()));
            if ("scale".equals(target.subresource())) {
                ObjectNode scale = Patches.apply(Scales.scaleOf(current), patch, req.contentType(), type, target.name());
                return Scales.scaleOf(cluster.replace(type, subresourceWrite(current, scale, "scale")));
            }
            ObjectNode patched = Patches.apply(current, patch, req.contentType(), type, target.name());
            if (!target.name().equals(patched.path("metadata").path("name").asText())) {
                throw ApiError.invalid(type, target.name(), "metadata.name: Invalid value: the name cannot be changed by a patch");
            }
            ObjectNode next = target.subresource() == null ? patched : subresourceWrite(current, patched, target.subresource());
            placeInNamespace(next, type, target.namespace());
            return cluster.replace(type, next);
        });
    }

    /** /status writes only status; /scale writes only spec.replicas. */
    private static ObjectNode subresourceWrite(ObjectNode current, ObjectNode body, String subresource) {
        ObjectNode next = current.deepCopy();
        switch (subresource) {
            case "status" -> next.set("status", body.path("status").deepCopy());
            case "scale" -> ((ObjectNode) next.get("spec")).put("replicas", body.path("spec").path("replicas").asInt(0));
            default -> throw ApiError.pathNotFound(subresource);
        }
        String rv = body.path("metadata").path("resourceVersion").asText("");
        if (!rv.isEmpty()) {
            ((ObjectNode) next.get("metadata")).put("resourceVersion", rv);
        }
        return next;
    }

    private ApiResult list(ObjectStore store, ResourceType type, String namespace, ApiRequest req) {
        Predicate<JsonNode> filter = filter(type, req);
        Integer limit = intParam(req, "limit");
        String token = req.param("continue");
        ListPager.Page page = token == null || token.isEmpty()
                ? pager.first(store.list(type, namespace, filter::test), limit)
                : pager.next(token, limit);
        if (req.wantsTable()) {
            ObjectNode table = Tables.table(type, page.items().stream().map(StoredObject::tree).toList(), clock.instant(),
                    Long.toString(page.resourceVersion()), true);
            addPaging((ObjectNode) table.get("metadata"), page);
            return json(200, table);
        }
        ObjectNode head = mapper.createObjectNode();
        head.put("kind", type.kind() + "List").put("apiVersion", type.apiVersion());
        ObjectNode meta = head.putObject("metadata").put("resourceVersion", Long.toString(page.resourceVersion()));
        addPaging(meta, page);
        return new ApiResult.Listing(head, page.items());
    }

    private static void addPaging(ObjectNode meta, ListPager.Page page) {
        if (page.continueToken() != null) {
            meta.put("continue", page.continueToken());
            meta.put("remainingItemCount", page.remainingItemCount());
        }
    }

    private WatchRequest watch(ResourceType type, String namespace, ApiRequest req) {
        String rv = req.param("resourceVersion");
        long from;
        try {
            from = rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid resource version: \"" + rv + "\"");
        }
        Integer timeout = intParam(req, "timeoutSeconds");
        boolean initialEvents = req.flag("sendInitialEvents");
        if (initialEvents && !req.flag("allowWatchBookmarks")) {
            throw ApiError.invalid(null, null, "allowWatchBookmarks: Required value: sendInitialEvents requires "
                    + "allowWatchBookmarks=true");
        }
        return new WatchRequest(type, namespace, filter(type, req), initialEvents ? 0 : from,
                req.flag("allowWatchBookmarks"), timeout == null ? 0 : timeout, req.wantsTable(), initialEvents);
    }

    private static Predicate<JsonNode> filter(ResourceType type, ApiRequest req) {
        return Selectors.labels(req.param("labelSelector")).and(Selectors.fields(req.param("fieldSelector"), type));
    }

    private static boolean rbacAllows(SimulatedCluster cluster, RbacAuthorizer.ServiceAccountSubject subject,
                                      String verb, String group, String resource, String namespace, String name) {
        return subject == null || new RbacAuthorizer(cluster.store()).allows(subject, verb, group, resource, namespace,
                name);
    }

    private ObjectNode accessReview(SimulatedCluster cluster, ObjectNode review,
                                    RbacAuthorizer.ServiceAccountSubject subject) {
        JsonNode attrs = review.path("spec").path("resourceAttributes");
        boolean allowed = true;
        if (!attrs.isMissingNode()) {
            String namespace = attrs.path("namespace").asText("");
            String ns = namespace.isEmpty() ? null : namespace;
            String verb = attrs.path("verb").asText("get");
            String group = attrs.path("group").asText("");
            String resource = attrs.path("resource").asText("");
            String name = attrs.path("name").asText("");
            allowed = cluster.allows(verb, group, resource, ns)
                    && rbacAllows(cluster, subject, verb, group, resource, ns, name.isEmpty() ? null : name);
        }
        ObjectNode status = review.putObject("status").put("allowed", allowed);
        if (!allowed) {
            status.put("reason", "denied by the sandbox RBAC rules of cluster " + cluster.name());
        }
        review.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectAccessReview");
        return review;
    }

    private Target target(String group, String version, List<String> parts, String path) {
        if (parts.isEmpty()) {
            throw ApiError.pathNotFound(path);
        }
        if (parts.get(0).equals("namespaces") && parts.size() >= 3) {
            Optional<ResourceType> nested = ResourceCatalog.find(group, version, parts.get(2)).filter(ResourceType::namespaced);
            if (nested.isPresent()) {
                if (parts.size() > 5) {
                    throw ApiError.pathNotFound(path);
                }
                return new Target(nested.get(), parts.get(1), parts.size() > 3 ? parts.get(3) : null,
                        parts.size() > 4 ? subresource(parts.get(4), path) : null);
            }
        }
        ResourceType type = ResourceCatalog.find(group, version, parts.get(0))
                .orElseThrow(() -> ApiError.pathNotFound(path));
        if (parts.size() > 3 || (type.namespaced() && parts.size() > 1)) {
            throw ApiError.pathNotFound(path);
        }
        return new Target(type, null, parts.size() > 1 ? parts.get(1) : null,
                parts.size() > 2 ? subresource(parts.get(2), path) : null);
    }

    private static String subresource(String name, String path) {
        if (!name.equals("status") && !name.equals("scale")) {
            throw ApiError.pathNotFound(path);
        }
        return name;
    }

    private static String verb(ApiRequest req, boolean collection, boolean legacyWatch) {
        return switch (req.method()) {
            case "GET" -> collection ? (legacyWatch || req.flag("watch") ? "watch" : "list") : "get";
            case "POST" -> {
                if (!collection) {
                    throw ApiError.methodNotAllowed("POST is only allowed on collections");
                }
                yield "create";
            }
            case "PUT" -> collection ? fail("PUT") : "update";
            case "PATCH" -> collection ? fail("PATCH") : "patch";
            case "DELETE" -> collection ? "deletecollection" : "delete";
            default -> fail(req.method());
        };
    }

    private static String fail(String method) {
        throw ApiError.methodNotAllowed("the server does not allow " + method + " on the requested resource");
    }

    private ObjectNode body(ApiRequest req, ResourceType type, String urlName) {
        JsonNode node = parse(req, type, urlName);
        if (!(node instanceof ObjectNode object)) {
            throw ApiError.badRequest("the body of the request must be a " + type.kind() + " object");
        }
        String kind = object.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals(type.kind()) && !kind.equals("Scale")) {
            throw ApiError.badRequest("the body is a " + kind + ", but the request is for " + type.qualifiedName());
        }
        if (urlName != null) {
            String bodyName = object.path("metadata").path("name").asText("");
            if (!bodyName.equals(urlName)) {
                throw ApiError.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
                        + urlName + ")");
            }
        }
        return object;
    }

    private JsonNode parse(ApiRequest req, ResourceType type, String name) {
        if (req.body().length == 0) {
            throw ApiError.badRequest("the request body is empty");
        }
        if (req.contentType().contains("protobuf")) {
            throw ApiError.unsupportedMediaType(req.contentType());
        }
        try {
            boolean isYaml = req.contentType().contains("yaml");
            return (isYaml ? yaml : mapper).readTree(req.body());
        } catch (IOException e) {
            throw ApiError.badRequest("the body of the request could not be decoded: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage()));
        }
    }

    private static void placeInNamespace(ObjectNode object, ResourceType type, String namespace) {
        if (!type.namespaced()) {
            return;
        }
        ObjectNode meta = object.has("metadata") && object.get("metadata").isObject() ? (ObjectNode) object.get("metadata")
                : object.putObject("metadata");
        String given = meta.path("namespace").asText("");
        if (!given.isEmpty() && namespace != null && !given.equals(namespace)) {
            throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent on the "
                    + "request");
        }
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
    }

    private ObjectNode success(ResourceType type, ObjectNode deleted) {
        ObjectNode status = mapper.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        ObjectNode details = status.putObject("details").put("name", deleted.path("metadata").path("name").asText());
        if (!type.group().isEmpty()) {
            details.put("group", type.group());
        }
        details.put("kind", type.plural()).put("uid", deleted.path("metadata").path("uid").asText());
        return status;
    }

    private static Integer intParam(ApiRequest req, String name) {
        String value = req.param(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid " + name + ": \"" + value + "\"");
        }
    }

    private static ApiResult json(int status, JsonNode body) {
        return new ApiResult.Json(status, body);
    }
}
