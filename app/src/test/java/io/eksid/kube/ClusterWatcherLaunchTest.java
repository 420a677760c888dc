package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.eksid.model.store.ClusterStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher's launches over HTTP with the real fabric8 client: pods are listed once their owners have, whatever
 * the other kinds are doing, and {@code synced()} still waits for every kind's first list, including those
 * launched before the pods and answered after them.
 */
class ClusterWatcherLaunchTest {

    private static final String EMPTY_LIST = "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":"
            + "{\"resourceVersion\":\"1\"},\"items\":[]}";

    private final Map<String, Long> askedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final List<String> listed = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(12);
    /**
     * Answered late, so that whichever launch ends first, a kind it did not wait for is still listing: the pods
     * (launched once their owners listed, while the other kinds are being launched) and the last kind launched.
     */
    private static final Map<String, Long> DELAY_MILLIS = Map.of("deployments", 600L, "pods", 900L,
            "cronjobs", 1500L);
    private ScriptedApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedApiServer("/", this::answer, 32);
        client = server.client();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        server.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String resource = path.substring(path.lastIndexOf('/') + 1);
        String query = String.valueOf(exchange.getRequestURI().getRawQuery());
        try {
            if (query.contains("watch=true")) {
                // An open watch with nothing to say, until the test ends.
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                Thread.sleep(10_000);
                return;
            }
            listed.add(resource);
            askedAt.put(resource, System.nanoTime());
            Thread.sleep(DELAY_MILLIS.getOrDefault(resource, 0L));
            byte[] body = EMPTY_LIST.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            answeredAt.put(resource, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Test
    void syncedWaitsForEveryKindWhicheverOfTheTwoLaunchesEndsFirst() throws Exception {
        ClusterStore store = new ClusterStore("c", Clock.systemUTC());
        try (ClusterWatcher watcher = new ClusterWatcher(client, store, ReflectorSettings.DEFAULTS, executor)) {
            watcher.start();
            watcher.synced().get(30, TimeUnit.SECONDS);
            long syncedAt = System.nanoTime();

            assertThat(listed).contains("namespaces", "serviceaccounts", "pods", "replicasets", "deployments",
                    "statefulsets", "daemonsets", "jobs", "cronjobs");
            assertThat(askedAt.get("pods")).as("the pods did not wait for the deployments")
                    .isLessThan(answeredAt.get("deployments"));
            for (String kind : List.of("deployments", "cronjobs", "pods")) {
                assertThat(answeredAt.get(kind)).as(kind + " listed before synced").isLessThanOrEqualTo(syncedAt);
            }
            assertThat(listed.indexOf("pods")).as("pods after their owners")
                    .isGreaterThan(listed.indexOf("replicasets")).isGreaterThan(listed.indexOf("jobs"));
        }
    }
}
