package io.eksid.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CRUD, errors, patches, selectors and paging over HTTP with the real fabric8 client. */
class ApiCrudTest extends SandboxKubeTestSupport {

    @Test
    void namespacesServiceAccountsPodsAndDeploymentsRoundTrip() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
        assertThat(client.namespaces().withName("shop").get().getStatus().getPhase()).isEqualTo("Active");
        assertThat(client.serviceAccounts().inNamespace("shop").withName("default").get()).as("default SA").isNotNull();

        ServiceAccount sa = client.serviceAccounts().inNamespace("shop").resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("cart").addToAnnotations("team", "payments").endMetadata().build()).create();
        assertThat(sa.getMetadata().getUid()).isNotBlank();
        assertThat(sa.getMetadata().getCreationTimestamp()).isNotBlank();
        assertThat(sa.getMetadata().getResourceVersion()).isNotBlank();

        Pod pod = client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withGenerateName("job-")
                .endMetadata().withNewSpec().withServiceAccountName("cart").addNewContainer().withName("main")
                .withImage("busybox").endContainer().endSpec().build()).create();
        assertThat(pod.getMetadata().getName()).startsWith("job-").hasSize("job-".length() + 5);
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getSpec().getNodeName()).startsWith("ip-10-0-1-");
        assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(cs -> assertThat(cs.getReady()).isTrue());

        Deployment deployment = client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata().withNewSpec().withReplicas(3)
                .withNewSelector().addToMatchLabels("app", "web").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "web").endMetadata().withNewSpec().withServiceAccountName("cart").addNewContainer()
                .withName("web").withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build()).create();
        assertThat(deployment.getMetadata().getGeneration()).isEqualTo(1L);
        List<Pod> webPods = client.pods().inNamespace("shop").withLabel("app", "web").list().getItems();
        assertThat(webPods).hasSize(3).allSatisfy(p -> {
            assertThat(p.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getKind()).isEqualTo("ReplicaSet"));
            assertThat(p.getMetadata().getName()).matches("web-[a-z0-9]+-[a-z0-9]{5}");
        });
        assertThat(client.apps().deployments().inNamespace("shop").withName("web").get().getStatus().getReadyReplicas())
                .isEqualTo(3);

        List<StatusDetails> deleted = client.apps().deployments().inNamespace("shop").withName("web").delete();
        assertThat(deleted).singleElement().satisfies(d -> assertThat(d.getName()).isEqualTo("web"));
        assertThat(client.pods().inNamespace("shop").withLabel("app", "web").list().getItems()).as("GC").isEmpty();
        assertThat(client.apps().replicaSets().inNamespace("shop").list().getItems()).isEmpty();

        client.namespaces().withName("shop").delete();
        assertThat(client.namespaces().withName("shop").get()).isNull();
        assertThat(client.pods().inNamespace("shop").list().getItems()).isEmpty();
    }

    @Test
    void errorsCarryRealStatusBodies() throws Exception {
        cluster.namespace("shop", Map.of());
        assertThat(client.pods().inNamespace("shop").withName("nope").get()).isNull();
        HttpResponse<String> notFound = raw("GET", "/api/v1/namespaces/shop/pods/nope", null, null);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("\"kind\":\"Status\"", "\"reason\":\"NotFound\"", "pods \\\"nope\\\" not found",
                "\"code\":404");

        cluster.serviceAccount("shop", "cart", Map.of());
        assertThatThrownBy(() -> client.serviceAccounts().inNamespace("shop").resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("cart").endMetadata().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                });

        ServiceAccount stale = client.serviceAccounts().inNamespace("shop").withName("cart").get();
        client.serviceAccounts().inNamespace("shop").withName("cart")
                .edit(s -> new ServiceAccountBuilder(s).editMetadata().addToLabels("v", "1").endMetadata().build());
        stale.getMetadata().setLabels(Map.of("v", "stale"));
        assertThatThrownBy(() -> client.serviceAccounts().inNamespace("shop").resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                });

        HttpResponse<String> invalid = raw("POST", "/api/v1/namespaces/shop/pods",
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"Bad_Name\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}",
                "application/json");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"reason\":\"Invalid\"");

        HttpResponse<String> noNamespace = raw("POST", "/api/v1/namespaces/ghost/serviceaccounts",
                "{\"metadata\":{\"name\":\"x\"}}", "application/json");
        assertThat(noNamespace.statusCode()).isEqualTo(404);
        assertThat(noNamespace.body()).contains("namespaces \\\"ghost\\\" not found");

        assertThat(raw("GET", "/api/v1/widgets", null, null).statusCode()).isEqualTo(404);
        assertThat(raw("POST", "/api/v1/namespaces/shop/serviceaccounts", "{not json", "application/json").statusCode())
                .isEqualTo(400);
        HttpResponse<String> deleted = raw("DELETE", "/api/v1/namespaces/shop/serviceaccounts/cart", null, null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("\"kind\":\"Status\"", "\"status\":\"Success\"", "\"name\":\"cart\"");
    }

    @Test
    void mergeStrategicAndJsonPatches() {
        cluster.namespace("shop", Map.of());
        cluster.serviceAccount("shop", "cart", Map.of("keep", "me"));
        client.serviceAccounts().inNamespace("shop").withName("cart").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"eks.amazonaws.com/role-arn\":\"arn:aws:iam::111122223333:role/cart\"}}}");
        client.serviceAccounts().inNamespace("shop").withName("cart").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"tier\":\"web\"}}]");
        ServiceAccount sa = client.serviceAccounts().inNamespace("shop").withName("cart").get();
        assertThat(sa.getMetadata().getAnnotations()).containsEntry("keep", "me")
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/cart");
        assertThat(sa.getMetadata().getLabels()).containsEntry("tier", "web");
        client.serviceAccounts().inNamespace("shop").withName("cart").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"keep\":null}}}");
        assertThat(client.serviceAccounts().inNamespace("shop").withName("cart").get().getMetadata().getAnnotations())
                .doesNotContainKey("keep");

        cluster.deployment("shop", "web", "cart", 1, PodTemplateOptions.defaults());
        client.apps().deployments().inNamespace("shop").withName("web").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:2\"}]}}}}");
        Deployment d = client.apps().deployments().inNamespace("shop").withName("web").get();
        assertThat(d.getSpec().getTemplate().getSpec().getContainers()).as("merged by name, sidecar kept").hasSize(2)
                .anySatisfy(c -> assertThat(c.getImage()).isEqualTo("nginx:2"));
        assertThat(d.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(client.pods().inNamespace("shop").withLabel("app", "web").list().getItems()).singleElement()
                .satisfies(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2"));
    }

    @Test
    void pagingSeesEveryItemOnceAtOneResourceVersion() {
        cluster.namespace("shop", Map.of());
        cluster.bulk().deployment("shop", "web", "default", 57, PodTemplateOptions.defaults()).commit();
        PodList first = client.pods().inNamespace("shop").list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                .withLimit(10L).build());
        assertThat(first.getItems()).hasSize(10);
        assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(47L);
        String rv = first.getMetadata().getResourceVersion();
        Set<String> seen = new HashSet<>();
        first.getItems().forEach(p -> assertThat(seen.add(p.getMetadata().getName())).isTrue());
        // Changes between pages must not show up in the snapshot.
        cluster.deployment("shop", "late", "default", 5, PodTemplateOptions.defaults());
        String token = first.getMetadata().getContinue();
        int pages = 1;
        while (token != null) {
            PodList page = client.pods().inNamespace("shop").list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                    .withLimit(10L).withContinue(token).build());
            assertThat(page.getMetadata().getResourceVersion()).isEqualTo(rv);
            page.getItems().forEach(p -> assertThat(seen.add(p.getMetadata().getName())).as("seen once").isTrue());
            token = page.getMetadata().getContinue();
            pages++;
        }
        assertThat(seen).hasSize(57).allMatch(n -> n.startsWith("web-"));
        assertThat(pages).isEqualTo(6);
        assertThat(client.pods().inNamespace("shop").list().getItems()).hasSize(62);
    }

    @Test
    void labelAndFieldSelectors() {
        cluster.namespace("shop", Map.of());
        cluster.deployment("shop", "web", "default", 3, PodTemplateOptions.defaults());
        cluster.deployment("shop", "api", "default", 2, PodTemplateOptions.defaults());
        assertThat(client.pods().inNamespace("shop").withLabel("app", "api").list().getItems()).hasSize(2);
        assertThat(client.pods().inNamespace("shop").withLabelIn("app", "api", "web").list().getItems()).hasSize(5);
        assertThat(client.pods().inNamespace("shop").withoutLabel("app", "web").list().getItems()).hasSize(2);
        String someNode = client.pods().inNamespace("shop").list().getItems().get(0).getSpec().getNodeName();
        assertThat(client.pods().inAnyNamespace().withField("spec.nodeName", someNode).list().getItems())
                .isNotEmpty().allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(someNode));
        String name = client.pods().inNamespace("shop").list().getItems().get(0).getMetadata().getName();
        assertThat(client.pods().inAnyNamespace().withField("metadata.name", name).list().getItems()).hasSize(1);
    }

    @Test
    void clustersShareOnePortButNotTheirObjects() throws Exception {
        SimulatedCluster second = server.addCluster("c2", "eu-west-1");
        second.namespace("only-in-c2", Map.of());
        assertThat(server.serverUrl("c2")).isEqualTo("http://127.0.0.1:" + server.port() + "/clusters/c2");
        try (io.fabric8.kubernetes.client.KubernetesClient c2 = clientFor("c2", false)) {
            assertThat(c2.namespaces().withName("only-in-c2").get()).isNotNull();
            assertThat(client.namespaces().withName("only-in-c2").get()).isNull();
            assertThat(c2.getKubernetesVersion().getGitVersion()).startsWith("v1.32");
        }
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/clusters/nope/api/v1/pods")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"reason\":\"NotFound\"", "no simulated cluster");
        assertThatThrownBy(() -> server.addCluster("c2")).isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> raw(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.serverUrl("c1") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
