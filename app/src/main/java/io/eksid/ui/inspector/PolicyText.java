package io.eksid.ui.inspector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A permission policy pretty-printed for the inspector, with the line range of each statement so the deciding one
 * can be highlighted. A document that is not JSON is shown as it is, with no statement ranges.
 *
 * @param statementLines per statement, its first and last line (0-based, inclusive)
 */
record PolicyText(String text, List<int[]> statementLines) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static PolicyText of(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            return new PolicyText(document, List.of());
        }
        if (root == null || !root.isObject()) {
            return new PolicyText(document, List.of());
        }
        Printer p = new Printer();
        p.root(root);
        return new PolicyText(p.out.toString(), p.ranges);
    }

    private static final class Printer {
        final StringBuilder out = new StringBuilder();
        final List<int[]> ranges = new ArrayList<>();
        int line;

        void root(JsonNode root) {
            out.append("{");
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                newline(1);
                out.append(quote(f.getKey())).append(": ");
                if (f.getKey().equals("Statement")) {
                    statements(f.getValue());
                } else {
                    value(f.getValue(), 1);
                }
                if (fields.hasNext()) {
                    out.append(',');
                }
            }
            newline(0);
            out.append('}');
        }

        void statements(JsonNode s) {
            if (s.isObject()) {
                int start = line;
                value(s, 1);
                ranges.add(new int[] {start, line});
                return;
            }
            if (!s.isArray()) {
                value(s, 1);
                return;
            }
            out.append('[');
            for (int i = 0; i < s.size(); i++) {
                newline(2);
                int start = line;
                value(s.get(i), 2);
                ranges.add(new int[] {start, line});
                if (i < s.size() - 1) {
                    out.append(',');
                }
            }
            newline(1);
            out.append(']');
        }

        void value(JsonNode v, int depth) {
            if (v.isObject()) {
                if (v.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    newline(depth + 1);
                    out.append(quote(f.getKey())).append(": ");
                    value(f.getValue(), depth + 1);
                    if (fields.hasNext()) {
                        out.append(',');
                    }
                }
                newline(depth);
                out.append('}');
            } else if (v.isArray()) {
                boolean simple = true;
                for (JsonNode e : v) {
                    simple &= e.isValueNode();
                }
                if (simple) {
                    out.append('[');
                    for (int i = 0; i < v.size(); i++) {
                        out.append(i == 0 ? "" : ", ").append(v.get(i).toString());
                    }
                    out.append(']');
                    return;
                }
                out.append('[');
                for (int i = 0; i < v.size(); i++) {
                    newline(depth + 1);
                    value(v.get(i), depth + 1);
                    if (i < v.size() - 1) {
                        out.append(',');
                    }
                }
                newline(depth);
                out.append(']');
            } else {
                out.append(v.toString());
            }
        }

        void newline(int depth) {
            out.append('\n').append("  ".repeat(depth));
            line++;
        }

        static String quote(String s) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
        }
    }
}
