package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksid.kube.IngestBenchmark;
import io.eksid.kube.KubeConnectOptions;
import io.eksid.kube.KubeConnector;
import io.eksid.kube.ReflectorSettings;
import io.eksid.model.store.ClusterStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory pod page server hands out exactly the captured bytes and its continue tokens lead page to page. */
class PodPageServerTest {

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    // tokens with characters that must be URL-encoded, as real API servers' base64 tokens have
    private static final List<String> TOKENS = List.of("", "eyJ2Ijo+MX0=/a", "b c&d=e");

    private final HttpClient http = HttpClient.newHttpClient();

    private static PodPageServer.Pages pages(int perPage) {
        List<byte[]> bodies = new ArrayList<>();
        for (int p = 0; p < TOKENS.size(); p++) {
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < perPage; i++) {
                items.append(i == 0 ? "" : ",").append("""
                        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-%d-%d","namespace":"shop",\
                        "uid":"u-%d-%d","resourceVersion":"7"},"spec":{"serviceAccountName":"app",\
                        "nodeName":"ip-10-0-0-1.ec2.internal"},"status":{"phase":"Running"}}""".formatted(p, i, p, i));
            }
            String next = p + 1 < TOKENS.size() ? ",\"continue\":\"" + TOKENS.get(p + 1).replace("\"", "\\\"")
                    + "\",\"remainingItemCount\":" + (TOKENS.size() - p - 1) * perPage : "";
            bodies.add(("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"7\"" + next
                    + "},\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8));
        }
        return new PodPageServer.Pages(perPage, TOKENS, bodies);
    }

    @Test
    void servesEachPageByteIdenticalAndCaptureFollowsTheTokens() throws Exception {
        PodPageServer.Pages pages = pages(4);
        try (PodPageServer server = PodPageServer.start(pages)) {
            for (int p = 0; p < TOKENS.size(); p++) {
                byte[] body = PodPageServer.get(http, server.url() + pages.pathAndQuery(p), null, TIMEOUT);
                assertThat(body).isEqualTo(pages.bodies().get(p));
            }
            assertThat(server.bytesServed()).isEqualTo(pages.bytes());

            PodPageServer.Pages again = PodPageServer.capture(http, server.url(), null, 4, TIMEOUT);
            assertThat(again.tokens()).isEqualTo(TOKENS);
            for (int p = 0; p < TOKENS.size(); p++) {
                assertThat(again.bodies().get(p)).isEqualTo(pages.bodies().get(p));
            }
        }
    }

    @Test
    void answersUnknownTokensOtherLimitsAndWatchesWithErrors() throws Exception {
        try (PodPageServer server = PodPageServer.start(pages(2))) {
            assertThat(status(server.url() + "/api/v1/pods?limit=2&continue=nope")).isEqualTo(410);
            assertThat(status(server.url() + "/api/v1/pods?limit=3")).isEqualTo(400);
            assertThat(status(server.url() + "/api/v1/pods?watch=true&limit=2")).isEqualTo(404);
            assertThat(status(server.url() + "/api/v1/namespaces")).isEqualTo(404);
            assertThatThrownBy(() -> PodPageServer.capture(http, server.url(), null, 3, TIMEOUT))
                    .isInstanceOf(IOException.class).hasMessageContaining("HTTP 400");
        }
    }

    @Test
    void ourPodListFollowsTheTokensThroughEveryPageIntoTheStore() throws Exception {
        PodPageServer.Pages pages = pages(5);
        try (PodPageServer server = PodPageServer.start(pages)) {
            Config config = new ConfigBuilder().withMasterUrl(server.url()).withOauthToken("t").build();
            ClusterStore store = new ClusterStore("in-memory", Clock.systemUTC());
            IngestBenchmark bench = new IngestBenchmark(new KubeConnector(Clock.systemUTC(),
                    KubeConnectOptions.DEFAULTS), new ReflectorSettings(5, Duration.ofMillis(50),
                    Duration.ofMillis(200), Duration.ofSeconds(10)), executor);
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                bench.listPods(client, store, TIMEOUT);
            }
            assertThat(store.podCount()).isEqualTo(15);
            assertThat(server.requests()).isEqualTo(3);
            assertThat(server.bytesServed()).isEqualTo(pages.bytes());
        }
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
