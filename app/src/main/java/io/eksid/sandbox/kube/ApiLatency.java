package io.eksid.sandbox.kube;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;

/**
 * The {@code k8s.latency} fault: every request handled that much later, as by an API server a round trip away,
 * so what a client asks one request after another costs that much per request.
 */
final class ApiLatency {

    private volatile long millis;

    void set(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("API server latency must not be negative, got " + latency);
        }
        millis = latency.toMillis();
    }

    /** Hands {@code req} to {@code handler} now, or after the latency with its body held back until then. */
    void handle(Vertx vertx, HttpServerRequest req, Handler<HttpServerRequest> handler) {
        long delay = millis;
        if (delay <= 0) {
            handler.handle(req);
            return;
        }
        req.pause(); // the body waits in vert.x's buffer until the request is handled
        vertx.setTimer(delay, id -> {
            req.resume();
            handler.handle(req);
        });
    }
}
