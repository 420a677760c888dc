package io.eksid.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON shapes of the EKS REST-JSON protocol: reading request members with EKS's parameter errors,
 * writing the model's response shapes. Timestamps are epoch seconds as JSON numbers.
 */
final class EksJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private EksJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3);
    }

    /** A string member, or null if absent; InvalidParameterException if it has another type. */
    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw AwsError.eksInvalidParameter(field + " must be a string.");
        }
        return n.asText();
    }

    static Boolean bool(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw AwsError.eksInvalidParameter(field + " must be a boolean.");
        }
        return n.asBoolean();
    }

    static Map<String, String> tags(JsonNode body) {
        JsonNode n = body.get("tags");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw AwsError.eksInvalidParameter("tags must be a map of strings.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw AwsError.eksInvalidParameter("tag " + e.getKey() + " must have a string value.");
            }
            tags.put(e.getKey(), e.getValue().asText());
        });
        return tags;
    }

    static List<AddonService.OwnedAssociation> ownedAssociations(JsonNode body) {
        JsonNode n = body.get("podIdentityAssociations");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw AwsError.eksInvalidParameter("podIdentityAssociations must be a list.");
        }
        List<AddonService.OwnedAssociation> out = new java.util.ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isObject()) {
                throw AwsError.eksInvalidParameter("podIdentityAssociations entries must be objects.");
            }
            out.add(new AddonService.OwnedAssociation(text(item, "serviceAccount"), text(item, "roleArn")));
        }
        return out;
    }

    static ObjectNode cluster(ClusterRecord c) {
        ObjectNode n = object()
                .put("name", c.name())
                .put("arn", c.arn())
                .put("createdAt", epochSeconds(c.createdAt()))
                .put("version", c.version())
                .put("endpoint", c.endpoint());
        n.putObject("kubernetesNetworkConfig").put("serviceIpv4Cidr", "10.100.0.0/16").put("ipFamily", "ipv4");
        if (c.oidcIssuerUrl() != null) {
            n.putObject("identity").putObject("oidc").put("issuer", c.oidcIssuerUrl());
        }
        n.put("status", "ACTIVE");
        if (c.certificateAuthorityData() != null) {
            n.putObject("certificateAuthority").put("data", c.certificateAuthorityData());
        }
        n.put("platformVersion", c.platformVersion());
        n.putObject("tags");
        n.putObject("health").putArray("issues");
        n.putObject("accessConfig").put("authenticationMode", "API_AND_CONFIG_MAP");
        if (c.autoMode()) {
            ObjectNode compute = n.putObject("computeConfig").put("enabled", true);
            compute.putArray("nodePools").add("general-purpose").add("system");
            compute.put("nodeRoleArn", "arn:" + EksService.partitionOf(c.region()) + ":iam::" + c.accountId()
                    + ":role/" + c.name() + "-auto-mode-node-role");
            n.putObject("storageConfig").putObject("blockStorage").put("enabled", true);
        }
        return n;
    }

    static ObjectNode association(PodIdentityAssociationRecord a) {
        ObjectNode n = object()
                .put("clusterName", a.clusterName())
                .put("namespace", a.namespace())
                .put("serviceAccount", a.serviceAccount())
                .put("roleArn", a.roleArn())
                .put("associationArn", a.associationArn())
                .put("associationId", a.associationId());
        ObjectNode tags = n.putObject("tags");
        a.tags().forEach(tags::put);
        n.put("createdAt", epochSeconds(a.createdAt())).put("modifiedAt", epochSeconds(a.modifiedAt()));
        putIfPresent(n, "ownerArn", a.ownerArn());
        n.put("disableSessionTags", a.disableSessionTags());
        putIfPresent(n, "targetRoleArn", a.targetRoleArn());
        putIfPresent(n, "externalId", a.externalId());
        putIfPresent(n, "policy", a.policy());
        return n;
    }

    /** List results carry no roleArn (FACTS.md): callers must Describe each association. */
    static ObjectNode summary(PodIdentityAssociationRecord a) {
        ObjectNode n = object()
                .put("clusterName", a.clusterName())
                .put("namespace", a.namespace())
                .put("serviceAccount", a.serviceAccount())
                .put("associationArn", a.associationArn())
                .put("associationId", a.associationId());
        putIfPresent(n, "ownerArn", a.ownerArn());
        return n;
    }

    static ObjectNode addon(AddonRecord a) {
        ObjectNode n = object()
                .put("addonName", a.addonName())
                .put("clusterName", a.clusterName())
                .put("status", a.status())
                .put("addonVersion", a.addonVersion());
        n.putObject("health").putArray("issues");
        n.put("addonArn", a.addonArn())
                .put("createdAt", epochSeconds(a.createdAt()))
                .put("modifiedAt", epochSeconds(a.modifiedAt()));
        putIfPresent(n, "serviceAccountRoleArn", a.serviceAccountRoleArn());
        n.putObject("tags");
        ArrayNode arns = n.putArray("podIdentityAssociations");
        a.podIdentityAssociationArns().forEach(arns::add);
        return n;
    }

    static ObjectNode update(AddonService.AddonUpdate u, boolean settled) {
        ObjectNode n = object()
                .put("id", u.id())
                .put("status", settled ? "Successful" : "InProgress")
                .put("type", "AddonUpdate");
        ArrayNode params = n.putArray("params");
        u.params().forEach((k, v) -> params.addObject().put("type", k).put("value", v));
        n.put("createdAt", epochSeconds(u.createdAt()));
        n.putArray("errors");
        return n;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
