package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What the HTTP layer must send for one API request. */
sealed interface ApiResult {

    /** A complete JSON body. */
    record Json(int status, JsonNode body) implements ApiResult {
    }

    /** A list, streamed: {@code head} is the list object without items; {@code items} go into its "items". */
    record Listing(ObjectNode head, List<StoredObject> items) implements ApiResult {
    }

    /** A watch to open on a streaming response or WebSocket. */
    record Watch(ApiHandler.WatchRequest request, SimulatedCluster cluster) implements ApiResult {
    }

    /** Plain text (health endpoints). */
    record Text(int status, String body) implements ApiResult {
    }
}
