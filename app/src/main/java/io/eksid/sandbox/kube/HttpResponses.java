package io.eksid.sandbox.kube;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Writes API results to Vert.x responses: JSON bodies, streamed lists, chunked watch streams. */
final class HttpResponses {

    private static final int CHUNK = 256 * 1024;

    private final ObjectMapper mapper;

    HttpResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void send(HttpServerRequest req, ApiResult result) {
        HttpServerResponse resp = req.response();
        if (result instanceof ApiResult.Json json) {
            byte[] body = bytes(json.body());
            resp.setStatusCode(json.status()).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-cache, private").end(Buffer.buffer(body));
        } else if (result instanceof ApiResult.Text text) {
            resp.setStatusCode(text.status()).putHeader("Content-Type", "text/plain; charset=utf-8").end(text.body());
        } else if (result instanceof ApiResult.Listing listing) {
            streamList(resp, listing);
        } else {
            throw new IllegalArgumentException("cannot send " + result);
        }
    }

    void error(HttpServerRequest req, ApiError error) {
        HttpServerResponse resp = req.response();
        if (resp.ended() || resp.headWritten()) {
            req.connection().close();
            return;
        }
        resp.setStatusCode(error.code()).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(bytes(error.toStatus())));
    }

    WatchStream.Sink chunkedWatch(HttpServerRequest req, HttpConnection connection) {
        HttpServerResponse resp = req.response();
        resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache, private");
        resp.writeHead();
        return new WatchStream.Sink() {
            @Override
            public void send(String eventJson) {
                resp.write(eventJson + "\n");
            }

            @Override
            public void finish() {
                if (!resp.ended()) {
                    resp.end();
                }
            }

            @Override
            public void abort() {
                connection.close();
            }
        };
    }

    /** A list written item by item in 256 KB chunks, so 50,000 heavy pods never sit in memory as one string. */
    private void streamList(HttpServerResponse resp, ApiResult.Listing listing) {
        resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache, private");
        try (OutputStream out = new ChunkedOutput(resp);
             JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            Iterator<Map.Entry<String, JsonNode>> fields = listing.head().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                gen.writeFieldName(field.getKey());
                mapper.writeTree(gen, field.getValue());
            }
            gen.writeFieldName("items");
            gen.writeStartArray();
            gen.flush();
            boolean first = true;
            for (StoredObject item : listing.items()) {
                if (!first) {
                    out.write(',');
                }
                out.write(item.json());
                first = false;
            }
            out.write(']');
            out.write('}');
            gen.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        resp.end();
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            return ("{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"cannot serialize\",\"code\":500}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Forwards bytes to a chunked response, waiting while Vert.x's write queue is full (slow clients). */
    private static final class ChunkedOutput extends OutputStream {
        private final HttpServerResponse resp;
        private final byte[] buffer = new byte[CHUNK];
        private int used;

        ChunkedOutput(HttpServerResponse resp) {
            this.resp = resp;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                flushChunk();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == buffer.length) {
                    flushChunk();
                }
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }

        private void flushChunk() throws IOException {
            if (used == 0) {
                return;
            }
            if (resp.closed()) {
                throw new IOException("the client closed the connection");
            }
            resp.write(Buffer.buffer(java.util.Arrays.copyOf(buffer, used)));
            used = 0;
            if (resp.writeQueueFull()) {
                CountDownLatch drained = new CountDownLatch(1);
                resp.drainHandler(v -> drained.countDown());
                resp.closeHandler(v -> drained.countDown());
                try {
                    while (resp.writeQueueFull() && !resp.closed()) {
                        if (drained.await(100, TimeUnit.MILLISECONDS)) {
                            break;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while streaming a list", e);
                }
            }
        }
    }
}
