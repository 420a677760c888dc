package io.eksid.model.trust;

import java.util.List;
import java.util.Map;

/**
 * A JSON value of a policy document as {@link PolicyJsonReader} reads it: objects keep their key order and numbers
 * keep their literal text, so a policy prints back as its author wrote it.
 */
sealed interface PolicyNode {

    /** What kind of JSON value this is, as error messages name it. */
    String kindName();

    record JObject(Map<String, PolicyNode> members) implements PolicyNode {
        public String kindName() {
            return "an object";
        }
    }

    record JArray(List<PolicyNode> items) implements PolicyNode {
        public String kindName() {
            return "an array";
        }
    }

    record JString(String value) implements PolicyNode {
        public String kindName() {
            return "a string";
        }
    }

    record JNumber(String literal) implements PolicyNode {
        public String kindName() {
            return "a number";
        }
    }

    record JBool(boolean value) implements PolicyNode {
        public String kindName() {
            return "a boolean";
        }
    }

    record JNull() implements PolicyNode {
        public String kindName() {
            return "null";
        }
    }
}
