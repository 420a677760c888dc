package io.eksid.model.trust;

import io.eksid.model.trust.PolicyNode.JObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON tree into a {@link PermissionPolicy}, enforcing what IAM enforces for identity policies,
 * boundaries and session policies: no Principal, exactly one of Action/NotAction and of Resource/NotResource,
 * resources that are {@code *} or ARNs. Errors name the element path as for trust policies.
 */
final class PermissionPolicyReader {

    private static final Set<String> STATEMENT_FIELDS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");

    private PermissionPolicyReader() {
    }

    static PermissionPolicy read(PolicyNode root) throws PolicyParseException {
        TrustPolicyReader.Envelope doc = TrustPolicyReader.envelope(root);
        List<PermissionStatement> statements = new ArrayList<>();
        for (int i = 0; i < doc.statements().size(); i++) {
            statements.add(statement(doc.statements().get(i), doc.path(i)));
        }
        return new PermissionPolicy(doc.version(), statements);
    }

    private static PermissionStatement statement(PolicyNode node, String path) throws PolicyParseException {
        if (!(node instanceof JObject obj)) {
            throw new PolicyParseException(path, "a statement must be an object, found " + node.kindName());
        }
        Map<String, PolicyNode> m = obj.members();
        for (String field : m.keySet()) {
            if (field.equals("Principal") || field.equals("NotPrincipal")) {
                throw new PolicyParseException(path + "." + field, "a permission policy cannot have " + field
                        + " (IAM rejects it: the policy applies to the role it is attached to)");
            }
            if (!STATEMENT_FIELDS.contains(field)) {
                throw new PolicyParseException(path + "." + field, "unknown statement field \"" + field
                        + "\" (expected Sid, Effect, Action or NotAction, Resource or NotResource, Condition)");
            }
        }
        String sid = m.containsKey("Sid") ? TrustPolicyReader.string(m.get("Sid"), path + ".Sid") : null;
        PolicyNode eff = m.get("Effect");
        if (eff == null) {
            throw new PolicyParseException(path, "the statement has no Effect (expected \"Allow\" or \"Deny\")");
        }
        String effText = TrustPolicyReader.string(eff, path + ".Effect");
        Effect effect = Effect.fromJson(effText).orElseThrow(() -> new PolicyParseException(path + ".Effect",
                "unknown Effect \"" + effText + "\" (expected \"Allow\" or \"Deny\", spelled exactly so)"));
        String aField = oneOf(m, path, "Action", "NotAction", "for example \"s3:GetObject\"");
        StringValues actions = TrustPolicyReader.stringValues(m.get(aField), path + "." + aField);
        for (int i = 0; i < actions.values().size(); i++) {
            String a = actions.values().get(i);
            if (!a.equals("*") && (a.indexOf(':') <= 0 || a.indexOf(':') == a.length() - 1)) {
                throw new PolicyParseException(path + "." + aField + (actions.listForm() ? "[" + i + "]" : ""),
                        "action \"" + a + "\" must be \"*\" or service:action, e.g. \"s3:GetObject\"");
            }
        }
        String rField = oneOf(m, path, "Resource", "NotResource", "an ARN or \"*\"");
        StringValues resources = TrustPolicyReader.stringValues(m.get(rField), path + "." + rField);
        for (int i = 0; i < resources.values().size(); i++) {
            String r = resources.values().get(i);
            if (!r.equals("*") && !r.startsWith("arn:")) {
                throw new PolicyParseException(path + "." + rField + (resources.listForm() ? "[" + i + "]" : ""),
                        "resource \"" + r + "\" must be \"*\" or an ARN, e.g. \"arn:aws:s3:::bucket/*\"");
            }
        }
        Map<String, Map<String, ConditionValues>> condition = null;
        if (m.containsKey("Condition")) {
            condition = TrustPolicyReader.condition(m.get("Condition"), path + ".Condition");
        }
        return new PermissionStatement(sid, effect, actions, aField.startsWith("Not"), resources,
                rField.startsWith("Not"), condition);
    }

    private static String oneOf(Map<String, PolicyNode> m, String path, String field, String notField, String example)
            throws PolicyParseException {
        boolean has = m.containsKey(field);
        boolean hasNot = m.containsKey(notField);
        if (has && hasNot) {
            throw new PolicyParseException(path, "a statement cannot have both " + field + " and " + notField);
        }
        if (!has && !hasNot) {
            throw new PolicyParseException(path, "the statement has no " + field + " (" + example + ")");
        }
        return has ? field : notField;
    }
}
