package io.eksid.model.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.eksid.model.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes HCL the way {@code terraform fmt} lays it out: two-space indent, and the {@code =} of consecutive
 * single-line attributes aligned (a multi-line value, a blank line, a comment or a block ends an alignment run).
 */
final class Hcl {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    /** A block body under construction. */
    static final class Body {
        private sealed interface Item permits Attr, Raw {
        }

        private record Attr(String key, String value) implements Item {
            boolean singleLine() {
                return value.indexOf('\n') < 0;
            }
        }

        private record Raw(String text) implements Item {
        }

        private final List<Item> items = new ArrayList<>();

        Body attr(String key, String expression) {
            items.add(new Attr(key, expression));
            return this;
        }

        Body string(String key, String value) {
            return attr(key, quote(value));
        }

        Body comment(String text) {
            for (String line : text.split("\n", -1)) {
                items.add(new Raw(line.isEmpty() ? "#" : "# " + line));
            }
            return this;
        }

        Body blank() {
            items.add(new Raw(""));
            return this;
        }

        Body block(String header, Body body) {
            items.add(new Raw(header + " {\n" + body.render() + "}"));
            return this;
        }

        /** The body's lines, each indented by two spaces, each ending in a newline. */
        String render() {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < items.size()) {
                Item item = items.get(i);
                if (item instanceof Attr a && a.singleLine()) {
                    int end = i;
                    int width = 0;
                    while (end < items.size() && items.get(end) instanceof Attr b && b.singleLine()) {
                        width = Math.max(width, b.key.length());
                        end++;
                    }
                    for (int k = i; k < end; k++) {
                        Attr b = (Attr) items.get(k);
                        out.append("  ").append(pad(b.key, width)).append(" = ").append(b.value).append('\n');
                    }
                    i = end;
                    continue;
                }
                String text = item instanceof Attr a ? a.key + " = " + a.value : ((Raw) item).text;
                for (String line : text.split("\n", -1)) {
                    out.append(line.isEmpty() ? "" : "  " + line).append('\n');
                }
                i++;
            }
            return out.toString();
        }
    }

    private Hcl() {
    }

    /** A top-level block: {@code resource "type" "name" { ... }}. */
    static String block(String header, Body body) {
        return header + " {\n" + body.render() + "}\n";
    }

    /**
     * An HCL string literal: the JSON literal (whose escapes HCL shares), with {@code ${} and {@code %{} doubled so
     * IAM policy variables stay literal instead of becoming template interpolations.
     */
    static String quote(String s) {
        return Json.quote(s).replace("${", "$${").replace("%{", "%%{");
    }

    /** An object key: bare when it is an identifier, quoted otherwise. */
    static String key(String k) {
        return IDENTIFIER.matcher(k).matches() ? k : quote(k);
    }

    /** A resource name from free text: letters, digits, {@code _} and {@code -}, starting with a letter. */
    static String name(String text) {
        String s = text.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "r_" + s : s;
    }

    /** A JSON value as an HCL expression, laid out like {@code terraform fmt} lays out {@code jsonencode(...)}. */
    static String expression(JsonNode json) {
        if (json.isTextual()) {
            return quote(json.textValue());
        }
        if (json.isArray()) {
            if (json.isEmpty()) {
                return "[]";
            }
            List<String> items = new ArrayList<>();
            boolean nested = false;
            for (JsonNode v : json) {
                items.add(expression(v));
                nested |= v.isContainerNode();
            }
            if (!nested) {
                return "[" + String.join(", ", items) + "]";
            }
            StringBuilder out = new StringBuilder("[\n");
            for (String item : items) {
                for (String line : (item + ",").split("\n", -1)) {
                    out.append("  ").append(line).append('\n');
                }
            }
            return out.append(']').toString();
        }
        if (json.isObject()) {
            if (json.isEmpty()) {
                return "{}";
            }
            Body body = new Body();
            json.properties().forEach(e -> body.attr(key(e.getKey()), expression(e.getValue())));
            return "{\n" + body.render() + "}";
        }
        // null, booleans and numbers are written alike in JSON and HCL
        return json.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
