package io.eksid.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Watches and fabric8 informers: resume from a resourceVersion, 410 Gone and relist, dropped connections. */
class WatchAndInformerTest extends SandboxKubeTestSupport {

    @Override
    protected void configure(KubeApiServer apiServer) {
        apiServer.watchHistory(200);
    }

    /** Names of the pods an informer holds, and every event type it saw per pod name. */
    private static final class Recorder implements ResourceEventHandler<Pod> {
        final Map<String, Pod> live = new ConcurrentHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onAdd(Pod pod) {
            live.put(key(pod), pod);
            events.add("ADD " + key(pod));
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            live.put(key(newPod), newPod);
            events.add("UPDATE " + key(newPod));
        }

        @Override
        public void onDelete(Pod pod, boolean unknownFinalState) {
            live.remove(key(pod));
            events.add("DELETE " + key(pod));
        }

        static String key(Pod pod) {
            return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        }
    }

    @ParameterizedTest(name = "httpWatches={0}")
    @ValueSource(booleans = {false, true})
    void informerSeesAddUpdateAndDelete(boolean httpWatches) {
        try (KubernetesClient c = clientFor("c1", httpWatches)) {
            cluster.namespace("shop", Map.of());
            cluster.deployment("shop", "web", "default", 2, PodTemplateOptions.defaults());
            Recorder recorder = new Recorder();
            SharedIndexInformer<Pod> informer = c.pods().inAnyNamespace().inform(recorder);
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> recorder.live.size() == 2);
                cluster.deployment("shop", "api", "default", 1, PodTemplateOptions.defaults());
                String api = await().atMost(Duration.ofSeconds(20)).until(() -> recorder.live.keySet().stream()
                        .filter(k -> k.startsWith("shop/api-")).findFirst().orElse(null), n -> n != null);
                c.pods().inNamespace("shop").withName(api.substring(5)).edit(p -> {
                    p.getMetadata().getLabels().put("touched", "yes");
                    return p;
                });
                await().atMost(Duration.ofSeconds(20)).until(() -> recorder.events.contains("UPDATE " + api));
                c.pods().inNamespace("shop").withName(api.substring(5)).delete();
                await().atMost(Duration.ofSeconds(20)).until(() -> recorder.events.contains("DELETE " + api));
                // The ReplicaSet replaces the deleted pod.
                await().atMost(Duration.ofSeconds(20)).until(() -> recorder.live.keySet().stream()
                        .filter(k -> k.startsWith("shop/api-")).count() == 1 && !recorder.live.containsKey(api));
                assertThat(recorder.live.keySet()).isEqualTo(storedPodKeys());
            } finally {
                informer.close();
            }
        }
    }

    @Test
    void watchResumesFromAResourceVersionWithoutReplayingOlderObjects() throws Exception {
        cluster.namespace("shop", Map.of());
        cluster.serviceAccount("shop", "before", Map.of());
        String rv = client.serviceAccounts().inNamespace("shop").list().getMetadata().getResourceVersion();
        cluster.serviceAccount("shop", "after", Map.of());
        List<String> seen = new CopyOnWriteArrayList<>();
        Watch watch = client.serviceAccounts().inNamespace("shop").watch(new ListOptionsBuilder().withResourceVersion(rv)
                .withAllowWatchBookmarks(true).build(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, ServiceAccount sa) {
                        seen.add(action + " " + sa.getMetadata().getName());
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ADDED after"));
            cluster.serviceAccount("shop", "later", Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ADDED later"));
            assertThat(seen).doesNotContain("ADDED before", "ADDED default");
        } finally {
            watch.close();
        }
    }

    @ParameterizedTest(name = "httpWatches={0}")
    @ValueSource(booleans = {false, true})
    void watchFromACompactedResourceVersionGets410Gone(boolean httpWatches) throws Exception {
        try (KubernetesClient c = clientFor("c1", httpWatches)) {
            cluster.namespace("shop", Map.of());
            String rv = c.serviceAccounts().inNamespace("shop").list().getMetadata().getResourceVersion();
            for (int i = 0; i < 250; i++) {
                cluster.serviceAccount("shop", "sa-" + i, Map.of());
            }
            CompletableFuture<WatcherException> closed = new CompletableFuture<>();
            Watch watch = c.serviceAccounts().inNamespace("shop").watch(new ListOptionsBuilder().withResourceVersion(rv)
                    .build(), new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, ServiceAccount sa) {
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                            closed.complete(cause);
                        }
                    });
            try {
                WatcherException cause = closed.get(20, TimeUnit.SECONDS);
                assertThat(cause.isHttpGone()).isTrue();
            } finally {
                watch.close();
            }
        }
    }

    @Test
    void informerRelistsAfter410AndConverges() {
        cluster.namespace("shop", Map.of());
        cluster.deployment("shop", "web", "default", 3, PodTemplateOptions.defaults());
        Recorder recorder = new Recorder();
        SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().inform(recorder);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.live.size() == 3);
            // Cut the watch and, before it can come back, make more changes than the history keeps (holding the
            // store lock keeps the new watch out): the resumed watch gets 410 and the informer relists.
            cluster.write(() -> {
                server.dropAllWatches();
                return cluster.bulk().deployment("shop", "big", "default", 300, PodTemplateOptions.defaults()).commit();
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.live.size() == 303);
            assertThat(server.expiredWatchCount()).isPositive();
            cluster.deployment("shop", "after", "default", 1, PodTemplateOptions.defaults());
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.live.size() == 304);
            assertThat(recorder.live.keySet()).isEqualTo(storedPodKeys());
        } finally {
            informer.close();
        }
    }

    @ParameterizedTest(name = "httpWatches={0}")
    @ValueSource(booleans = {false, true})
    void informersRecoverFromDroppedWatches(boolean httpWatches) {
        try (KubernetesClient c = clientFor("c1", httpWatches)) {
            cluster.namespace("shop", Map.of());
            Recorder recorder = new Recorder();
            SharedIndexInformer<Pod> informer = c.pods().inAnyNamespace().inform(recorder);
            try {
                server.dropWatchesEvery(Duration.ofMillis(300));
                for (int i = 0; i < 5; i++) {
                    cluster.deployment("shop", "app-" + i, "default", 2, PodTemplateOptions.defaults());
                    sleepQuietly(150);
                }
                cluster.startChurn(50);
                sleepQuietly(600);
                cluster.stopChurn();
                await().atMost(Duration.ofSeconds(30)).until(() -> recorder.live.keySet().equals(storedPodKeys()));
                assertThat(recorder.live).hasSize(10);
            } finally {
                server.dropWatchesEvery(null);
                informer.close();
            }
        }
    }

    @Test
    void bookmarksCarryTheCurrentResourceVersion() throws Exception {
        cluster.namespace("shop", Map.of());
        String rv = client.pods().inNamespace("shop").list().getMetadata().getResourceVersion();
        List<String> actions = new CopyOnWriteArrayList<>();
        Watch watch = client.pods().inNamespace("shop").watch(new ListOptionsBuilder().withResourceVersion(rv)
                .withAllowWatchBookmarks(true).build(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        actions.add(action + " " + pod.getMetadata().getResourceVersion());
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
        try {
            cluster.serviceAccount("shop", "moves-the-rv", Map.of());
            await().atMost(Duration.ofSeconds(15)).until(() -> actions.stream().anyMatch(a -> a.startsWith("BOOKMARK")));
            String bookmark = actions.stream().filter(a -> a.startsWith("BOOKMARK")).findFirst().orElseThrow();
            assertThat(Long.parseLong(bookmark.substring("BOOKMARK ".length()))).isGreaterThan(Long.parseLong(rv));
        } finally {
            watch.close();
        }
    }

    @Test
    void watchListSendsTheInitialStateThenAnAnnotatedBookmark() throws Exception {
        cluster.namespace("shop", Map.of());
        cluster.serviceAccount("shop", "cart", Map.of());
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.serverUrl("c1")
                        + "/api/v1/namespaces/shop/serviceaccounts?watch=true&sendInitialEvents=true"
                        + "&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=5")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> body = response.body()) {
            java.util.Iterator<String> it = body.iterator();
            while (it.hasNext()) {
                String line = it.next();
                lines.add(line);
                if (line.contains("k8s.io/initial-events-end")) {
                    break;
                }
            }
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"cart\"");
        assertThat(lines.get(1)).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"default\"");
        assertThat(lines.get(2)).startsWith("{\"type\":\"BOOKMARK\"");
    }

    @Test
    void filteredWatchesSeeObjectsLeaveTheirSelectorAsDeleted() throws Exception {
        cluster.namespace("shop", Map.of());
        cluster.deployment("shop", "web", "default", 1, PodTemplateOptions.defaults());
        Pod pod = client.pods().inNamespace("shop").list().getItems().get(0);
        List<String> seen = new CopyOnWriteArrayList<>();
        Watch watch = client.pods().inNamespace("shop").withLabel("stage", "canary").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod p) {
                seen.add(action.name());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        try {
            client.pods().inNamespace("shop").withName(pod.getMetadata().getName()).edit(p -> {
                p.getMetadata().getLabels().put("stage", "canary");
                return p;
            });
            client.pods().inNamespace("shop").withName(pod.getMetadata().getName()).edit(p -> {
                p.getMetadata().getLabels().put("stage", "stable");
                return p;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 2);
            assertThat(seen).containsExactly("ADDED", "DELETED");
        } finally {
            watch.close();
        }
    }

    private Set<String> storedPodKeys() {
        return cluster.pods(null).stream().map(p -> p.path("metadata").path("namespace").asText() + "/"
                + p.path("metadata").path("name").asText()).collect(Collectors.toSet());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
