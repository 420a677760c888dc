package io.eksid.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;

/**
 * One open watch: filters a cluster's store events and writes them, one JSON object per event, to an HTTP
 * chunked response or a WebSocket. Events arrive under the store lock, so they go out in resourceVersion order.
 */
final class WatchStream implements ObjectStore.Listener {

    /** Where events go: a chunked HTTP body or a WebSocket. */
    interface Sink {
        void send(String eventJson);

        /** Ends the stream normally (timeoutSeconds reached). */
        void finish();

        /** Cuts the connection mid-stream, as a load balancer or a restarting API server does. */
        void abort();
    }

    private final ApiHandler.WatchRequest request;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Sink sink;
    private final ObjectStore store;
    private volatile boolean closed;

    WatchStream(ApiHandler.WatchRequest request, ObjectStore store, ObjectMapper mapper, Clock clock, Sink sink) {
        this.request = request;
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.sink = sink;
    }

    /**
     * Replays what the client missed and starts following; a too-old resourceVersion ends in an ERROR event.
     *
     * @return false when the watch was refused with 410 Gone
     */
    boolean start() {
        store.lock().lock();
        try {
            store.watch(request.fromResourceVersion(), this::inScope, this, List.of(request.type()));
            if (request.sendInitialEvents()) {
                // The watch-list protocol: the initial state ends with a bookmark so annotated.
                bookmark(true);
            }
            return true;
        } catch (ApiError e) {
            sendError(e);
            close(false);
            return false;
        } finally {
            store.lock().unlock();
        }
    }

    boolean wantsBookmarks() {
        return request.bookmarks();
    }

    @Override
    public void onEvent(WatchEvent event) {
        if (closed || !inScope(event)) {
            return;
        }
        boolean now = request.filter().test(event.object().summary());
        String type = event.type();
        if ("MODIFIED".equals(type) && event.previous() != null) {
            boolean before = request.filter().test(event.previous().summary());
            if (!now && !before) {
                return;
            }
            // An object entering or leaving a selector is an ADDED or DELETED for this watch.
            type = now == before ? "MODIFIED" : now ? "ADDED" : "DELETED";
        } else if (!now) {
            return;
        }
        if (request.table()) {
            send(type, Tables.table(event.resource(), List.of(event.object().tree()), clock.instant(), null, false));
        } else {
            sink.send("{\"type\":\"" + type + "\",\"object\":" + event.object().jsonText() + "}");
        }
    }

    void sendBookmark() {
        store.lock().lock();
        try {
            if (closed) {
                return;
            }
            bookmark(false);
        } finally {
            store.lock().unlock();
        }
    }

    private void bookmark(boolean initialEventsEnd) {
        ObjectNode object = mapper.createObjectNode();
        object.put("kind", request.type().kind()).put("apiVersion", request.type().apiVersion());
        ObjectNode meta = object.putObject("metadata").put("resourceVersion", Long.toString(store.resourceVersion()));
        if (initialEventsEnd) {
            meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        send("BOOKMARK", object);
    }

    void sendError(ApiError error) {
        send("ERROR", error.toStatus());
    }

    /** Stops following; {@code abort} cuts the connection, otherwise the stream ends cleanly. */
    void close(boolean abort) {
        if (closed) {
            return;
        }
        closed = true;
        store.removeListener(this);
        if (abort) {
            sink.abort();
        } else {
            sink.finish();
        }
    }

    /** The client went away. */
    void disconnected() {
        closed = true;
        store.removeListener(this);
    }

    boolean isClosed() {
        return closed;
    }

    private boolean inScope(WatchEvent event) {
        return event.resource() == request.type()
                && (request.namespace() == null || request.namespace().equals(event.namespace()));
    }

    private void send(String type, JsonNode object) {
        try {
            sink.send("{\"type\":\"" + type + "\",\"object\":" + mapper.writeValueAsString(object) + "}");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a watch event", e);
        }
    }
}
