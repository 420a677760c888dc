package io.eksid.model.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** An HCL string literal; {@code ${} and {@code %{} are escaped so IAM policy variables stay literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '$', '%' -> {
                    out.append(c);
                    if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                        out.append(c);
                    }
                }
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
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
    @SuppressWarnings("unchecked")
    static String expression(Object json) {
        if (json == null) {
            return "null";
        }
        if (json instanceof String s) {
            return quote(s);
        }
        if (json instanceof Boolean b) {
            return b.toString();
        }
        if (json instanceof JsonTree.Number n) {
            return n.literal();
        }
        if (json instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            if (list.stream().noneMatch(v -> v instanceof Map || v instanceof List)) {
                return "[" + String.join(", ", list.stream().map(Hcl::expression).toList()) + "]";
            }
            StringBuilder out = new StringBuilder("[\n");
            for (Object v : list) {
                for (String line : (expression(v) + ",").split("\n", -1)) {
                    out.append("  ").append(line).append('\n');
                }
            }
            return out.append(']').toString();
        }
        Map<String, Object> map = (Map<String, Object>) json;
        if (map.isEmpty()) {
            return "{}";
        }
        Body body = new Body();
        map.forEach((k, v) -> body.attr(key(k), expression(v)));
        return "{\n" + body.render() + "}";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
