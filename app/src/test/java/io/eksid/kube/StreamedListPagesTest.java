package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.eksid.kube.lean.LeanPod;
import io.eksid.kube.lean.LeanPodList;
import io.eksid.model.store.SourceState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * List pages read as bytes over HTTP by the real fabric8 client: the page's metadata comes before its items, the
 * next page is asked for before the current one is stored, the objects are those fabric8's own list decodes, and a
 * broken page or an expired token fails as a list failure.
 */
class StreamedListPagesTest {

    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"shop","uid":"u-%s",\
            "resourceVersion":"7","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1",\
            "kind":"ReplicaSet","name":"web-5d9c","uid":"rs-1","controller":true}],"managedFields":[{"manager":\
            "kubelet","operation":"Update","fieldsV1":{"f:status":{"f:phase":{}}}}]},"spec":{"serviceAccountName":\
            "app","nodeName":"ip-10-0-0-1.ec2.internal","hostNetwork":false,"nodeSelector":{"zone":"a"},\
            "containers":[{"name":"web","image":"nginx","env":[{"name":"AWS_ROLE_ARN","value":\
            "arn:aws:iam::111122223333:role/web"},{"name":"POD_IP","valueFrom":{"fieldRef":{"fieldPath":\
            "status.podIP"}}}],"resources":{"limits":{"cpu":"500m"}}}]},"status":{"phase":"Running",\
            "startTime":"2026-12-01T10:00:00Z","podIP":"10.0.0.9"}}""";

    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private volatile int status = 200;
    private ScriptedApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedApiServer("/api/v1/pods", this::answer, 2);
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        queries.add(query);
        String token = "";
        for (String part : query.split("&")) {
            if (part.startsWith("continue=")) {
                token = URLDecoder.decode(part.substring("continue=".length()), StandardCharsets.UTF_8);
            }
        }
        byte[] body = status == 200 ? pages.getOrDefault(token, new byte[0])
                : ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Expired\","
                + "\"message\":\"The provided continue parameter is too old\",\"code\":" + status + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] page(String meta, String... names) {
        List<String> items = new ArrayList<>();
        for (String name : names) {
            items.add(POD.formatted(name, name));
        }
        String itemsJson = "\"items\":[" + String.join(",", items) + "]";
        String body = meta == null ? "{\"kind\":\"PodList\",\"apiVersion\":\"v1\"," + itemsJson + "}"
                : meta.startsWith("after:")
                ? "{\"kind\":\"PodList\",\"apiVersion\":\"v1\"," + itemsJson + ",\"metadata\":" + meta.substring(6) + "}"
                : "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":" + meta + "," + itemsJson + "}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private StreamedListPages<LeanPod> source() {
        return new StreamedListPages<>(client, LeanPod.class,
                () -> client.resources(LeanPod.class, LeanPodList.class).inAnyNamespace(), 2,
                StreamedListPages.pageMapper());
    }

    private List<String> read(ListPage<LeanPod> page) {
        List<String> events = new ArrayList<>();
        page.read(meta -> events.add("head " + meta.getContinue() + " " + meta.getResourceVersion()),
                pod -> events.add(pod.getMetadata().getName()));
        return events;
    }

    @Test
    void theContinueTokenComesBeforeTheItemsAndIsSentEncoded() throws Exception {
        String token = "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ==/b c&d";
        pages.put("", page("{\"resourceVersion\":\"7\",\"continue\":\"" + token + "\"}", "web-1", "web-2"));
        pages.put(token, page("{\"resourceVersion\":\"7\"}", "web-3"));

        ListPage.Source<LeanPod> source = source();
        assertThat(read(source.request(null).get(10, TimeUnit.SECONDS)))
                .containsExactly("head " + token + " 7", "web-1", "web-2");
        assertThat(read(source.request(token).get(10, TimeUnit.SECONDS))).containsExactly("head null 7", "web-3");
        assertThat(queries.get(0)).contains("limit=2").doesNotContain("continue");
        assertThat(URLDecoder.decode(queries.get(1), StandardCharsets.UTF_8)).contains("continue=" + token);
    }

    @Test
    void metadataAfterTheItemsOrNoneAtAllIsStillReadOnce() throws Exception {
        pages.put("", page("after:{\"resourceVersion\":\"9\"}", "web-1"));
        assertThat(read(source().request(null).get(10, TimeUnit.SECONDS))).containsExactly("web-1", "head null 9");

        pages.put("", page(null, "web-1", "web-2"));
        assertThat(read(source().request(null).get(10, TimeUnit.SECONDS)))
                .containsExactly("web-1", "web-2", "head null null");
    }

    @Test
    void podsDecodeExactlyAsFabric8sOwnListDecodesThem() throws Exception {
        pages.put("", page("{\"resourceVersion\":\"7\"}", "web-1", "web-2"));

        List<LeanPod> streamed = new ArrayList<>();
        source().request(null).get(10, TimeUnit.SECONDS).read(meta -> { }, streamed::add);
        List<LeanPod> fabric8 = client.resources(LeanPod.class, LeanPodList.class).inAnyNamespace().list()
                .getItems();

        assertThat(streamed).hasSize(2);
        for (int i = 0; i < streamed.size(); i++) {
            assertThat(client.getKubernetesSerialization().asJson(streamed.get(i)))
                    .isEqualTo(client.getKubernetesSerialization().asJson(fabric8.get(i)));
        }
        LeanPod pod = streamed.get(0);
        assertThat(pod.getSpec().containers.get(0).env).extracting(e -> e.name)
                .containsExactly("AWS_ROLE_ARN", "POD_IP");
        assertThat(pod.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("web-5d9c");
    }

    @Test
    void aTruncatedPageIsAMalformedListNotAShortOne() throws Exception {
        byte[] whole = page("{\"resourceVersion\":\"7\"}", "web-1", "web-2");
        pages.put("", java.util.Arrays.copyOf(whole, whole.length - 40));

        ListPage<LeanPod> page = source().request(null).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> page.read(meta -> { }, pod -> { }))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("malformed list page from /api/v1/pods");

        // a proxy's login page answered with 200 instead of the API server's list
        pages.put("", "<html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8));
        ListPage<LeanPod> html = source().request(null).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> html.read(meta -> { }, pod -> { }))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("malformed list page from /api/v1/pods").hasMessageContaining("'<'");

        pages.put("", new byte[0]);
        ListPage<LeanPod> empty = source().request(null).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> empty.read(meta -> { }, pod -> { }))
                .hasMessageContaining("the response is not a JSON object");

        pages.put("", "{\"kind\":\"PodList\",\"items\":{}}".getBytes(StandardCharsets.UTF_8));
        ListPage<LeanPod> notAnArray = source().request(null).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> notAnArray.read(meta -> { }, pod -> { }))
                .hasMessageContaining("\"items\" is not an array");
    }

    @Test
    void anExpiredContinueTokenFailsAs410WithTheServersReason() {
        status = 410;
        assertThatThrownBy(() -> ListPages.await(source().request("old"), "list pods"))
                .isInstanceOfSatisfying(KubeException.class, e -> {
                    assertThat(e.httpCode()).isEqualTo(410);
                    assertThat(e.failure()).isEqualTo(KubeFailure.GONE);
                    assertThat(e.getMessage()).contains("list pods");
                });
    }

    @Test
    void theReflectorAsksForTheNextPageBeforeStoringThisOne() throws Exception {
        pages.put("", page("{\"resourceVersion\":\"7\",\"continue\":\"p2\"}", "web-1", "web-2"));
        pages.put("p2", page("{\"resourceVersion\":\"7\",\"continue\":\"p3\"}", "web-3", "web-4"));
        pages.put("p3", page("{\"resourceVersion\":\"8\"}", "web-5"));
        List<String> requestsSeenAtEachUpsert = new CopyOnWriteArrayList<>();
        List<String> stored = new CopyOnWriteArrayList<>();
        Reflector<LeanPod> reflector = new Reflector<>("pods", LeanPod.class::cast,
                () -> client.resources(LeanPod.class, LeanPodList.class).inAnyNamespace(), source(),
                new Reflector.Sink<>() {
                    public void upsert(LeanPod pod) {
                        requestsSeenAtEachUpsert.add(pod.getMetadata().getName() + ":" + listRequestsWithin(
                                "web-1".equals(pod.getMetadata().getName()) ? 2 : 0));
                        stored.add(pod.getMetadata().getName());
                    }

                    public void delete(String namespace, String name) {
                        stored.remove(name);
                    }
                }, (SourceState state, String reason) -> { },
                new ReflectorSettings(2, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(10)),
                executor);
        reflector.start();
        try {
            reflector.firstSync().get(10, TimeUnit.SECONDS);
        } finally {
            reflector.stop();
        }

        assertThat(stored).containsExactly("web-1", "web-2", "web-3", "web-4", "web-5");
        // the request for page 2 reached the server while page 1's first pod was being stored
        assertThat(requestsSeenAtEachUpsert.get(0)).isEqualTo("web-1:2");
        assertThat(reflector.relists()).isEqualTo(1);
    }

    /** List requests the server has seen, waiting up to 5 s for at least {@code atLeast}. */
    private int listRequestsWithin(int atLeast) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int seen;
        while ((seen = (int) queries.stream().filter(q -> !q.contains("watch=true")).count()) < atLeast
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return seen;
    }
}
