package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A failed API call, carried to the HTTP layer as a real {@code meta/v1 Status} body. */
public final class ApiError extends RuntimeException {

    private final int code;
    private final String reason;
    private final String name;
    private final ResourceType type;

    public ApiError(int code, String reason, String message, ResourceType type, String name) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.type = type;
        this.name = name;
    }

    public static ApiError notFound(ResourceType type, String name) {
        return new ApiError(404, "NotFound", type.qualifiedName() + " \"" + name + "\" not found", type, name);
    }

    public static ApiError alreadyExists(ResourceType type, String name) {
        return new ApiError(409, "AlreadyExists", type.qualifiedName() + " \"" + name + "\" already exists", type, name);
    }

    public static ApiError conflict(ResourceType type, String name) {
        return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedName() + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again",
                type, name);
    }

    public static ApiError invalid(ResourceType type, String name, String detail) {
        String what = type == null ? "object" : type.kind();
        return new ApiError(422, "Invalid", what + " \"" + (name == null ? "" : name) + "\" is invalid: " + detail, type, name);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message, null, null);
    }

    public static ApiError methodNotAllowed(String message) {
        return new ApiError(405, "MethodNotAllowed", message, null, null);
    }

    public static ApiError unsupportedMediaType(String contentType) {
        return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted "
                + "media types include: application/json, application/yaml, application/json-patch+json, "
                + "application/merge-patch+json, application/strategic-merge-patch+json (got " + contentType + ")", null, null);
    }

    public static ApiError expired(String message) {
        return new ApiError(410, "Expired", message, null, null);
    }

    public static ApiError forbidden(String verb, ResourceType type, String namespace, String name) {
        String scope = namespace == null ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
        String res = type.group().isEmpty() ? "resource \"" + type.plural() + "\" in API group \"\""
                : "resource \"" + type.plural() + "\" in API group \"" + type.group() + "\"";
        return new ApiError(403, "Forbidden", type.qualifiedName() + (name == null ? "" : " \"" + name + "\"")
                + " is forbidden: User \"sandbox-admin\" cannot " + verb + " " + res + " " + scope, type, name);
    }

    /** As {@link #forbidden(String, ResourceType, String, String)} for a named user (a service account). */
    public static ApiError forbidden(String user, String verb, ResourceType type, String namespace, String name) {
        String scope = namespace == null ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
        String res = "resource \"" + type.plural() + "\" in API group \"" + type.group() + "\"";
        return new ApiError(403, "Forbidden", type.qualifiedName() + (name == null ? "" : " \"" + name + "\"")
                + " is forbidden: User \"" + user + "\" cannot " + verb + " " + res + " " + scope, type, name);
    }

    public static ApiError pathNotFound(String path) {
        return new ApiError(404, "NotFound", "the server could not find the requested resource (" + path + ")", null, null);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The {@code Status} object the real API server returns for this failure. */
    public ObjectNode toStatus() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason);
        if (type != null || name != null) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (type != null) {
                if (!type.group().isEmpty()) {
                    details.put("group", type.group());
                }
                details.put("kind", type.plural());
            }
        }
        status.put("code", code);
        return status;
    }
}
