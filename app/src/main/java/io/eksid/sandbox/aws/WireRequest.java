package io.eksid.sandbox.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request as the emulator saw it: method, decoded path segments' source, query and body. */
record WireRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {

    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    Map<String, String> queryParameters() {
        return formDecode(rawQuery);
    }

    /** {@code application/x-www-form-urlencoded} decoding, as the Query protocol and query strings use it. */
    static Map<String, String> formDecode(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new AwsError("MalformedQueryString", 400, "Malformed percent-encoding in: " + pair);
            }
        }
        return out;
    }
}
