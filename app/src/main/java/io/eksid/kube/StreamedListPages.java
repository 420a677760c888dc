package io.eksid.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.internal.BaseOperation;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * List pages fetched as bytes through the client's own HTTP client (its authentication, TLS and timeouts) and
 * decoded by the reader, one item at a time. fabric8's own list decodes a whole page on its I/O thread before
 * anyone sees its continue token, so the next page could only be asked for after this one was decoded; here the
 * token is read from the head of the page and the next page travels while this one is decoded and stored.
 *
 * <p>Items are decoded with a mapper fabric8 configured exactly as its own ({@link KubernetesSerialization}), so a
 * page decodes to the same objects either way. Operations that are not fabric8's own fall back to its list.
 */
final class StreamedListPages<T extends HasMetadata> implements ListPage.Source<T> {

    private final KubernetesClient client;
    private final Supplier<FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation;
    private final long pageSize;
    private final ObjectReader itemReader;
    private final ObjectReader metaReader;

    StreamedListPages(KubernetesClient client, Class<T> type,
                      Supplier<FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation,
                      long pageSize, ObjectMapper pageMapper) {
        this.client = Objects.requireNonNull(client, "client");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.pageSize = pageSize;
        this.itemReader = pageMapper.readerFor(type);
        this.metaReader = pageMapper.readerFor(ListMeta.class);
    }

    /** A mapper configured for Kubernetes objects as fabric8 configures its own; one per watcher is plenty. */
    static ObjectMapper pageMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new KubernetesSerialization(mapper, false); // configures the mapper it is given
        return mapper;
    }

    @Override
    public CompletableFuture<ListPage<T>> request(String token) {
        FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?> op = operation.get();
        ListOptions options = new ListOptionsBuilder().withLimit(pageSize).withContinue(token).build();
        if (!(op instanceof BaseOperation<?, ?, ?> base)) {
            return ListPages.request(op, pageSize, token).thenApply(DecodedPage::new);
        }
        HttpRequest request;
        try {
            URL url = base.appendListOptionParams(base.getNamespacedUrl(), options);
            request = client.getHttpClient().newHttpRequestBuilder().url(url)
                    .timeout(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS).build();
        } catch (MalformedURLException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.getHttpClient().sendAsync(request, byte[].class).thenApply(response -> {
            if (!response.isSuccessful()) {
                // the same exception fabric8's list throws, so a 403 or an expired token (410) classifies alike
                throw OperationSupport.requestFailure(request,
                        OperationSupport.createStatus(response, client.getKubernetesSerialization()));
            }
            return new BytesPage(response, request.uri().getPath());
        });
    }

    private final class BytesPage implements ListPage<T> {
        private final HttpResponse<byte[]> response;
        private final String path;

        BytesPage(HttpResponse<byte[]> response, String path) {
            this.response = response;
            this.path = path;
        }

        @Override
        public void read(Consumer<ListMeta> head, Consumer<T> item) {
            byte[] body = response.body();
            boolean headGiven = false;
            try (JsonParser parser = metaReader.createParser(body == null ? new byte[0] : body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw malformed("the response is not a JSON object", null);
                }
                JsonToken field;
                while ((field = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("metadata".equals(name) && value == JsonToken.START_OBJECT) {
                        head.accept(metaReader.readValue(parser));
                        headGiven = true;
                    } else if ("items".equals(name) && value == JsonToken.START_ARRAY) {
                        readItems(parser, item);
                    } else if ("items".equals(name) && value != JsonToken.VALUE_NULL) {
                        throw malformed("\"items\" is not an array", null);
                    } else {
                        parser.skipChildren();
                    }
                }
                if (field != JsonToken.END_OBJECT) {
                    throw malformed("the page ends before its closing brace", null);
                }
            } catch (JsonProcessingException e) {
                throw malformed(e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw malformed(e.getMessage(), e);
            }
            if (!headGiven) {
                head.accept(new ListMeta());
            }
        }

        private void readItems(JsonParser parser, Consumer<T> item) throws IOException {
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.START_OBJECT) {
                    item.accept(itemReader.readValue(parser));
                } else if (t != JsonToken.VALUE_NULL) {
                    throw malformed(t == null ? "the page ends inside its items" : "an item is not an object", null);
                }
            }
        }

        private KubernetesClientException malformed(String why, Exception cause) {
            return new KubernetesClientException("malformed list page from " + path + ": " + why, cause);
        }
    }

    /** A page fabric8 already decoded: its metadata, then its items. */
    private static final class DecodedPage<T extends HasMetadata> implements ListPage<T> {
        private final KubernetesResourceList<T> page;

        DecodedPage(KubernetesResourceList<T> page) {
            this.page = page;
        }

        @Override
        public void read(Consumer<ListMeta> head, Consumer<T> item) {
            head.accept(page.getMetadata() == null ? new ListMeta() : page.getMetadata());
            page.getItems().forEach(item);
        }
    }
}
