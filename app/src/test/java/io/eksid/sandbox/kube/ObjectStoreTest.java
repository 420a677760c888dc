package io.eksid.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store's resourceVersion, history and optimistic concurrency rules, without HTTP. */
class ObjectStoreTest {

    private final ObjectStore store = new ObjectStore(Clock.systemUTC(), 3, new com.fasterxml.jackson.databind.ObjectMapper());

    @Test
    void everyChangeGetsTheNextResourceVersion() {
        long start = store.resourceVersion();
        ObjectNode a = store.create(ResourceCatalog.NAMESPACES, WorkloadObjects.namespace("a", Map.of()));
        assertThat(a.path("metadata").path("resourceVersion").asLong()).isEqualTo(start + 1);
        ObjectNode copy = a.deepCopy();
        ((ObjectNode) copy.get("metadata")).putObject("labels").put("x", "y");
        ObjectNode updated = store.update(ResourceCatalog.NAMESPACES, copy);
        assertThat(updated.path("metadata").path("resourceVersion").asLong()).isEqualTo(start + 2);
        assertThat(updated.path("metadata").path("uid")).isEqualTo(a.path("metadata").path("uid"));
        assertThat(store.update(ResourceCatalog.NAMESPACES, updated)).as("no-op update keeps the version")
                .isEqualTo(updated);
        assertThat(store.resourceVersion()).isEqualTo(start + 2);
        ObjectNode deleted = store.delete(new ObjectRef(ResourceCatalog.NAMESPACES, "", "a"));
        assertThat(deleted.path("metadata").path("resourceVersion").asLong()).isEqualTo(start + 3);
        assertThat(deleted.path("metadata").has("deletionTimestamp")).isTrue();
    }

    @Test
    void staleUpdatesConflict() {
        ObjectNode a = store.create(ResourceCatalog.NAMESPACES, WorkloadObjects.namespace("a", Map.of()));
        ObjectNode first = a.deepCopy();
        ((ObjectNode) first.get("metadata")).putObject("labels").put("v", "1");
        store.update(ResourceCatalog.NAMESPACES, first);
        ObjectNode stale = a.deepCopy();
        ((ObjectNode) stale.get("metadata")).putObject("labels").put("v", "2");
        assertThatThrownBy(() -> store.update(ResourceCatalog.NAMESPACES, stale))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    void watchesResumeInsideTheHistoryAndExpireBeforeIt() {
        long start = store.resourceVersion();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            store.create(ResourceCatalog.NAMESPACES, WorkloadObjects.namespace(name, Map.of()));
        }
        List<String> seen = new ArrayList<>();
        store.watch(start + 2, e -> true, e -> seen.add(e.object().name()),
                List.of(ResourceCatalog.NAMESPACES));
        assertThat(seen).containsExactly("c", "d", "e");
        assertThatThrownBy(() -> store.watch(start + 1, e -> true, e -> { }, List.of(ResourceCatalog.NAMESPACES)))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.toStatus().path("reason").asText()).isEqualTo("Expired");
                });
    }

    @Test
    void ownerIndexFollowsOwnerReferences() {
        ObjectNode owner = store.create(ResourceCatalog.NAMESPACES, WorkloadObjects.namespace("shop", Map.of()));
        ObjectNode sa = WorkloadObjects.serviceAccount("shop", "x", Map.of());
        ((ObjectNode) sa.get("metadata")).putArray("ownerReferences").add(PodLifecycle.ownerReference(owner));
        store.create(ResourceCatalog.SERVICE_ACCOUNTS, sa);
        assertThat(store.dependentsOf(owner.path("metadata").path("uid").asText()))
                .containsExactly(new ObjectRef(ResourceCatalog.SERVICE_ACCOUNTS, "shop", "x"));
        store.delete(new ObjectRef(ResourceCatalog.SERVICE_ACCOUNTS, "shop", "x"));
        assertThat(store.dependentsOf(owner.path("metadata").path("uid").asText())).isEmpty();
    }

    @Test
    void objectsNeedNamesAndNamespaces() {
        ObjectNode nameless = JsonNodeFactory.instance.objectNode();
        nameless.putObject("metadata");
        assertThatThrownBy(() -> store.create(ResourceCatalog.NAMESPACES, nameless))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(422));
        assertThatThrownBy(() -> store.create(ResourceCatalog.SERVICE_ACCOUNTS,
                WorkloadObjects.serviceAccount("", "x", Map.of())))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage()).contains("metadata.namespace"));
    }
}
