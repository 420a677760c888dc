package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The {@code autoscaling/v1 Scale} view of a workload, which {@code kubectl scale} reads and patches. */
final class Scales {

    private Scales() {
    }

    static ObjectNode scaleOf(JsonNode workload) {
        ObjectNode scale = JsonNodeFactory.instance.objectNode();
        scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        JsonNode meta = workload.path("metadata");
        ObjectNode m = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (meta.has(field)) {
                m.set(field, meta.get(field));
            }
        }
        scale.putObject("spec").put("replicas", workload.path("spec").path("replicas").asInt(1));
        StringBuilder selector = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>)
                () -> workload.path("spec").path("selector").path("matchLabels").fields()) {
            selector.append(selector.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asText());
        }
        scale.putObject("status").put("replicas", workload.path("status").path("replicas").asInt(0))
                .put("selector", selector.toString());
        return scale;
    }
}
