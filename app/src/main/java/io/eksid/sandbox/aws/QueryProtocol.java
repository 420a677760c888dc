package io.eksid.sandbox.aws;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The AWS Query protocol as IAM and STS speak it: form-encoded {@code Action=…&Version=…} requests,
 * {@code <ActionResponse><ActionResult>…} XML answers and {@code <ErrorResponse>} errors.
 */
final class QueryProtocol {

    private final String namespace;
    private final String version;

    QueryProtocol(String namespace, String version) {
        this.namespace = namespace;
        this.version = version;
    }

    String version() {
        return version;
    }

    /** Parameters from the query string and the form body; the body wins. */
    static Map<String, String> parameters(WireRequest request) {
        Map<String, String> params = request.queryParameters();
        String type = request.header("content-type");
        if (request.body().length > 0 && (type == null || type.startsWith("application/x-www-form-urlencoded"))) {
            params.putAll(WireRequest.formDecode(request.bodyText()));
        }
        return params;
    }

    WireResponse result(String action, Consumer<XmlWriter> result) {
        String requestId = UUID.randomUUID().toString();
        XmlWriter xml = new XmlWriter().openWithNamespace(action + "Response", namespace);
        if (result != null) {
            xml.element(action + "Result", result);
        }
        xml.element("ResponseMetadata", m -> m.element("RequestId", requestId)).close(action + "Response");
        return WireResponse.of(200, "text/xml", Map.of("x-amzn-RequestId", requestId), xml.toString());
    }

    WireResponse error(AwsError error) {
        String requestId = UUID.randomUUID().toString();
        XmlWriter xml = new XmlWriter().openWithNamespace("ErrorResponse", namespace)
                .element("Error", e -> e.element("Type", error.senderFault() ? "Sender" : "Receiver")
                        .element("Code", error.code())
                        .element("Message", error.getMessage()))
                .element("RequestId", requestId)
                .close("ErrorResponse");
        return WireResponse.of(error.httpStatus(), "text/xml", Map.of("x-amzn-RequestId", requestId), xml.toString());
    }

    /** Checks Action and Version, the way both services do before anything else. */
    String action(Map<String, String> params) {
        String action = params.get("Action");
        if (action == null || action.isEmpty()) {
            throw new AwsError("MissingAction", 400, "Missing Action");
        }
        String v = params.get("Version");
        if (v == null || v.isEmpty()) {
            throw new AwsError("MissingParameter", 400, "The request must contain the parameter Version");
        }
        if (!v.equals(version)) {
            throw new AwsError("InvalidAction", 400, "Could not find operation " + action + " for version " + v);
        }
        return action;
    }

    static AwsError unknownAction(String action, String version) {
        return new AwsError("InvalidAction", 400, "Could not find operation " + action + " for version " + version);
    }
}
