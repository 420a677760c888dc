package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The preflight's SelfSubjectAccessReviews over HTTP with the real fabric8 client: asked several at a time, the
 * report in the same order and with the same answers as when asked one by one, a failed review "not checked"
 * without touching the others, and a check that ends when the executor runs none of its helpers.
 */
class RbacPreflightReviewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** verb + resource the API server denies. */
    private static final Set<String> DENIED = Set.of("watch jobs", "patch daemonsets");
    private static final String FAILING = "list cronjobs";

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final ExecutorService helpers = Executors.newFixedThreadPool(8);
    private ScriptedApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedApiServer("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", this::review, 16);
        client = server.client();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        helpers.shutdownNow();
        helpers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Answers after 40 ms, as an API server a round trip away would, and counts the reviews in flight. */
    private void review(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try {
            JsonNode attrs = JSON.readTree(exchange.getRequestBody()).path("spec").path("resourceAttributes");
            String question = attrs.path("verb").asText() + " " + attrs.path("resource").asText();
            asked.add(question);
            Thread.sleep(40);
            if (question.equals(FAILING)) {
                send(exchange, 500, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"message\":\"etcd timeout\",\"code\":500}");
                return;
            }
            boolean allowed = !DENIED.contains(question);
            send(exchange, 201, "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                    + "\"spec\":{},\"status\":{\"allowed\":" + allowed + ",\"reason\":\"" + (allowed ? "bound"
                    : "no rule") + "\"}}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 503, "{}");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void reviewsAskedSeveralAtATimeGiveTheReportOfReviewsAskedOneByOne() {
        RbacReport alone = new RbacPreflight(client).check();
        assertThat(mostInFlight.get()).isEqualTo(1);
        mostInFlight.set(0);
        asked.clear();

        RbacReport shared = new RbacPreflight(client, helpers).check();

        assertThat(mostInFlight.get()).isGreaterThan(1).isLessThanOrEqualTo(RbacPreflight.CONCURRENT_REVIEWS);
        assertThat(asked).hasSize(alone.checks().size()).doesNotHaveDuplicates();
        assertThat(shared.checks()).containsExactlyElementsOf(alone.checks());
        assertThat(shared.clusterWideRead()).isEqualTo(alone.clusterWideRead());
        assertThat(order(shared)).containsExactlyElementsOf(expectedOrder());
        assertThat(shared.canReadClusterWide(WatchedKind.JOBS)).isFalse();
        assertThat(shared.canReadClusterWide(WatchedKind.PODS)).isTrue();
        AccessCheck patchDaemonSets = shared.checks().get(shared.checks().size() - 1);
        assertThat(patchDaemonSets.resource()).isEqualTo("daemonsets");
        assertThat(patchDaemonSets.allowed()).isFalse();
        assertThat(patchDaemonSets.reason()).isEqualTo("no rule");
    }

    @Test
    void aReviewTheServerFailsIsNotCheckedAndTheOthersKeepTheirAnswers() {
        RbacReport report = new RbacPreflight(client, helpers).check();

        AccessCheck failed = report.checks().stream()
                .filter(c -> c.verb().equals("list") && c.resource().equals("cronjobs")).findFirst().orElseThrow();
        assertThat(failed.allowed()).as("unknown counts as allowed; the watch reports it if not").isTrue();
        assertThat(failed.reason()).startsWith("not checked:").contains("etcd timeout");
        assertThat(report.checks()).filteredOn(c -> c != failed)
                .allSatisfy(c -> assertThat(c.reason()).isIn("bound", "no rule"));
    }

    @Test
    void theCheckEndsOnTheCallingThreadWhenTheExecutorRunsNoneOfItsHelpers() {
        List<Runnable> neverRun = new ArrayList<>();
        RbacReport report = new RbacPreflight(client, neverRun::add).check();

        assertThat(neverRun).hasSize(RbacPreflight.CONCURRENT_REVIEWS - 1);
        assertThat(order(report)).containsExactlyElementsOf(expectedOrder());
        assertThat(mostInFlight.get()).isEqualTo(1);
        neverRun.forEach(Runnable::run); // a helper that starts late finds nothing left and asks nothing
        assertThat(asked).hasSize(report.checks().size());
    }

    @Test
    void theFallbackIsLookedUpOnlyWhenAKindCannotBeReadClusterWide() {
        RbacPreflight preflight = new RbacPreflight(client, helpers);
        RbacReport denied = preflight.check();

        assertThat(preflight.fallbackFor(RbacReport.allAllowed(), "shop", 50)).isEmpty();
        // This server cannot list namespaces: the fallback is the context's default namespace.
        assertThat(preflight.fallbackFor(denied, "shop", 50)).containsExactly("shop");
    }

    private static List<String> order(RbacReport report) {
        return report.checks().stream().map(c -> c.verb() + " " + c.resource()).toList();
    }

    private static List<String> expectedOrder() {
        List<String> order = new ArrayList<>();
        for (WatchedKind kind : WatchedKind.values()) {
            order.add("list " + kind.resource());
            order.add("watch " + kind.resource());
        }
        for (String[] w : RbacPreflight.WRITES) {
            order.add("patch " + w[1]);
        }
        return order;
    }
}
