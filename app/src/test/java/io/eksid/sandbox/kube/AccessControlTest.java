package io.eksid.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Denied resources: 403 Forbidden Status on the API, allowed=false from SelfSubjectAccessReview. */
class AccessControlTest extends SandboxKubeTestSupport {

    @Test
    void deniedListsAndWatchesAreForbidden() {
        cluster.namespace("shop", Map.of());
        cluster.denyAccess("list", "pods", null);
        cluster.denyAccess("watch", "pods", null);
        assertThatThrownBy(() -> client.pods().inAnyNamespace().list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
                    assertThat(e.getStatus().getMessage()).contains("cannot list resource \"pods\"");
                });
        assertThatThrownBy(() -> client.pods().inAnyNamespace().inform().close())
                .isInstanceOf(KubernetesClientException.class);
        assertThat(client.serviceAccounts().inAnyNamespace().list().getItems()).isNotEmpty();
    }

    @Test
    void namespacedDenialsOnlyCoverTheirNamespace() {
        cluster.namespace("shop", Map.of());
        cluster.namespace("ops", Map.of());
        cluster.denyAccess("get", "serviceaccounts", "ops");
        assertThat(client.serviceAccounts().inNamespace("shop").withName("default").get()).isNotNull();
        assertThatThrownBy(() -> client.serviceAccounts().inNamespace("ops").withName("default").get())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        cluster.allowAllAccess();
        assertThat(client.serviceAccounts().inNamespace("ops").withName("default").get()).isNotNull();
    }

    @Test
    void selfSubjectAccessReviewAnswersFromTheSameRules() {
        cluster.denyAccess("patch", "deployments.apps", null);
        assertThat(review("patch", "apps", "deployments", "shop").getStatus().getAllowed()).isFalse();
        assertThat(review("get", "apps", "deployments", "shop").getStatus().getAllowed()).isTrue();
        assertThat(review("list", "", "pods", null).getStatus().getAllowed()).isTrue();
    }

    private SelfSubjectAccessReview review(String verb, String group, String resource, String namespace) {
        return client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(resource)
                .withNamespace(namespace).endResourceAttributes().endSpec().build());
    }
}
