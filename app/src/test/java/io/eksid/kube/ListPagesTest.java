package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A page asked for ahead fails as a page asked for and waited on did: classified, with its HTTP code. */
class ListPagesTest {

    @Test
    void anExpiredContinueTokenComesOutAs410() {
        CompletableFuture<KubernetesResourceList<Pod>> page = CompletableFuture.failedFuture(
                new KubernetesClientException("continue parameter is too old", 410, null));

        assertThatThrownBy(() -> ListPages.await(page, "list pods"))
                .isInstanceOfSatisfying(KubeException.class, e -> {
                    assertThat(e.httpCode()).isEqualTo(410);
                    assertThat(e.getMessage()).contains("list pods");
                });
    }

    @Test
    void aForbiddenPageComesOutAsForbidden() {
        CompletableFuture<KubernetesResourceList<Pod>> page = CompletableFuture.failedFuture(
                new KubernetesClientException("pods is forbidden", 403, null));

        assertThatThrownBy(() -> ListPages.await(page, "list pods"))
                .isInstanceOfSatisfying(KubeException.class, e -> assertThat(e.failure())
                        .isEqualTo(KubeFailure.FORBIDDEN));
    }

    @Test
    void aCancelledPageIsAFailureNotAHang() {
        CompletableFuture<KubernetesResourceList<Pod>> page = new CompletableFuture<>();
        page.cancel(true);

        assertThatThrownBy(() -> ListPages.await(page, "list pods")).isInstanceOf(KubeException.class)
                .hasMessageContaining("list pods");
    }

    @Test
    void aPageThatArrivedIsReturnedAsIs() {
        PodList list = new PodList();
        assertThat(ListPages.await(CompletableFuture.completedFuture(list), "list pods")).isSameAs(list);
    }
}
