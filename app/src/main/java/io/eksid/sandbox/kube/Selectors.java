package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Label and field selectors as the API server parses them: label selectors with {@code =}, {@code ==},
 * {@code !=}, {@code in}, {@code notin}, existence and {@code !key}; field selectors with {@code =}, {@code ==}
 * and {@code !=} on {@code metadata.name}, {@code metadata.namespace}, {@code spec.nodeName},
 * {@code spec.serviceAccountName} and {@code status.phase}.
 */
final class Selectors {

    private static final Set<String> FIELDS = Set.of("metadata.name", "metadata.namespace", "spec.nodeName",
            "spec.serviceAccountName", "status.phase", "spec.schedulerName", "involvedObject.name",
            "involvedObject.namespace", "involvedObject.kind", "involvedObject.uid");

    private Selectors() {
    }

    static Predicate<JsonNode> labels(String selector) {
        if (selector == null || selector.isBlank()) {
            return o -> true;
        }
        List<Predicate<JsonNode>> terms = new ArrayList<>();
        for (String term : splitTerms(selector)) {
            terms.add(labelTerm(term.trim(), selector));
        }
        return o -> terms.stream().allMatch(t -> t.test(o.path("metadata").path("labels")));
    }

    static Predicate<JsonNode> fields(String selector, ResourceType type) {
        if (selector == null || selector.isBlank()) {
            return o -> true;
        }
        List<Predicate<JsonNode>> terms = new ArrayList<>();
        for (String raw : selector.split(",")) {
            String term = raw.trim();
            boolean negate = term.contains("!=");
            String[] parts = term.split(negate ? "!=" : "==?", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw ApiError.badRequest("invalid field selector: \"" + selector + "\"");
            }
            String field = parts[0].trim();
            String value = parts[1].trim();
            if (!FIELDS.contains(field)) {
                throw ApiError.badRequest("field label not supported: " + field);
            }
            String[] path = field.split("\\.");
            terms.add(o -> {
                JsonNode n = o;
                for (String p : path) {
                    n = n.path(p);
                }
                boolean equal = n.asText("").equals(value);
                return negate != equal;
            });
        }
        return o -> terms.stream().allMatch(t -> t.test(o));
    }

    /** Splits on commas outside parentheses ("a in (x,y),b" has two terms). */
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    private static Predicate<JsonNode> labelTerm(String term, String selector) {
        if (term.isEmpty()) {
            throw ApiError.badRequest("unable to parse requirement: found '', expected: identifier (in \"" + selector + "\")");
        }
        String[] setOp = term.split("\\s+(notin|in)\\s+", 2);
        if (setOp.length == 2) {
            boolean notIn = term.matches(".*\\s+notin\\s+.*");
            String key = setOp[0].trim();
            String list = setOp[1].trim();
            if (!list.startsWith("(") || !list.endsWith(")")) {
                throw ApiError.badRequest("unable to parse requirement: expected '(' in \"" + selector + "\"");
            }
            Set<String> values = Arrays.stream(list.substring(1, list.length() - 1).split(","))
                    .map(String::trim).collect(Collectors.toSet());
            return labels -> {
                JsonNode v = labels.get(key);
                boolean in = v != null && values.contains(v.asText());
                return notIn ? !in : in;
            };
        }
        if (term.contains("!=")) {
            String[] kv = term.split("!=", 2);
            String key = kv[0].trim();
            String value = kv[1].trim();
            return labels -> !value.equals(labels.path(key).asText(null));
        }
        if (term.contains("=")) {
            String[] kv = term.split("==?", 2);
            String key = kv[0].trim();
            String value = kv[1].trim();
            requireKey(key, selector);
            return labels -> value.equals(labels.path(key).asText(null));
        }
        if (term.startsWith("!")) {
            String key = term.substring(1).trim();
            requireKey(key, selector);
            return labels -> !labels.has(key);
        }
        requireKey(term, selector);
        return labels -> labels.has(term);
    }

    private static void requireKey(String key, String selector) {
        if (!key.matches("([a-z0-9A-Z.\\-]+/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?")) {
            throw ApiError.badRequest("unable to parse requirement: invalid label key \"" + key + "\" in \"" + selector + "\"");
        }
    }
}
