package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An object as the store keeps it: its JSON bytes (what lists and watches send, without re-serializing) and a
 * small summary tree with what selectors and controllers look at: name, namespace, uid, resourceVersion,
 * timestamps, labels, ownerReferences, spec.nodeName/serviceAccountName/schedulerName and status.phase.
 * A 50,000-pod cluster thus costs about its JSON size in heap, not the several times more of full Jackson trees.
 * Immutable.
 */
public final class StoredObject {

    private static final String[] METADATA = {"name", "namespace", "uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "labels", "ownerReferences"};
    private static final String[] SPEC = {"nodeName", "serviceAccountName", "schedulerName"};

    private final byte[] json;
    private final ObjectNode summary;
    private final ObjectReader reader;

    StoredObject(byte[] json, ObjectNode full, ObjectReader reader) {
        this.json = json;
        this.summary = summarize(full);
        this.reader = reader;
    }

    /** The serialized object; do not modify. */
    byte[] json() {
        return json;
    }

    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** The summary tree; do not modify. */
    public ObjectNode summary() {
        return summary;
    }

    /** A fresh, mutable full tree of the object. */
    public ObjectNode tree() {
        try {
            return (ObjectNode) reader.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored object is not valid JSON", e);
        }
    }

    public String name() {
        return summary.path("metadata").path("name").asText();
    }

    public String namespace() {
        return summary.path("metadata").path("namespace").asText("");
    }

    public String uid() {
        return summary.path("metadata").path("uid").asText();
    }

    public long resourceVersion() {
        return summary.path("metadata").path("resourceVersion").asLong(0);
    }

    private static ObjectNode summarize(ObjectNode full) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode();
        ObjectNode meta = s.putObject("metadata");
        copy(full.path("metadata"), meta, METADATA);
        JsonNode spec = full.path("spec");
        if (spec.isObject()) {
            copy(spec, s.putObject("spec"), SPEC);
        }
        JsonNode phase = full.path("status").path("phase");
        if (!phase.isMissingNode()) {
            s.putObject("status").set("phase", phase);
        }
        return s;
    }

    private static void copy(JsonNode from, ObjectNode to, String[] fields) {
        for (String field : fields) {
            JsonNode value = from.get(field);
            if (value != null) {
                to.set(field, value.deepCopy());
            }
        }
    }
}
