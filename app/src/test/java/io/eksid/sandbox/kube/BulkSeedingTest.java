package io.eksid.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Direct seeding of large scenarios. The unit suite seeds 5,000 heavy pods; the benchmark path runs the same
 * test with {@code -Dsandbox.bulk.pods=50000}.
 */
class BulkSeedingTest extends SandboxKubeTestSupport {

    private static final int PODS = Integer.getInteger("sandbox.bulk.pods", 5_000);

    @Test
    void seedsHeavyPodsAndListsThemBack() throws Exception {
        BulkSeeder bulk = cluster.bulk();
        int namespaces = 20;
        int perDeployment = 25;
        int deployments = PODS / perDeployment;
        for (int n = 0; n < namespaces; n++) {
            bulk.namespace("team-" + n, Map.of("team", "t" + n));
            bulk.serviceAccount("team-" + n, "app", Map.of("eks.amazonaws.com/role-arn",
                    "arn:aws:iam::111122223333:role/team-" + n));
        }
        for (int d = 0; d < deployments; d++) {
            bulk.deployment("team-" + (d % namespaces), "svc-" + d, "app", perDeployment, PodTemplateOptions.defaults());
        }
        int stored = bulk.commit();
        assertThat(stored).isGreaterThanOrEqualTo(PODS + deployments * 2 + namespaces * 2);
        assertThat(cluster.store().count(ResourceCatalog.PODS)).isEqualTo(PODS);

        Set<String> paged = new HashSet<>();
        String token = null;
        do {
            PodList page = client.pods().inAnyNamespace().list(new ListOptionsBuilder().withLimit(1_000L)
                    .withContinue(token).build());
            for (Pod p : page.getItems()) {
                assertThat(p.getStatus().getPhase()).isEqualTo("Running");
                assertThat(p.getSpec().getContainers()).hasSize(2);
                paged.add(p.getMetadata().getUid());
            }
            token = page.getMetadata().getContinue();
        } while (token != null);
        assertThat(paged).hasSize(PODS);

        // The unpaged list (what an informer's first list does) streams every pod in one response.
        java.net.http.HttpResponse<java.io.InputStream> all = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.serverUrl("c1") + "/api/v1/pods")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertThat(countItems(all.body())).isEqualTo(PODS);

        ObjectMapper mapper = new ObjectMapper();
        double averageBytes = cluster.pods("team-0").stream().mapToInt(p -> {
            try {
                return mapper.writeValueAsBytes(p).length;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).average().orElseThrow();
        assertThat(averageBytes).as("realistic pod weight").isBetween(5_000.0, 8_000.0);
    }

    /** Counts a list's items while streaming, so even 50,000 pods never sit in the test's heap at once. */
    private static int countItems(java.io.InputStream body) throws java.io.IOException {
        try (body; com.fasterxml.jackson.core.JsonParser parser = new ObjectMapper().getFactory().createParser(body)) {
            int count = 0;
            while (parser.nextToken() != null) {
                if (parser.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                        && "items".equals(parser.currentName()) && parser.getParsingContext().getParent().inRoot()) {
                    parser.nextToken();
                    while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        count++;
                    }
                }
            }
            return count;
        }
    }

    @Test
    void seededWorkloadsAreWhatTheControllersWouldHaveBuilt() {
        cluster.bulk().namespace("shop", Map.of()).deployment("shop", "web", "default", 3, PodTemplateOptions.defaults())
                .commit();
        long replicaSets = cluster.store().count(ResourceCatalog.REPLICA_SETS);
        String pod = cluster.pods("shop").get(0).path("metadata").path("name").asText();
        client.pods().inNamespace("shop").withName(pod).delete();
        assertThat(cluster.store().count(ResourceCatalog.REPLICA_SETS)).as("no new ReplicaSet").isEqualTo(replicaSets);
        assertThat(cluster.pods("shop")).hasSize(3);
    }

    @Test
    void rejectsWorkloadsInUndeclaredNamespacesAndBadNames() {
        assertThatThrownBy(() -> cluster.bulk().deployment("ghost", "web", "default", 1, PodTemplateOptions.defaults())
                .commit()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace \"ghost\"");
        assertThatThrownBy(() -> cluster.bulk().namespace("Bad_Name", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad_Name");
        assertThatThrownBy(() -> cluster.bulk().namespace("ok", Map.of()).deployment("ok", "web", null, -1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicas");
        assertThat(cluster.store().get(ResourceCatalog.NAMESPACES, "", "ok")).isEmpty();
    }
}
