package io.eksid.model.trust;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.eksid.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a policy document into a {@link PolicyNode} tree with Jackson's strict streaming parser (RFC 8259, duplicate
 * keys rejected: a policy whose meaning depends on which duplicate wins cannot be judged safely). Streaming, not
 * Jackson's tree, because numbers must keep their literal text; errors say line, column and what was expected
 * ({@link PolicySyntaxErrors}).
 */
final class PolicyJsonReader {

    static final int MAX_DEPTH = 64;

    private final JsonParser parser;

    private PolicyJsonReader(JsonParser parser) {
        this.parser = parser;
    }

    /**
     * A policy document as IAM stores it: raw JSON, or the URL-encoded form GetRole and GetPolicyVersion return
     * (once or twice encoded); errors in an encoded document are located in its decoded text.
     */
    static PolicyNode readDocument(String document) throws PolicyParseException {
        if (document == null || document.isBlank()) {
            throw new PolicyParseException("document", "the policy document is empty");
        }
        if (!IamDocumentDecoder.looksEncoded(document)) {
            return read(document);
        }
        String text = IamDocumentDecoder.decode(document.strip());
        if (IamDocumentDecoder.looksEncoded(text)) {
            // Encoded twice (a tool that encoded GetRole's already encoded output): a JSON document never starts
            // with '%', so a second decoding cannot misread a real document.
            text = IamDocumentDecoder.decode(text.strip());
        }
        try {
            return read(text);
        } catch (PolicyParseException e) {
            throw new PolicyParseException(e.where() + " of the URL-decoded document", e.problem());
        }
    }

    /** One JSON value and nothing after it but white space; a leading byte order mark is skipped. */
    static PolicyNode read(String json) throws PolicyParseException {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try (JsonParser p = Json.parser(text)) {
            PolicyJsonReader reader = new PolicyJsonReader(p);
            PolicyNode root = reader.value(p.nextToken(), 0);
            int end = (int) p.currentLocation().getCharOffset();
            int extra = end;
            while (extra < text.length() && " \t\r\n".indexOf(text.charAt(extra)) >= 0) {
                extra++;
            }
            if (extra < text.length()) {
                throw PolicySyntaxErrors.at(text, extra, "unexpected '" + PolicySyntaxErrors.describe(text, extra)
                        + "' after the end of the JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw PolicySyntaxErrors.translate(text, e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
    }

    private PolicyNode value(JsonToken token, int depth) throws IOException, PolicyParseException {
        if (token == null) {
            throw PolicySyntaxErrors.at(parser.currentLocation(), depth == 0 ? "the document is empty"
                    : "the document ends where a value was expected");
        }
        if (depth > MAX_DEPTH) {
            throw PolicySyntaxErrors.at(parser.currentTokenLocation(), "the document nests deeper than " + MAX_DEPTH
                    + " levels");
        }
        return switch (token) {
            case START_OBJECT -> object(depth);
            case START_ARRAY -> array(depth);
            case VALUE_STRING -> new PolicyNode.JString(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new PolicyNode.JNumber(parser.getText());
            case VALUE_TRUE -> new PolicyNode.JBool(true);
            case VALUE_FALSE -> new PolicyNode.JBool(false);
            case VALUE_NULL -> new PolicyNode.JNull();
            default -> throw PolicySyntaxErrors.at(parser.currentTokenLocation(), "unexpected " + token
                    + " where a JSON value was expected");
        };
    }

    private PolicyNode object(int depth) throws IOException, PolicyParseException {
        Map<String, PolicyNode> members = new LinkedHashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            members.put(key, value(parser.nextToken(), depth + 1));
        }
        if (t != JsonToken.END_OBJECT) {
            throw PolicySyntaxErrors.at(parser.currentLocation(), "the document ends inside an object (missing '}')");
        }
        return new PolicyNode.JObject(Collections.unmodifiableMap(members));
    }

    private PolicyNode array(int depth) throws IOException, PolicyParseException {
        List<PolicyNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw PolicySyntaxErrors.at(parser.currentLocation(),
                        "the document ends inside an array (missing ']')");
            }
            items.add(value(t, depth + 1));
        }
        return new PolicyNode.JArray(List.copyOf(items));
    }
}
