package io.eksid.sandbox.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * EKS over REST-JSON (model data/eks/2017-11-01): clusters, Pod Identity associations and add-ons.
 * Errors travel as HTTP status + {@code x-amzn-ErrorType} header + {@code {"message": …}} body.
 */
final class EksRestApi {

    private final EksService eks;
    private final AddonService addons;

    EksRestApi(AwsWorld world) {
        this.eks = world.eks();
        this.addons = world.addons();
    }

    static WireResponse error(AwsError e) {
        String requestId = UUID.randomUUID().toString();
        String body = EksJson.object().put("message", e.getMessage()).toString();
        return WireResponse.of(e.httpStatus(), "application/json",
                Map.of("x-amzn-ErrorType", e.code(), "x-amzn-RequestId", requestId), body);
    }

    private static WireResponse ok(ObjectNode body) {
        return WireResponse.of(200, "application/json", Map.of("x-amzn-RequestId", UUID.randomUUID().toString()),
                body.toString());
    }

    WireResponse handle(Caller caller, WireRequest request) {
        List<String> seg = segments(request.rawPath());
        String method = request.method();
        Map<String, String> query = request.queryParameters();
        if (seg.size() == 2 && seg.get(0).equals("addons") && seg.get(1).equals("configuration-schemas") && method.equals("GET")) {
            return addonConfiguration(query);
        }
        if (seg.isEmpty() || !seg.get(0).equals("clusters")) {
            throw unknownOperation(request);
        }
        if (seg.size() == 1 && method.equals("GET")) {
            return listClusters(caller, query);
        }
        if (seg.size() < 2) {
            throw unknownOperation(request);
        }
        ClusterRecord cluster = eks.cluster(caller, seg.get(1));
        String sub = seg.size() > 2 ? seg.get(2) : "";
        return switch (sub) {
            case "" -> {
                if (!method.equals("GET")) {
                    throw unknownOperation(request);
                }
                yield ok(EksJson.object().set("cluster", EksJson.cluster(cluster)));
            }
            case "pod-identity-associations" -> associations(cluster, method, seg, query, request);
            case "addons" -> addons(cluster, method, seg, query, request);
            case "updates" -> {
                if (!method.equals("GET") || seg.size() != 4) {
                    throw unknownOperation(request);
                }
                var u = addons.describeUpdate(cluster, seg.get(3));
                yield ok(EksJson.object().set("update", EksJson.update(u, addons.updateSettled(u))));
            }
            default -> throw unknownOperation(request);
        };
    }

    private WireResponse listClusters(Caller caller, Map<String, String> query) {
        var page = page(eks.listClusters(caller), n -> n, query);
        ObjectNode out = EksJson.object();
        out.set("clusters", EksJson.strings(page.items()));
        return ok(withToken(out, page));
    }

    private WireResponse associations(ClusterRecord cluster, String method, List<String> seg, Map<String, String> query,
                                      WireRequest request) {
        if (seg.size() == 3 && method.equals("GET")) {
            var page = page(eks.listAssociations(cluster.name(), emptyToNull(query.get("namespace")),
                    emptyToNull(query.get("serviceAccount"))), PodIdentityAssociationRecord::associationId, query);
            ObjectNode out = EksJson.object();
            out.putArray("associations").addAll(page.items().stream().map(EksJson::summary).toList());
            return ok(withToken(out, page));
        }
        if (seg.size() == 3 && method.equals("POST")) {
            JsonNode body = body(request);
            var spec = new EksService.AssociationSpec(EksJson.text(body, "namespace"), EksJson.text(body, "serviceAccount"),
                    EksJson.text(body, "roleArn"), EksJson.text(body, "targetRoleArn"), EksJson.bool(body, "disableSessionTags"),
                    EksJson.text(body, "policy"), EksJson.tags(body));
            var created = eks.createAssociation(cluster, spec, EksJson.text(body, "clientRequestToken"), null);
            return ok(EksJson.object().set("association", EksJson.association(created)));
        }
        if (seg.size() != 4) {
            throw unknownOperation(request);
        }
        String id = seg.get(3);
        return switch (method) {
            case "GET" -> ok(EksJson.object().set("association", EksJson.association(eks.describeAssociation(cluster, id))));
            case "POST" -> {
                JsonNode body = body(request);
                var change = new EksService.AssociationSpec(null, null, EksJson.text(body, "roleArn"),
                        EksJson.text(body, "targetRoleArn"), EksJson.bool(body, "disableSessionTags"),
                        EksJson.text(body, "policy"), null);
                yield ok(EksJson.object().set("association", EksJson.association(eks.updateAssociation(cluster, id, change, false))));
            }
            case "DELETE" -> ok(EksJson.object().set("association", EksJson.association(eks.deleteAssociation(cluster, id, false))));
            default -> throw unknownOperation(request);
        };
    }

    private WireResponse addons(ClusterRecord cluster, String method, List<String> seg, Map<String, String> query,
                                WireRequest request) {
        if (seg.size() == 3 && method.equals("GET")) {
            var page = page(addons.list(cluster), n -> n, query);
            ObjectNode out = EksJson.object();
            out.set("addons", EksJson.strings(page.items()));
            return ok(withToken(out, page));
        }
        if (seg.size() == 3 && method.equals("POST")) {
            JsonNode body = body(request);
            String name = EksJson.text(body, "addonName");
            if (name != null && !AddonService.isKnown(name)) {
                throw AwsError.eksInvalidParameter("Addon " + name + " specified is not supported in "
                        + cluster.version() + " cluster version");
            }
            List<AddonService.OwnedAssociation> owned = EksJson.ownedAssociations(body);
            var created = addons.create(cluster, name, EksJson.text(body, "addonVersion"), "CREATING",
                    EksJson.text(body, "serviceAccountRoleArn"), owned == null ? List.of() : owned);
            return ok(EksJson.object().set("addon", EksJson.addon(created)));
        }
        if (seg.size() == 4 && method.equals("GET")) {
            return ok(EksJson.object().set("addon", EksJson.addon(addons.describe(cluster, seg.get(3)))));
        }
        if (seg.size() == 4 && method.equals("DELETE")) {
            return ok(EksJson.object().set("addon", EksJson.addon(addons.delete(cluster, seg.get(3)))));
        }
        if (seg.size() == 5 && method.equals("POST") && seg.get(4).equals("update")) {
            JsonNode body = body(request);
            var u = addons.update(cluster, seg.get(3), EksJson.text(body, "addonVersion"),
                    EksJson.text(body, "serviceAccountRoleArn"), EksJson.ownedAssociations(body));
            return ok(EksJson.object().set("update", EksJson.update(u, false)));
        }
        throw unknownOperation(request);
    }

    /** DescribeAddonConfiguration: which service accounts of an add-on want a role, and with which policies. */
    private static WireResponse addonConfiguration(Map<String, String> query) {
        String name = emptyToNull(query.get("addonName"));
        String version = emptyToNull(query.get("addonVersion"));
        if (name == null || version == null) {
            throw AwsError.eksInvalidParameter("addonName and addonVersion are required.");
        }
        AddonCatalog.Entry entry = AddonCatalog.find(name)
                .orElseThrow(() -> AwsError.eksNotFound("No addon: " + name + " found."));
        ObjectNode out = EksJson.object().put("addonName", name).put("addonVersion", version)
                .put("configurationSchema", AddonCatalog.CONFIGURATION_SCHEMA);
        var configs = out.putArray("podIdentityConfiguration");
        entry.podIdentity().forEach(c -> configs.addObject().put("serviceAccount", c.serviceAccount())
                .set("recommendedManagedPolicies", EksJson.strings(c.recommendedManagedPolicies())));
        return ok(out);
    }

    private static <T> Pages.Page<T> page(List<T> sorted, Function<T, String> key, Map<String, String> query) {
        int max = 100;
        String raw = query.get("maxResults");
        if (raw != null) {
            try {
                max = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw AwsError.eksInvalidParameter("maxResults must be a number, got " + raw + ".");
            }
            if (max < 1 || max > 100) {
                throw AwsError.eksInvalidParameter("maxResults must be between 1 and 100, got " + max + ".");
            }
        }
        String token = emptyToNull(query.get("nextToken"));
        List<T> copy = new ArrayList<>(sorted);
        copy.sort((a, b) -> key.apply(a).compareTo(key.apply(b)));
        return Pages.page(copy, key, token, max, () -> AwsError.eksInvalidParameter("The nextToken is invalid."));
    }

    private static ObjectNode withToken(ObjectNode out, Pages.Page<?> page) {
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    private static JsonNode body(WireRequest request) {
        if (request.body().length == 0) {
            return EksJson.object();
        }
        try {
            JsonNode n = EksJson.MAPPER.readTree(request.body());
            if (n == null || !n.isObject()) {
                throw new AwsError("SerializationException", 400, "The request body must be a JSON object.");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new AwsError("SerializationException", 400, "The request body is not valid JSON.");
        } catch (java.io.IOException e) {
            throw new AwsError("SerializationException", 400, "The request body could not be read.");
        }
    }

    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath == null ? new String[0] : rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(EksRestApi::decodeSegment)
                .toList();
    }

    private static String decodeSegment(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsError.eksInvalidParameter("Malformed path segment: " + s);
        }
    }

    private static AwsError unknownOperation(WireRequest request) {
        return new AwsError("UnknownOperationException", 404,
                "No operation matches " + request.method() + " " + request.rawPath());
    }

    private static String emptyToNull(String s) {
        return EksService.emptyToNull(s);
    }
}
