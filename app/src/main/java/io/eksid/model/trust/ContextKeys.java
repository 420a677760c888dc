package io.eksid.model.trust;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The condition keys of a request a role session makes, as far as a question knows them: keys present with
 * their values (several for a multi-valued key), keys known to be absent, and keys (or prefixes ending in
 * {@code /}) whose value is unknown. Whether any other key is unknown or absent is the question's choice.
 * Keys are case-insensitive; a later {@link Builder#present} or {@link Builder#absent} replaces an earlier one.
 */
public final class ContextKeys {

    private final Map<String, List<String>> present;
    private final Set<String> absent;
    private final List<String> unknown;
    private final boolean othersUnknown;

    private ContextKeys(Builder b) {
        this.present = Map.copyOf(b.present);
        this.absent = Set.copyOf(b.absent);
        this.unknown = List.copyOf(b.unknown);
        this.othersUnknown = b.othersUnknown;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The values of a present key (lower-cased key lookup), or null when it is not present. */
    public List<String> values(String key) {
        return present.get(key.toLowerCase(Locale.ROOT));
    }

    RequestContext toRequest(String action) {
        return new RequestContext(action, null, present, absent, unknown, othersUnknown);
    }

    public static final class Builder {
        private final Map<String, List<String>> present = new LinkedHashMap<>();
        private final Set<String> absent = new LinkedHashSet<>();
        private final List<String> unknown = new ArrayList<>();
        private boolean othersUnknown;

        private Builder() {
        }

        /** A key with its values; no values means the key is absent. */
        public Builder present(String key, List<String> values) {
            String k = key.toLowerCase(Locale.ROOT);
            if (values == null || values.isEmpty()) {
                return absent(key);
            }
            absent.remove(k);
            present.put(k, List.copyOf(values));
            return this;
        }

        public Builder present(String key, String value) {
            return present(key, List.of(value));
        }

        /** A key known to be absent, or (ending in {@code /}) every key under a prefix not otherwise known. */
        public Builder absent(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            present.remove(k);
            absent.add(k);
            return this;
        }

        /** A key, or every key under a prefix ending in {@code /}, whose value the question cannot know. */
        public Builder unknown(String keyOrPrefix) {
            unknown.add(keyOrPrefix.toLowerCase(Locale.ROOT));
            return this;
        }

        /** Whether a key the builder was told nothing about is unknown (true) or absent (false, the default). */
        public Builder othersUnknown(boolean value) {
            othersUnknown = value;
            return this;
        }

        public ContextKeys build() {
            return new ContextKeys(this);
        }
    }
}
