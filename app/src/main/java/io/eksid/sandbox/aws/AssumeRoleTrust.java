package io.eksid.sandbox.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides whether a role's trust policy lets an AWS principal call {@code sts:AssumeRole}: the
 * emulator's own, deliberately small evaluator (it shares nothing with the app's). A Deny that
 * applies wins; otherwise an Allow must apply. Conditions are understood for the keys
 * {@code sts:ExternalId}, {@code aws:PrincipalArn} and {@code aws:PrincipalAccount} with the
 * String/Arn Equals/Like operators (and their {@code IfExists} forms); any other condition makes its
 * statement not apply, so the emulator errs towards AccessDenied rather than granting too much.
 */
final class AssumeRoleTrust {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The facts a trust policy is evaluated against. */
    record Request(String principalArn, String accountId, String externalId) {
    }

    private AssumeRoleTrust() {
    }

    static boolean allows(String trustPolicy, Request request) {
        JsonNode root;
        try {
            root = JSON.readTree(trustPolicy);
        } catch (JsonProcessingException e) {
            return false;
        }
        JsonNode statements = root.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        boolean allowed = false;
        for (JsonNode s : list) {
            if (applies(s, request)) {
                if ("Deny".equals(s.path("Effect").asText())) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    private static boolean applies(JsonNode s, Request r) {
        boolean actionMatches = s.has("Action")
                ? values(s.get("Action")).stream().anyMatch(a -> glob(a.toLowerCase(Locale.ROOT), "sts:assumerole"))
                : s.has("NotAction") && values(s.get("NotAction")).stream().noneMatch(a -> glob(a.toLowerCase(Locale.ROOT), "sts:assumerole"));
        return actionMatches && s.has("Principal") && principalMatches(s.get("Principal"), r)
                && conditionsHold(s.get("Condition"), r);
    }

    private static boolean principalMatches(JsonNode principal, Request r) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (String p : values(principal.get("AWS"))) {
            if (p.equals("*") || p.equals(r.accountId()) || p.equals(r.principalArn())
                    || p.matches("arn:[a-z-]+:iam::" + r.accountId() + ":root")) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(JsonNode condition, Request r) {
        if (condition == null) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            String operator = op.getKey();
            boolean ifExists = operator.endsWith("IfExists");
            String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                String actual = contextValue(key.getKey(), r);
                if (actual == null && !knownKey(key.getKey())) {
                    return false;
                }
                if (actual == null) {
                    if (!ifExists) {
                        return false;
                    }
                    continue;
                }
                boolean like = base.equals("StringLike") || base.equals("ArnLike");
                boolean equals = base.equals("StringEquals") || base.equals("ArnEquals");
                if (!like && !equals) {
                    return false;
                }
                boolean any = values(key.getValue()).stream().anyMatch(v -> like ? glob(v, actual) : v.equals(actual));
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean knownKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.equals("sts:externalid") || k.equals("aws:principalarn") || k.equals("aws:principalaccount");
    }

    private static String contextValue(String key, Request r) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "sts:externalid" -> r.externalId();
            case "aws:principalarn" -> r.principalArn();
            case "aws:principalaccount" -> r.accountId();
            default -> null;
        };
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} any one character. */
    static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }
}
