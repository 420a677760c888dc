package io.eksid.model.trust;

import java.util.List;
import java.util.Map;

/**
 * A JSON value as {@link JsonReader} reads it: objects keep their key order, numbers keep their literal text,
 * and every node knows where it started so errors can point at it.
 */
sealed interface JsonNode {

    int line();

    int column();

    /** What kind of JSON value this is, as error messages name it. */
    String kindName();

    record JObject(Map<String, JsonNode> members, int line, int column) implements JsonNode {
        public String kindName() {
            return "an object";
        }
    }

    record JArray(List<JsonNode> items, int line, int column) implements JsonNode {
        public String kindName() {
            return "an array";
        }
    }

    record JString(String value, int line, int column) implements JsonNode {
        public String kindName() {
            return "a string";
        }
    }

    record JNumber(String literal, int line, int column) implements JsonNode {
        public String kindName() {
            return "a number";
        }
    }

    record JBool(boolean value, int line, int column) implements JsonNode {
        public String kindName() {
            return "a boolean";
        }
    }

    record JNull(int line, int column) implements JsonNode {
        public String kindName() {
            return "null";
        }
    }
}
