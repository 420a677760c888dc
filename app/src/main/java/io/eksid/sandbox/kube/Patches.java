package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.Iterator;
import java.util.Map;

/**
 * The three patch types kubectl sends: JSON patch (RFC 6902), JSON merge patch (RFC 7386; {@code kubectl
 * annotate}, {@code label}, {@code patch --type=merge}) and strategic merge patch ({@code kubectl patch},
 * {@code rollout restart}), the latter with the list merge keys of the core and apps types.
 */
final class Patches {

    /** patchMergeKey of the list fields the sandbox's types carry (k8s.io/api struct tags). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "ephemeralContainers", "name", "env", "name",
            "volumes", "name", "volumeMounts", "mountPath", "ports", "containerPort", "imagePullSecrets", "name",
            "ownerReferences", "uid", "conditions", "type");

    private Patches() {
    }

    static ObjectNode apply(ObjectNode target, JsonNode patch, String contentType, ResourceType type, String name) {
        String mediaType = contentType.split(";")[0].trim();
        JsonNode result;
        switch (mediaType) {
            case "application/json-patch+json" -> {
                if (!patch.isArray()) {
                    throw ApiError.badRequest("json patch must be an array of operations");
                }
                try {
                    result = JsonPatch.apply(patch, target);
                } catch (JsonPatchException | IllegalArgumentException e) {
                    throw ApiError.invalid(type, name, "the patch could not be applied: " + e.getMessage());
                }
            }
            case "application/merge-patch+json" -> result = mergePatch(target.deepCopy(), patch);
            case "application/strategic-merge-patch+json" -> result = strategicMerge(target.deepCopy(), patch);
            default -> throw ApiError.unsupportedMediaType(contentType);
        }
        if (!(result instanceof ObjectNode object)) {
            throw ApiError.invalid(type, name, "the patch turned the object into " + result.getNodeType());
        }
        return object;
    }

    /** RFC 7386: objects merge, null removes, everything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target instanceof ObjectNode o ? o : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                JsonNode existing = result.get(e.getKey());
                result.set(e.getKey(), mergePatch(existing == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                        : existing, e.getValue()));
            }
        }
        return result;
    }

    static JsonNode strategicMerge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        if ("replace".equals(patch.path("$patch").asText())) {
            ObjectNode replaced = patch.deepCopy();
            replaced.remove("$patch");
            return replaced;
        }
        ObjectNode result = target instanceof ObjectNode o ? o : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith("$setElementOrder/") || key.equals("$retainKeys") || key.equals("$patch")) {
                continue;
            }
            if (key.startsWith("$deleteFromPrimitiveList/")) {
                String field = key.substring("$deleteFromPrimitiveList/".length());
                if (result.get(field) instanceof ArrayNode list) {
                    for (JsonNode remove : value) {
                        for (int i = list.size() - 1; i >= 0; i--) {
                            if (list.get(i).equals(remove)) {
                                list.remove(i);
                            }
                        }
                    }
                }
                continue;
            }
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isArray() && MERGE_KEYS.containsKey(key) && result.get(key) instanceof ArrayNode existing) {
                result.set(key, mergeList(existing, (ArrayNode) value, MERGE_KEYS.get(key)));
            } else if (value.isObject()) {
                JsonNode existing = result.get(key);
                result.set(key, strategicMerge(existing == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                        : existing, value));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        return result;
    }

    private static ArrayNode mergeList(ArrayNode existing, ArrayNode patch, String mergeKey) {
        ArrayNode result = existing.deepCopy();
        for (JsonNode item : patch) {
            if (!item.isObject() || !item.has(mergeKey)) {
                result.add(item.deepCopy());
                continue;
            }
            JsonNode keyValue = item.get(mergeKey);
            int index = -1;
            for (int i = 0; i < result.size(); i++) {
                if (keyValue.equals(result.get(i).get(mergeKey))) {
                    index = i;
                    break;
                }
            }
            boolean delete = "delete".equals(item.path("$patch").asText());
            if (delete) {
                if (index >= 0) {
                    result.remove(index);
                }
            } else if (index >= 0) {
                result.set(index, strategicMerge(result.get(index), item));
            } else {
                ObjectNode added = item.deepCopy();
                added.remove("$patch");
                result.add(added);
            }
        }
        return result;
    }
}
