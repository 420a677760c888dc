package io.eksid.model.trust;

import java.util.Objects;

/**
 * A condition value. IAM accepts strings, booleans and numbers and compares them as text; {@code kind} remembers
 * which JSON type the author used so printing gives back the same document. Numbers keep their literal text.
 */
public record PolicyValue(String text, Kind kind) {

    public enum Kind { STRING, BOOLEAN, NUMBER }

    public PolicyValue {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }

    public static PolicyValue string(String text) {
        return new PolicyValue(text, Kind.STRING);
    }
}
