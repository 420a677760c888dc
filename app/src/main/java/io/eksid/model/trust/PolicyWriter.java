package io.eksid.model.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.eksid.model.json.Json;
import java.util.Map;

/**
 * Prints policies as JSON through {@link Json}: compact (for IAM and size checks) or indented by two spaces (for
 * display and diffs). Fields come in canonical order (Version, Id, Statement; Sid, Effect, Principal, Action,
 * Resource, Condition); values keep the author's form (string or list, string/boolean/number, a number's literal).
 */
final class PolicyWriter {

    private PolicyWriter() {
    }

    static String compact(TrustPolicy p) {
        return Json.compact(node(p));
    }

    static String pretty(TrustPolicy p) {
        return Json.pretty(node(p));
    }

    static String compact(PermissionPolicy p) {
        return Json.compact(node(p));
    }

    static String pretty(PermissionPolicy p) {
        return Json.pretty(node(p));
    }

    static ObjectNode node(TrustPolicy p) {
        ObjectNode doc = envelope(p.version(), p.id());
        if (p.statementListForm()) {
            ArrayNode list = doc.putArray("Statement");
            p.statements().forEach(s -> list.add(node(s)));
        } else {
            doc.set("Statement", node(p.statements().get(0)));
        }
        return doc;
    }

    static ObjectNode node(PermissionPolicy p) {
        ObjectNode doc = envelope(p.version(), null);
        ArrayNode list = doc.putArray("Statement");
        p.statements().forEach(s -> list.add(node(s)));
        return doc;
    }

    static ObjectNode node(Statement s) {
        ObjectNode out = head(s.sid(), s.effect());
        out.set(s.notPrincipal() ? "NotPrincipal" : "Principal", principal(s.principal()));
        out.set(s.notAction() ? "NotAction" : "Action", strings(s.actions()));
        condition(out, s.condition());
        return out;
    }

    static ObjectNode node(PermissionStatement s) {
        ObjectNode out = head(s.sid(), s.effect());
        out.set(s.notAction() ? "NotAction" : "Action", strings(s.actions()));
        out.set(s.notResource() ? "NotResource" : "Resource", strings(s.resources()));
        condition(out, s.condition());
        return out;
    }

    private static ObjectNode envelope(String version, String id) {
        ObjectNode doc = Json.object();
        if (version != null) {
            doc.put("Version", version);
        }
        if (id != null) {
            doc.put("Id", id);
        }
        return doc;
    }

    private static ObjectNode head(String sid, Effect effect) {
        ObjectNode out = Json.object();
        if (sid != null) {
            out.put("Sid", sid);
        }
        out.put("Effect", effect.json());
        return out;
    }

    private static JsonNode principal(Principal p) {
        if (p.wildcard()) {
            return TextNode.valueOf("*");
        }
        ObjectNode out = Json.object();
        p.byType().forEach((type, values) -> out.set(type, strings(values)));
        return out;
    }

    private static void condition(ObjectNode statement, Map<String, Map<String, ConditionValues>> condition) {
        if (condition == null) {
            return;
        }
        ObjectNode out = statement.putObject("Condition");
        condition.forEach((operator, keys) -> {
            ObjectNode byKey = out.putObject(operator);
            keys.forEach((key, values) -> byKey.set(key, conditionValues(values)));
        });
    }

    private static JsonNode strings(StringValues v) {
        if (!v.listForm()) {
            return TextNode.valueOf(v.values().get(0));
        }
        ArrayNode out = Json.array();
        v.values().forEach(out::add);
        return out;
    }

    private static JsonNode conditionValues(ConditionValues v) {
        if (!v.listForm()) {
            return scalar(v.values().get(0));
        }
        ArrayNode out = Json.array();
        v.values().forEach(value -> out.add(scalar(value)));
        return out;
    }

    /** Booleans and numbers are written as their literal text, so {@code 2.5e3} stays {@code 2.5e3}. */
    private static JsonNode scalar(PolicyValue v) {
        return v.kind() == PolicyValue.Kind.STRING ? TextNode.valueOf(v.text())
                : JsonNodeFactory.instance.rawValueNode(new RawValue(v.text()));
    }
}
