package io.eksid.kube;

import io.fabric8.kubernetes.api.model.ListMeta;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One page of a paged list whose bytes are in. {@link #read} hands over the page's list metadata (its continue
 * token and resource version) before decoding its items, wherever the server put it first (every API server
 * does), so the reflector can ask for the next page while this one is still being decoded.
 */
interface ListPage<T> {

    /**
     * Decodes the page: {@code head} exactly once (with empty metadata if the page has none), {@code item} once per
     * object, on the calling thread.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException if the page is not a list (malformed JSON)
     */
    void read(Consumer<ListMeta> head, Consumer<T> item);

    /** Asks for pages; the future completes once a page's bytes are in, and holds no thread while it waits. */
    interface Source<T> {
        /** @param token the previous page's continue token, or null for the first page */
        CompletableFuture<ListPage<T>> request(String token);
    }
}
