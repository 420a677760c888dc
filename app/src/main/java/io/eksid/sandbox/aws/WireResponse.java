package io.eksid.sandbox.aws;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the emulator answers: status, content type, extra headers and the body. */
record WireResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    static WireResponse of(int status, String contentType, Map<String, String> headers, String body) {
        return new WireResponse(status, contentType, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
