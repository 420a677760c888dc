package io.eksid.sandbox.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP request to a simulated cluster, with the cluster prefix already removed.
 *
 * @param method      GET, POST, PUT, PATCH, DELETE
 * @param path        path inside the cluster ("/api/v1/pods")
 * @param query       decoded query parameters (last value wins)
 * @param contentType request Content-Type, "" when absent
 * @param accept      request Accept, "" when absent
 * @param body        request body, empty when absent
 */
public record ApiRequest(String method, String path, Map<String, String> query, String contentType, String accept,
                         byte[] body) {

    public ApiRequest {
        query = Map.copyOf(query);
        contentType = contentType == null ? "" : contentType;
        accept = accept == null ? "" : accept;
        body = body == null ? new byte[0] : body;
    }

    public String param(String name) {
        return query.get(name);
    }

    public boolean flag(String name) {
        String value = query.get(name);
        return value != null && (value.isEmpty() || value.equals("true") || value.equals("1"));
    }

    /** Whether the client asked for server-side printing (kubectl get). */
    public boolean wantsTable() {
        return accept.contains("as=Table");
    }

    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }
}
