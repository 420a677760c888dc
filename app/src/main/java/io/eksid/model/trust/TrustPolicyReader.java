package io.eksid.model.trust;

import io.eksid.model.trust.PolicyNode.JArray;
import io.eksid.model.trust.PolicyNode.JBool;
import io.eksid.model.trust.PolicyNode.JNumber;
import io.eksid.model.trust.PolicyNode.JObject;
import io.eksid.model.trust.PolicyNode.JString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON tree into a {@link TrustPolicy}, enforcing what IAM enforces for role trust policies. Each error
 * names the element path, e.g. {@code Statement[2].Condition.StringEquals}, and what was expected there.
 */
final class TrustPolicyReader {

    static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS =
            Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Condition");

    private TrustPolicyReader() {
    }

    static TrustPolicy read(PolicyNode root) throws PolicyParseException {
        Envelope doc = envelope(root);
        if (doc.listForm() && doc.statements().isEmpty()) {
            throw new PolicyParseException("Statement", "Statement is empty: a trust policy needs at least one"
                    + " statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < doc.statements().size(); i++) {
            statements.add(statement(doc.statements().get(i), doc.path(i)));
        }
        return new TrustPolicy(doc.version(), doc.id(), statements, doc.listForm());
    }

    /**
     * The part of a policy document every kind shares: a JSON object with only Version, Id and Statement, the
     * Statement an object or a list of them.
     */
    record Envelope(String version, String id, List<PolicyNode> statements, boolean listForm) {

        /** The element path of statement {@code i}, for errors. */
        String path(int i) {
            return listForm ? "Statement[" + i + "]" : "Statement";
        }
    }

    static Envelope envelope(PolicyNode root) throws PolicyParseException {
        if (!(root instanceof JObject doc)) {
            throw new PolicyParseException("document", "a policy document must be a JSON object, found "
                    + root.kindName());
        }
        for (String field : doc.members().keySet()) {
            if (!TOP_LEVEL.contains(field)) {
                throw new PolicyParseException(field, "unknown top-level field \"" + field
                        + "\" (a policy document has Version, Id and Statement)");
            }
        }
        String version = version(doc);
        PolicyNode idNode = doc.members().get("Id");
        String id = idNode == null ? null : string(idNode, "Id");
        PolicyNode st = doc.members().get("Statement");
        if (st == null) {
            throw new PolicyParseException("Statement", "the policy has no Statement");
        }
        if (st instanceof JArray arr) {
            return new Envelope(version, id, arr.items(), true);
        }
        if (st instanceof JObject) {
            return new Envelope(version, id, List.of(st), false);
        }
        throw new PolicyParseException("Statement", "Statement must be an object or an array of objects, found "
                + st.kindName());
    }

    /** The Version element: null when absent, else one of the two versions IAM accepts. */
    static String version(JObject doc) throws PolicyParseException {
        PolicyNode v = doc.members().get("Version");
        if (v == null) {
            return null;
        }
        if (!(v instanceof JString vs)) {
            throw new PolicyParseException("Version", "Version must be a string, found " + v.kindName());
        }
        if (!VERSIONS.contains(vs.value())) {
            throw new PolicyParseException("Version", "unsupported Version \"" + vs.value()
                    + "\" (IAM accepts 2012-10-17 or 2008-10-17)");
        }
        return vs.value();
    }

    private static Statement statement(PolicyNode node, String path) throws PolicyParseException {
        if (!(node instanceof JObject obj)) {
            throw new PolicyParseException(path, "a statement must be an object, found " + node.kindName());
        }
        Map<String, PolicyNode> m = obj.members();
        for (String field : m.keySet()) {
            if (field.equals("Resource") || field.equals("NotResource")) {
                throw new PolicyParseException(path + "." + field, "a role trust policy cannot have " + field
                        + " (IAM rejects it: the role itself is the resource)");
            }
            if (!STATEMENT_FIELDS.contains(field)) {
                throw new PolicyParseException(path + "." + field, "unknown statement field \"" + field
                        + "\" (expected Sid, Effect, Principal or NotPrincipal, Action or NotAction, Condition)");
            }
        }
        String sid = m.containsKey("Sid") ? string(m.get("Sid"), path + ".Sid") : null;
        PolicyNode eff = m.get("Effect");
        if (eff == null) {
            throw new PolicyParseException(path, "the statement has no Effect (expected \"Allow\" or \"Deny\")");
        }
        String effText = string(eff, path + ".Effect");
        Effect effect = Effect.fromJson(effText).orElseThrow(() -> new PolicyParseException(path + ".Effect",
                "unknown Effect \"" + effText + "\" (expected \"Allow\" or \"Deny\", spelled exactly so)"));

        boolean hasP = m.containsKey("Principal");
        boolean hasNp = m.containsKey("NotPrincipal");
        if (hasP && hasNp) {
            throw new PolicyParseException(path, "a statement cannot have both Principal and NotPrincipal");
        }
        if (!hasP && !hasNp) {
            throw new PolicyParseException(path, "the statement has no Principal: every statement of a role trust"
                    + " policy must say who may assume the role");
        }
        String pField = hasP ? "Principal" : "NotPrincipal";
        Principal principal = principal(m.get(pField), path + "." + pField);

        boolean hasA = m.containsKey("Action");
        boolean hasNa = m.containsKey("NotAction");
        if (hasA && hasNa) {
            throw new PolicyParseException(path, "a statement cannot have both Action and NotAction");
        }
        if (!hasA && !hasNa) {
            throw new PolicyParseException(path, "the statement has no Action (for example \"sts:AssumeRole\")");
        }
        String aField = hasA ? "Action" : "NotAction";
        StringValues actions = stringValues(m.get(aField), path + "." + aField);
        for (int i = 0; i < actions.values().size(); i++) {
            String a = actions.values().get(i);
            if (!a.equals("*") && (a.indexOf(':') <= 0 || a.indexOf(':') == a.length() - 1)) {
                throw new PolicyParseException(path + "." + aField + (actions.listForm() ? "[" + i + "]" : ""),
                        "action \"" + a + "\" must be \"*\" or service:action, e.g. \"sts:AssumeRole\"");
            }
        }
        Map<String, Map<String, ConditionValues>> condition = null;
        if (m.containsKey("Condition")) {
            condition = condition(m.get("Condition"), path + ".Condition");
        }
        return new Statement(sid, effect, principal, hasNp, actions, hasNa, condition);
    }

    private static Principal principal(PolicyNode node, String path) throws PolicyParseException {
        if (node instanceof JString s) {
            if (s.value().equals("*")) {
                return Principal.any();
            }
            throw new PolicyParseException(path, "a principal must be \"*\" or an object such as"
                    + " {\"AWS\": \"arn:aws:iam::123456789012:root\"}, found the string \"" + s.value() + "\"");
        }
        if (!(node instanceof JObject obj)) {
            throw new PolicyParseException(path, "a principal must be \"*\" or an object, found " + node.kindName());
        }
        if (obj.members().isEmpty()) {
            throw new PolicyParseException(path, "the principal object is empty");
        }
        Map<String, StringValues> byType = new LinkedHashMap<>();
        for (Map.Entry<String, PolicyNode> e : obj.members().entrySet()) {
            if (!Principal.TYPES.contains(e.getKey())) {
                throw new PolicyParseException(path + "." + e.getKey(), "unknown principal type \"" + e.getKey()
                        + "\" (expected AWS, Federated, Service or CanonicalUser)");
            }
            byType.put(e.getKey(), stringValues(e.getValue(), path + "." + e.getKey()));
        }
        return new Principal(false, byType);
    }

    static StringValues stringValues(PolicyNode node, String path) throws PolicyParseException {
        if (node instanceof JString s) {
            if (s.value().isEmpty()) {
                throw new PolicyParseException(path, "the value is an empty string");
            }
            return StringValues.of(s.value());
        }
        if (node instanceof JArray arr) {
            if (arr.items().isEmpty()) {
                throw new PolicyParseException(path, "the list is empty: give at least one value");
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < arr.items().size(); i++) {
                String v = string(arr.items().get(i), path + "[" + i + "]");
                if (v.isEmpty()) {
                    throw new PolicyParseException(path + "[" + i + "]", "the value is an empty string");
                }
                values.add(v);
            }
            return StringValues.list(values);
        }
        throw new PolicyParseException(path, "expected a string or a list of strings, found " + node.kindName());
    }

    static Map<String, Map<String, ConditionValues>> condition(PolicyNode node, String path)
            throws PolicyParseException {
        if (!(node instanceof JObject obj)) {
            throw new PolicyParseException(path, "Condition must be an object of operators, found "
                    + node.kindName());
        }
        Map<String, Map<String, ConditionValues>> out = new LinkedHashMap<>();
        for (Map.Entry<String, PolicyNode> op : obj.members().entrySet()) {
            String opPath = path + "." + op.getKey();
            if (!(op.getValue() instanceof JObject keys)) {
                throw new PolicyParseException(opPath, "the operator " + op.getKey()
                        + " must map condition keys to values, found " + op.getValue().kindName());
            }
            if (keys.members().isEmpty()) {
                throw new PolicyParseException(opPath, "the operator " + op.getKey() + " has no condition keys");
            }
            Map<String, ConditionValues> byKey = new LinkedHashMap<>();
            for (Map.Entry<String, PolicyNode> k : keys.members().entrySet()) {
                byKey.put(k.getKey(), conditionValues(k.getValue(), opPath + "." + k.getKey()));
            }
            out.put(op.getKey(), byKey);
        }
        return out;
    }

    private static ConditionValues conditionValues(PolicyNode node, String path) throws PolicyParseException {
        if (node instanceof JArray arr) {
            if (arr.items().isEmpty()) {
                throw new PolicyParseException(path, "the list of condition values is empty");
            }
            List<PolicyValue> values = new ArrayList<>();
            for (int i = 0; i < arr.items().size(); i++) {
                values.add(scalar(arr.items().get(i), path + "[" + i + "]"));
            }
            return new ConditionValues(values, true);
        }
        return new ConditionValues(List.of(scalar(node, path)), false);
    }

    private static PolicyValue scalar(PolicyNode node, String path) throws PolicyParseException {
        if (node instanceof JString s) {
            return new PolicyValue(s.value(), PolicyValue.Kind.STRING);
        }
        if (node instanceof JBool b) {
            return new PolicyValue(String.valueOf(b.value()), PolicyValue.Kind.BOOLEAN);
        }
        if (node instanceof JNumber n) {
            return new PolicyValue(n.literal(), PolicyValue.Kind.NUMBER);
        }
        throw new PolicyParseException(path, "a condition value must be a string, boolean or number, found "
                + node.kindName());
    }

    static String string(PolicyNode node, String path) throws PolicyParseException {
        if (node instanceof JString s) {
            return s.value();
        }
        throw new PolicyParseException(path, "expected a string, found " + node.kindName());
    }
}
