package io.eksid.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves captured {@code GET /api/v1/pods} pages from memory, byte for byte, so an ingest can be compared with
 * the bare transfer of the same bytes. The handler only looks up a pre-built byte array by its {@code continue}
 * token and copies it to the socket: it does no serialisation, so it is not what a client waits for. Its own
 * wall and CPU time per request are counted to show that.
 */
final class PodPageServer implements AutoCloseable {

    /**
     * The pages of one pod list as a server sent them.
     *
     * @param limit  the {@code limit} every page was requested with
     * @param tokens the {@code continue} token that requests each page ("" for the first)
     * @param bodies the response bodies, in order
     */
    record Pages(int limit, List<String> tokens, List<byte[]> bodies) {
        Pages {
            tokens = List.copyOf(tokens);
            bodies = List.copyOf(bodies);
            if (tokens.size() != bodies.size() || bodies.isEmpty()) {
                throw new IllegalArgumentException("pages need one token per body and at least one page");
            }
        }

        long bytes() {
            return bodies.stream().mapToLong(b -> b.length).sum();
        }

        /** The request path and query of page {@code i}, as a client following the tokens sends it. */
        String pathAndQuery(int i) {
            String token = tokens.get(i);
            return PATH + "?limit=" + limit
                    + (token.isEmpty() ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        }
    }

    static final String PATH = "/api/v1/pods";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pages pages;
    private final Map<String, byte[]> byToken = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pod-page-server");
        t.setDaemon(true);
        return t;
    });
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong pageRequests = new AtomicLong();
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicLong handlerNanos = new AtomicLong();
    private final AtomicLong handlerCpuNanos = new AtomicLong();

    private PodPageServer(Pages pages) throws IOException {
        this.pages = pages;
        for (int i = 0; i < pages.tokens().size(); i++) {
            byToken.put(pages.tokens().get(i), pages.bodies().get(i));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
    }

    static PodPageServer start(Pages pages) throws IOException {
        PodPageServer s = new PodPageServer(pages);
        s.server.start();
        return s;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long requests() {
        return requests.get();
    }

    /**
     * Requests answered with a page: each page of a list, again for a page asked twice. The watch a reflector
     * opens once its list is done is refused here and is not part of the list.
     */
    long pageRequests() {
        return pageRequests.get();
    }

    long bytesServed() {
        return bytesServed.get();
    }

    /** Wall time inside the handler, including the wait for the client to take the bytes off the socket. */
    Duration handlerTime() {
        return Duration.ofNanos(handlerNanos.get());
    }

    /** CPU the handler threads used: what serving costs the server itself. */
    Duration handlerCpu() {
        return Duration.ofNanos(handlerCpuNanos.get());
    }

    void resetCounters() {
        requests.set(0);
        pageRequests.set(0);
        bytesServed.set(0);
        handlerNanos.set(0);
        handlerCpuNanos.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = lookup(exchange);
            if (body == null) {
                return;
            }
            pageRequests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            // Counted as handed to the socket: a client that has read the last byte may look at the counter
            // before this thread returns from the write.
            bytesServed.addAndGet(body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            handlerNanos.addAndGet(System.nanoTime() - t0);
            handlerCpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - c0);
        }
    }

    /** The page a request names, or null after answering it with a Kubernetes Status error. */
    private byte[] lookup(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) || !PATH.equals(exchange.getRequestURI().getPath())) {
            status(exchange, 404, "NotFound", "only GET " + PATH + " is served from memory");
            return null;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if ("true".equals(query.get("watch")) || "1".equals(query.get("watch"))) {
            status(exchange, 404, "NotFound", "watches are not served from memory");
            return null;
        }
        if (!Integer.toString(pages.limit()).equals(query.get("limit"))) {
            status(exchange, 400, "BadRequest", "pages were captured with limit=" + pages.limit()
                    + ", not limit=" + query.get("limit"));
            return null;
        }
        byte[] body = byToken.get(query.getOrDefault("continue", ""));
        if (body == null) {
            status(exchange, 410, "Expired", "unknown continue token");
        }
        return body;
    }

    private static void status(HttpExchange exchange, int code, String reason, String message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure",
                "reason", reason, "code", code, "message", message));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    /**
     * Lists every pod page from {@code apiServer} (a Kubernetes API base URL) with {@code limit}, following the
     * continue tokens, and keeps each body exactly as received.
     *
     * @param bearer token for the Authorization header, or null
     */
    static Pages capture(HttpClient http, String apiServer, String bearer, int limit, Duration timeout)
            throws IOException, InterruptedException {
        String base = apiServer.endsWith("/") ? apiServer.substring(0, apiServer.length() - 1) : apiServer;
        List<String> tokens = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        String token = "";
        do {
            tokens.add(token);
            Pages sofar = new Pages(limit, List.of(token), List.of(new byte[0]));
            byte[] body = get(http, base + sofar.pathAndQuery(0), bearer, timeout);
            bodies.add(body);
            JsonNode cont = JSON.readTree(body).path("metadata").path("continue");
            token = cont.isTextual() ? cont.asText() : "";
            if (!token.isEmpty() && tokens.contains(token)) {
                throw new IOException("the server repeated continue token '" + token + "'");
            }
        } while (!token.isEmpty());
        return new Pages(limit, tokens, bodies);
    }

    /** One plain GET; the body is returned as received. */
    static byte[] get(HttpClient http, String url, String bearer, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").GET();
        if (bearer != null && !bearer.isEmpty()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + URI.create(url).getRawPath() + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
