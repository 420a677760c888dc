package io.eksid.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.impl.ListerWatcher;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One page of a paged list through fabric8's own asynchronous list (decoded on the client's I/O threads), for
 * operations {@link StreamedListPages} cannot read as bytes, and the wait for any page. Takes no thread of the
 * reflector's executor, so reflectors sharing a small pool cannot wait on each other.
 */
final class ListPages {

    private ListPages() {
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> CompletableFuture<KubernetesResourceList<T>> request(
            FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?> op, long pageSize, String token) {
        ListOptions options = new ListOptionsBuilder().withLimit(pageSize).withContinue(token).build();
        if (op instanceof ListerWatcher<?, ?> lw) {
            return ((ListerWatcher<T, ? extends KubernetesResourceList<T>>) lw).submitList(options)
                    .thenApply(page -> (KubernetesResourceList<T>) page);
        }
        // an operation without the asynchronous list (none of fabric8's own): ask and wait, as before
        try {
            return CompletableFuture.completedFuture(op.list(options));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for a page; its failure comes out classified as any list failure. */
    static <P> P await(CompletableFuture<P> page, String what) {
        try {
            return page.get();
        } catch (ExecutionException e) {
            throw KubeErrors.classify(what, e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            throw KubeErrors.classify(what, new KubernetesClientException("list cancelled", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            page.cancel(true);
            throw KubeErrors.classify(what, new KubernetesClientException("interrupted while listing", e));
        }
    }
}
