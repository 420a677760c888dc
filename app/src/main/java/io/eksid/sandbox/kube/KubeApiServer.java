package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulated Kubernetes API server serving several simulated EKS clusters on one port.
 *
 * <p><b>One port, one path prefix per cluster.</b> Cluster {@code X} lives under {@code /clusters/X}: its
 * server URL is {@code http://127.0.0.1:<port>/clusters/X}, which kubectl (kubeconfig {@code server:}) and
 * fabric8 ({@code masterUrl}) both accept, since they append API paths to the server URL. One port keeps the
 * CLI's {@code --k8s-port} a single number however many clusters a scenario has.
 *
 * <p><b>HTTP layer.</b> fabric8's mock web server (mockwebserver 7.x) is a thin layer over Vert.x whose
 * responses are fully buffered, so it cannot stream a watch as chunked HTTP, which is how kubectl (and
 * fabric8's HTTP-watch fallback) watch. This server therefore serves on the same Vert.x stack directly: plain
 * requests, chunked list and watch responses, and WebSocket watches (fabric8's default). The API itself is this
 * package's own store and dispatcher, not the mock's CRUD mode, which ignores paging, replays every object on
 * each watch and scans its store on each create.
 */
public final class KubeApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeApiServer.class);
    private static final String PREFIX = "/clusters/";
    private static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(2);

    private final AssociationLookup associations;
    private final Clock clock;
    private final Map<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();
    private final Set<WatchStream> watches = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong expiredWatches = new java.util.concurrent.atomic.AtomicLong();
    private final ObjectMapper mapper = new ObjectMapper();
    private final ApiHandler handler;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final HttpResponses responses;
    private Vertx vertx;
    private HttpServer server;
    private final ApiLatency latency = new ApiLatency();
    private volatile int port = -1;
    private volatile int watchHistory = SimulatedCluster.DEFAULT_WATCH_HISTORY;
    private ScheduledFuture<?> dropTask;
    private final ServiceAccountTokens serviceAccountTokens = new ServiceAccountTokens();
    private final Map<String, InClusterEndpoint> inClusterEndpoints = new ConcurrentHashMap<>();
    private final List<HttpServer> inClusterServers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<SelfSignedCertificate> certificates = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Where pods of one cluster reach its API server, as {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} tell them:
     * HTTPS at the root path, with the PEM of the certificate the pod's {@code ca.crt} holds.
     */
    public record InClusterEndpoint(String host, int port, String caPem) {
    }

    public KubeApiServer(AssociationLookup associations, Clock clock) {
        this.associations = associations;
        this.clock = clock;
        this.handler = new ApiHandler(mapper, new ObjectMapper(new YAMLFactory()), clock);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, r -> daemon(r, "sandbox-kube-api-" + n.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sandbox-kube-timers"));
        this.responses = new HttpResponses(mapper);
    }

    /** Adds a cluster in the default region us-east-1 (scenario data: the sandbox's fake account). */
    public SimulatedCluster addCluster(String name) {
        return addCluster(name, "us-east-1");
    }

    public SimulatedCluster addCluster(String name, String region) {
        BulkSeeder.requireName(name, "cluster");
        SimulatedCluster cluster = new SimulatedCluster(name, region, associations, clock, watchHistory);
        if (clusters.putIfAbsent(name, cluster) != null) {
            cluster.close();
            throw new IllegalArgumentException("cluster \"" + name + "\" already exists");
        }
        return cluster;
    }

    /**
     * How many changes clusters added from now on keep for watches to resume from (default
     * {@value SimulatedCluster#DEFAULT_WATCH_HISTORY}); a watch from an older resourceVersion gets 410 Gone.
     */
    public void watchHistory(int changes) {
        if (changes < 1) {
            throw new IllegalArgumentException("watch history must keep at least one change, got " + changes);
        }
        this.watchHistory = changes;
    }

    public SimulatedCluster cluster(String name) {
        SimulatedCluster cluster = clusters.get(name);
        if (cluster == null) {
            throw new IllegalArgumentException("no cluster \"" + name + "\"; known: " + clusters.keySet());
        }
        return cluster;
    }

    public List<String> clusterNames() {
        return List.copyOf(new java.util.TreeSet<>(clusters.keySet()));
    }

    /** Starts serving on 127.0.0.1; port 0 picks a free port. */
    public synchronized void start(int requestedPort) {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port);
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(requestedPort)
                .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 24)
                .setCompressionSupported(false).setIdleTimeout(0);
        server = vertx.createHttpServer(options).requestHandler(req -> latency.handle(vertx, req, this::onRequest));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kubernetes API server", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            server = null;
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + requestedPort + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
        port = server.actualPort();
        timers.scheduleAtFixedRate(this::sendBookmarks, BOOKMARK_INTERVAL.toMillis(), BOOKMARK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the Kubernetes API server is not started");
        }
        return port;
    }

    /** The URL kubectl and fabric8 use for a cluster: {@code http://127.0.0.1:<port>/clusters/<name>}. */
    public String serverUrl(String clusterName) {
        cluster(clusterName);
        return "http://127.0.0.1:" + port() + PREFIX + clusterName;
    }

    /**
     * Serves one cluster as its pods see it: HTTPS on {@code localhost} (a fresh self-signed certificate whose PEM
     * is the pod's {@code ca.crt}), API paths at the root, and only service account tokens from
     * {@link #issueServiceAccountToken} accepted, each authorised by the cluster's stored RBAC objects.
     * Started once per cluster; later calls return the same endpoint.
     */
    public synchronized InClusterEndpoint serveInCluster(String clusterName) {
        SimulatedCluster cluster = cluster(clusterName);
        InClusterEndpoint existing = inClusterEndpoints.get(clusterName);
        if (existing != null) {
            return existing;
        }
        if (vertx == null) {
            throw new IllegalStateException("the Kubernetes API server is not started");
        }
        SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
        certificates.add(certificate);
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(certificate.keyCertOptions()).setCompressionSupported(false).setIdleTimeout(0);
        HttpServer tls = vertx.createHttpServer(options).requestHandler(req -> onInClusterRequest(req, cluster));
        try {
            tls.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String pem = java.nio.file.Files.readString(java.nio.file.Path.of(certificate.certificatePath()));
            InClusterEndpoint endpoint = new InClusterEndpoint("localhost", tls.actualPort(), pem);
            inClusterServers.add(tls);
            inClusterEndpoints.put(clusterName, endpoint);
            return endpoint;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the in-cluster endpoint", e);
        } catch (ExecutionException | TimeoutException | java.io.IOException e) {
            tls.close();
            throw new IllegalStateException("cannot serve cluster " + clusterName + " in-cluster: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    /**
     * A bearer token for a service account of a cluster, as the kubelet projects into a pod's
     * {@code /var/run/secrets/kubernetes.io/serviceaccount/token}. The service account must exist, and the token
     * stops working when it is deleted.
     */
    public String issueServiceAccountToken(String clusterName, String namespace, String serviceAccount) {
        SimulatedCluster cluster = cluster(clusterName);
        if (!cluster.store().contains(ResourceCatalog.SERVICE_ACCOUNTS, namespace, serviceAccount)) {
            throw new IllegalArgumentException("no service account " + namespace + "/" + serviceAccount
                    + " in cluster " + clusterName);
        }
        return serviceAccountTokens.issue(clusterName, namespace, serviceAccount);
    }

    /** Cuts every open watch connection every {@code interval} (null stops it), as flaky load balancers do. */
    public synchronized void dropWatchesEvery(Duration interval) {
        if (dropTask != null) {
            dropTask.cancel(false);
            dropTask = null;
        }
        if (interval != null) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("watch drop interval must be positive, got " + interval);
            }
            dropTask = timers.scheduleAtFixedRate(this::dropAllWatches, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Cuts every open watch connection now. */
    public void dropAllWatches() {
        for (WatchStream watch : new ArrayList<>(watches)) {
            watches.remove(watch);
            watch.close(true);
        }
    }

    /** How many watches were refused with 410 Gone because their resourceVersion was compacted away. */
    public long expiredWatchCount() {
        return expiredWatches.get();
    }

    public int openWatchCount() {
        watches.removeIf(WatchStream::isClosed);
        return watches.size();
    }

    @Override
    public synchronized void close() {
        dropWatchesEvery(null);
        for (WatchStream watch : new ArrayList<>(watches)) {
            watch.close(true);
        }
        watches.clear();
        clusters.values().forEach(SimulatedCluster::close);
        inClusterServers.forEach(HttpServer::close);
        inClusterServers.clear();
        certificates.forEach(SelfSignedCertificate::delete);
        timers.shutdownNow();
        workers.shutdownNow();
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("the Kubernetes API server did not stop cleanly: {}", e.getMessage());
            }
            vertx = null;
            server = null;
        }
    }

    /** Handles every request to the clusters' endpoint {@code latency} later (zero: at once). */
    public void answerAfter(Duration latency) {
        this.latency.set(latency);
    }

    private void onRequest(HttpServerRequest req) {
        String path = req.path();
        if (!path.startsWith(PREFIX)) {
            responses.error(req, ApiError.pathNotFound(path + " (clusters are served under " + PREFIX + "<name>)"));
            return;
        }
        int slash = path.indexOf('/', PREFIX.length());
        String name = slash < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), slash);
        SimulatedCluster cluster = clusters.get(name);
        if (cluster == null) {
            responses.error(req, new ApiError(404, "NotFound", "no simulated cluster \"" + name + "\"", null, null));
            return;
        }
        dispatch(req, cluster, slash < 0 ? "/" : path.substring(slash), null);
    }

    /** The in-cluster endpoint: one cluster at the root, and only service account tokens get in. */
    private void onInClusterRequest(HttpServerRequest req, SimulatedCluster cluster) {
        RbacAuthorizer.ServiceAccountSubject subject = serviceAccountTokens.subject(cluster.name(),
                req.getHeader(HttpHeaders.AUTHORIZATION)).orElse(null);
        if (subject == null || !cluster.store().contains(ResourceCatalog.SERVICE_ACCOUNTS, subject.namespace(),
                subject.name())) {
            responses.error(req, new ApiError(401, "Unauthorized", "Unauthorized", null, null));
            return;
        }
        dispatch(req, cluster, req.path(), subject);
    }

    private void dispatch(HttpServerRequest req, SimulatedCluster cluster, String inner,
                          RbacAuthorizer.ServiceAccountSubject subject) {
        boolean upgrade = "websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE));
        if (upgrade) {
            onWebSocketRequest(req, cluster, inner, subject);
            return;
        }
        req.body().onComplete(body -> {
            if (body.failed()) {
                return;
            }
            ApiRequest api = new ApiRequest(req.method().name(), inner, ApiRequest.parseQuery(req.query()),
                    req.getHeader(HttpHeaders.CONTENT_TYPE), req.getHeader(HttpHeaders.ACCEPT), body.result().getBytes());
            try {
                workers.execute(() -> serve(req, cluster, api, subject));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                responses.error(req, new ApiError(503, "ServiceUnavailable", "the API server is shutting down", null, null));
            }
        });
    }

    private void serve(HttpServerRequest req, SimulatedCluster cluster, ApiRequest api,
                       RbacAuthorizer.ServiceAccountSubject subject) {
        try {
            ApiResult result = handler.handle(cluster, api, "127.0.0.1:" + port, subject);
            if (result instanceof ApiResult.Watch watch) {
                HttpConnection connection = req.connection();
                WatchStream stream = new WatchStream(watch.request(), cluster.store(), mapper, clock,
                        responses.chunkedWatch(req, connection));
                open(stream, watch.request(), connection);
            } else {
                responses.send(req, result);
            }
        } catch (ApiError e) {
            responses.error(req, e);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug must still answer (a 500 Status), never leave the client hanging.
            LOG.error("internal error serving {} {}", api.method(), api.path(), e);
            responses.error(req, new ApiError(500, "InternalError", "Internal error occurred: " + e, null, null));
        }
    }

    private void onWebSocketRequest(HttpServerRequest req, SimulatedCluster cluster, String inner,
                                    RbacAuthorizer.ServiceAccountSubject subject) {
        ApiRequest api = new ApiRequest("GET", inner, ApiRequest.parseQuery(req.query()), "",
                req.getHeader(HttpHeaders.ACCEPT), new byte[0]);
        ApiResult result;
        try {
            result = handler.handle(cluster, api, "127.0.0.1:" + port, subject);
        } catch (ApiError e) {
            responses.error(req, e);
            return;
        } catch (RuntimeException e) {
            LOG.error("internal error serving WebSocket {}", inner, e);
            responses.error(req, new ApiError(500, "InternalError", "Internal error occurred: " + e, null, null));
            return;
        }
        if (!(result instanceof ApiResult.Watch watch)) {
            responses.error(req, ApiError.badRequest("only watches are served over WebSocket"));
            return;
        }
        HttpConnection connection = req.connection();
        req.toWebSocket().onSuccess(ws -> {
            WatchStream stream = new WatchStream(watch.request(), cluster.store(), mapper, clock,
                    webSocketSink(ws, connection));
            ws.closeHandler(v -> disconnected(stream));
            ws.exceptionHandler(e -> disconnected(stream));
            workers.execute(() -> open(stream, watch.request(), connection));
        });
    }

    private void open(WatchStream stream, ApiHandler.WatchRequest request, HttpConnection connection) {
        watches.add(stream);
        connection.closeHandler(v -> disconnected(stream));
        if (!stream.start()) {
            expiredWatches.incrementAndGet();
        }
        if (stream.isClosed()) {
            watches.remove(stream);
            return;
        }
        if (request.timeoutSeconds() > 0) {
            timers.schedule(() -> {
                watches.remove(stream);
                stream.close(false);
            }, request.timeoutSeconds(), TimeUnit.SECONDS);
        }
    }

    private void disconnected(WatchStream stream) {
        watches.remove(stream);
        stream.disconnected();
    }

    private static WatchStream.Sink webSocketSink(ServerWebSocket ws, HttpConnection connection) {
        return new WatchStream.Sink() {
            @Override
            public void send(String eventJson) {
                ws.writeTextMessage(eventJson);
            }

            @Override
            public void finish() {
                ws.close((short) 1000);
            }

            @Override
            public void abort() {
                connection.close();
            }
        };
    }

    private void sendBookmarks() {
        for (WatchStream watch : watches) {
            if (watch.wantsBookmarks() && !watch.isClosed()) {
                try {
                    watch.sendBookmark();
                } catch (RuntimeException e) {
                    LOG.debug("bookmark not sent", e);
                }
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
