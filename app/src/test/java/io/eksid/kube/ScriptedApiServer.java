package io.eksid.kube;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on the loopback whose answers a test scripts, and the real fabric8 client pointed at it
 * (no retries, so each request the code makes is one the server sees).
 */
final class ScriptedApiServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final KubernetesClient client;

    /** Serves {@code handler} under {@code path} on {@code serverThreads} threads. */
    ScriptedApiServer(String path, HttpHandler handler, int serverThreads) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, handler);
        threads = Executors.newFixedThreadPool(serverThreads);
        server.setExecutor(threads);
        server.start();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort()).withOauthToken("t")
                .withRequestRetryBackoffLimit(0).build()).build();
    }

    KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
        threads.shutdownNow();
    }
}
