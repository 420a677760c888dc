package io.eksid.model.trust;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader with line/column positions. The model package may not use a JSON library, and a
 * trust policy needs exact errors ("line 3, column 14: expected ',' or '}'") rather than a library's trace.
 * Duplicate keys are rejected: a policy whose meaning depends on which duplicate wins cannot be judged safely.
 */
final class JsonReader {

    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    private JsonReader(String text) {
        this.text = text;
    }

    static JsonNode read(String text) throws PolicyParseException {
        JsonReader r = new JsonReader(text);
        if (r.peekIs('\uFEFF')) {
            r.pos++;
            r.lineStart = r.pos;
        }
        r.skipWhitespace();
        if (r.atEnd()) {
            throw r.error("the document is empty");
        }
        JsonNode node = r.value(0);
        r.skipWhitespace();
        if (!r.atEnd()) {
            throw r.error("unexpected '" + r.describeChar() + "' after the end of the JSON document");
        }
        return node;
    }

    private JsonNode value(int depth) throws PolicyParseException {
        if (depth > MAX_DEPTH) {
            throw error("the document nests deeper than " + MAX_DEPTH + " levels");
        }
        if (atEnd()) {
            throw error("the document ends where a value was expected");
        }
        char c = text.charAt(pos);
        int l = line;
        int col = column();
        switch (c) {
            case '{':
                return object(depth, l, col);
            case '[':
                return array(depth, l, col);
            case '"':
                return new JsonNode.JString(string(), l, col);
            case 't':
                literal("true");
                return new JsonNode.JBool(true, l, col);
            case 'f':
                literal("false");
                return new JsonNode.JBool(false, l, col);
            case 'n':
                literal("null");
                return new JsonNode.JNull(l, col);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return new JsonNode.JNumber(number(), l, col);
                }
                throw error("unexpected '" + describeChar() + "' where a JSON value was expected");
        }
    }

    private JsonNode object(int depth, int l, int col) throws PolicyParseException {
        pos++;
        Map<String, JsonNode> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peekIs('}')) {
            pos++;
            return new JsonNode.JObject(Collections.unmodifiableMap(members), l, col);
        }
        while (true) {
            skipWhitespace();
            if (!peekIs('"')) {
                throw error(atEnd() ? "the document ends inside an object" : "expected a quoted key, found '"
                        + describeChar() + "'");
            }
            int keyLine = line;
            int keyCol = column();
            String key = string();
            if (members.containsKey(key)) {
                throw new PolicyParseException("line " + keyLine + ", column " + keyCol,
                        "duplicate key \"" + key + "\" in the same object");
            }
            skipWhitespace();
            expect(':', "expected ':' after the key \"" + key + "\"");
            skipWhitespace();
            members.put(key, value(depth + 1));
            skipWhitespace();
            if (peekIs(',')) {
                pos++;
                continue;
            }
            if (peekIs('}')) {
                pos++;
                return new JsonNode.JObject(Collections.unmodifiableMap(members), l, col);
            }
            throw error(atEnd() ? "the document ends inside an object (missing '}')"
                    : "expected ',' or '}' but found '" + describeChar() + "'");
        }
    }

    private JsonNode array(int depth, int l, int col) throws PolicyParseException {
        pos++;
        List<JsonNode> items = new ArrayList<>();
        skipWhitespace();
        if (peekIs(']')) {
            pos++;
            return new JsonNode.JArray(List.copyOf(items), l, col);
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth + 1));
            skipWhitespace();
            if (peekIs(',')) {
                pos++;
                continue;
            }
            if (peekIs(']')) {
                pos++;
                return new JsonNode.JArray(List.copyOf(items), l, col);
            }
            throw error(atEnd() ? "the document ends inside an array (missing ']')"
                    : "expected ',' or ']' but found '" + describeChar() + "'");
        }
    }

    private String string() throws PolicyParseException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error("the document ends inside a string (missing closing quote)");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c == '\\') {
                pos++;
                if (atEnd()) {
                    throw error("the document ends inside an escape sequence");
                }
                char e = text.charAt(pos);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 >= text.length()) {
                            throw error("incomplete \\u escape");
                        }
                        String hex = text.substring(pos + 1, pos + 5);
                        if (!hex.matches("[0-9a-fA-F]{4}")) {
                            throw error("invalid \\u escape '\\u" + hex + "'");
                        }
                        sb.append((char) Integer.parseInt(hex, 16));
                        pos += 4;
                    }
                    default -> throw error("invalid escape '\\" + e + "' in a string");
                }
                pos++;
                continue;
            }
            if (c < 0x20) {
                throw error(c == '\n' ? "a string is not closed before the end of the line"
                        : "control character U+" + String.format("%04X", (int) c) + " must be escaped in a string");
            }
            sb.append(c);
            pos++;
        }
    }

    private String number() throws PolicyParseException {
        int start = pos;
        if (peekIs('-')) {
            pos++;
        }
        if (peekIs('0')) {
            pos++;
        } else if (peekDigit()) {
            while (peekDigit()) {
                pos++;
            }
        } else {
            throw error("invalid number");
        }
        if (peekIs('.')) {
            pos++;
            if (!peekDigit()) {
                throw error("invalid number: digits expected after '.'");
            }
            while (peekDigit()) {
                pos++;
            }
        }
        if (peekIs('e') || peekIs('E')) {
            pos++;
            if (peekIs('+') || peekIs('-')) {
                pos++;
            }
            if (!peekDigit()) {
                throw error("invalid number: digits expected in the exponent");
            }
            while (peekDigit()) {
                pos++;
            }
        }
        return text.substring(start, pos);
    }

    private void literal(String word) throws PolicyParseException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected '" + describeChar() + "' where a JSON value was expected"
                    + " (strings must be in double quotes)");
        }
        pos += word.length();
    }

    private void expect(char c, String message) throws PolicyParseException {
        if (!peekIs(c)) {
            throw error(message + (atEnd() ? ", but the document ends" : ", found '" + describeChar() + "'"));
        }
        pos++;
    }

    private void skipWhitespace() {
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private boolean peekIs(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean peekDigit() {
        return pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9';
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private String describeChar() {
        if (atEnd()) {
            return "end of document";
        }
        char c = text.charAt(pos);
        return c < 0x20 ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    private PolicyParseException error(String message) {
        return new PolicyParseException("line " + line + ", column " + column(), message);
    }
}
