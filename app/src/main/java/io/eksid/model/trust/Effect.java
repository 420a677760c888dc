package io.eksid.model.trust;

import java.util.Optional;

/** A statement's Effect. IAM accepts exactly {@code Allow} and {@code Deny}, spelled that way. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    Effect(String json) {
        this.json = json;
    }

    /** The value as it appears in the policy JSON. */
    public String json() {
        return json;
    }

    public static Optional<Effect> fromJson(String value) {
        for (Effect e : values()) {
            if (e.json.equals(value)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
