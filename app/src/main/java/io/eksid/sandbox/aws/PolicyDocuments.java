package io.eksid.sandbox.aws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks IAM applies to a policy document before storing it, with IAM's own messages
 * ({@code MalformedPolicyDocument}). Written independently of the app's trust-policy parser on
 * purpose: the emulator must be able to disagree with it.
 */
final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    private PolicyDocuments() {
    }

    /** IAM does not count white space when it measures a policy against its quota (FACTS.md, IAM). */
    static int nonWhitespaceLength(String document) {
        int n = 0;
        for (int i = 0; i < document.length(); ) {
            int cp = document.codePointAt(i);
            if (!Character.isWhitespace(cp)) {
                n++;
            }
            i += Character.charCount(cp);
        }
        return n;
    }

    /** A role trust policy: statements need a principal, no resource, and only STS actions. */
    static void validateTrustPolicy(String document) {
        for (JsonNode statement : statements(document)) {
            if (statement.has("Resource") || statement.has("NotResource")) {
                throw AwsError.malformedPolicy("Has prohibited field " + (statement.has("Resource") ? "Resource" : "NotResource"));
            }
            if (!statement.has("Principal") && !statement.has("NotPrincipal")) {
                throw AwsError.malformedPolicy("Missing required field Principal");
            }
            validatePrincipal(statement.has("Principal") ? statement.get("Principal") : statement.get("NotPrincipal"));
            for (String action : actions(statement)) {
                String lower = action.toLowerCase(Locale.ROOT);
                if (!lower.equals("*") && !lower.startsWith("sts:")) {
                    throw AwsError.malformedPolicy("AssumeRole policy may only specify STS AssumeRole actions.");
                }
            }
        }
    }

    /** An identity (inline or managed) policy: statements need a resource and must not name a principal. */
    static void validatePermissionsPolicy(String document) {
        for (JsonNode statement : statements(document)) {
            if (statement.has("Principal") || statement.has("NotPrincipal")) {
                throw AwsError.malformedPolicy("Policy document should not specify a principal.");
            }
            if (!statement.has("Resource") && !statement.has("NotResource")) {
                throw AwsError.malformedPolicy("Policy statement must contain resources.");
            }
            actions(statement);
        }
    }

    /** Every value of an {@code AWS} principal in a (valid) policy, in order. */
    static java.util.List<String> awsPrincipals(String document) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode statement : statements(document)) {
            JsonNode principal = statement.has("Principal") ? statement.get("Principal") : statement.get("NotPrincipal");
            JsonNode aws = principal == null || !principal.isObject() ? null : principal.get("AWS");
            if (aws != null) {
                stringOrArray(aws).forEach(n -> out.add(n.asText()));
            }
        }
        return out;
    }

    private static Iterable<JsonNode> statements(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw AwsError.malformedPolicy("This policy contains invalid Json");
        }
        if (root == null || !root.isObject()) {
            throw AwsError.malformedPolicy("This policy contains invalid Json");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            if (!TOP_LEVEL.contains(it.next())) {
                throw AwsError.malformedPolicy("Syntax errors in policy.");
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && (!version.isTextual() || !VERSIONS.contains(version.asText()))) {
            throw AwsError.malformedPolicy("The policy must contain a valid version string");
        }
        JsonNode statement = root.get("Statement");
        if (statement == null) {
            throw AwsError.malformedPolicy("Missing required field Statement");
        }
        if (statement.isObject()) {
            statement = JSON.createArrayNode().add(statement);
        }
        if (!statement.isArray() || statement.isEmpty()) {
            throw AwsError.malformedPolicy("Syntax errors in policy.");
        }
        for (JsonNode s : statement) {
            validateStatementShape(s);
        }
        return statement;
    }

    private static void validateStatementShape(JsonNode s) {
        if (!s.isObject()) {
            throw AwsError.malformedPolicy("Syntax errors in policy.");
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!STATEMENT_FIELDS.contains(field)) {
                throw AwsError.malformedPolicy("Syntax errors in policy.");
            }
        }
        JsonNode effect = s.get("Effect");
        if (effect == null) {
            throw AwsError.malformedPolicy("Missing required field Effect");
        }
        if (!effect.isTextual() || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
            throw AwsError.malformedPolicy("Invalid effect: " + effect.asText());
        }
        if (s.has("Action") == s.has("NotAction")) {
            throw AwsError.malformedPolicy(s.has("Action") ? "Syntax errors in policy." : "Missing required field Action");
        }
        if (s.has("Sid") && !s.get("Sid").isTextual()) {
            throw AwsError.malformedPolicy("Syntax errors in policy.");
        }
        JsonNode condition = s.get("Condition");
        if (condition != null) {
            validateCondition(condition);
        }
    }

    private static Iterable<String> actions(JsonNode statement) {
        JsonNode node = statement.has("Action") ? statement.get("Action") : statement.get("NotAction");
        java.util.List<String> result = new java.util.ArrayList<>();
        for (JsonNode a : stringOrArray(node)) {
            String action = a.asText();
            if (!action.equals("*") && !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                throw AwsError.malformedPolicy("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
            result.add(action);
        }
        return result;
    }

    private static void validatePrincipal(JsonNode principal) {
        if (principal.isTextual()) {
            if (!principal.asText().equals("*")) {
                throw AwsError.malformedPolicy("Invalid principal in policy: " + principal.asText());
            }
            return;
        }
        if (!principal.isObject() || principal.isEmpty()) {
            throw AwsError.malformedPolicy("Syntax errors in policy.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = principal.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!PRINCIPAL_TYPES.contains(e.getKey())) {
                throw AwsError.malformedPolicy("Invalid principal in policy: \"" + e.getKey() + "\"");
            }
            for (JsonNode value : stringOrArray(e.getValue())) {
                String v = value.asText();
                boolean ok = switch (e.getKey()) {
                    case "AWS" -> v.equals("*") || v.matches("\\d{12}") || v.startsWith("arn:");
                    case "Service" -> v.matches("[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?");
                    case "Federated" -> v.startsWith("arn:") || v.matches("[a-z0-9.-]+\\.[a-z]+");
                    default -> !v.isBlank();
                };
                if (!ok) {
                    throw AwsError.malformedPolicy("Invalid principal in policy: \"" + e.getKey() + "\":\"" + v + "\"");
                }
            }
        }
    }

    private static void validateCondition(JsonNode condition) {
        if (!condition.isObject()) {
            throw AwsError.malformedPolicy("Syntax errors in policy.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = condition.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> op = it.next();
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw AwsError.malformedPolicy("Syntax errors in policy.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                JsonNode values = keys.next().getValue();
                if (values.isArray()) {
                    for (JsonNode v : values) {
                        if (!v.isValueNode()) {
                            throw AwsError.malformedPolicy("Syntax errors in policy.");
                        }
                    }
                } else if (!values.isValueNode()) {
                    throw AwsError.malformedPolicy("Syntax errors in policy.");
                }
            }
        }
    }

    private static Iterable<JsonNode> stringOrArray(JsonNode node) {
        if (node.isTextual()) {
            return java.util.List.of(node);
        }
        if (node.isArray() && !node.isEmpty()) {
            for (JsonNode n : node) {
                if (!n.isTextual()) {
                    throw AwsError.malformedPolicy("Syntax errors in policy.");
                }
            }
            return node;
        }
        throw AwsError.malformedPolicy("Syntax errors in policy.");
    }
}
