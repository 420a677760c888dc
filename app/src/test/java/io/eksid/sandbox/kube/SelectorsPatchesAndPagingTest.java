package io.eksid.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Rules of selectors, patches and paging, as properties over generated inputs. */
class SelectorsPatchesAndPagingTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Property(tries = 300)
    void equalitySelectorsMatchExactlyTheObjectsCarryingTheLabels(@ForAll("labels") Map<String, String> labels,
                                                                   @ForAll("labels") Map<String, String> wanted) {
        String selector = wanted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        boolean expected = wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        assertThat(Selectors.labels(selector).test(object(labels))).isEqualTo(expected);
        assertThat(Selectors.labels(selector).test(object(wanted))).isTrue();
    }

    @Property(tries = 300)
    void mergePatchesAreIdempotent(@ForAll("documents") ObjectNode target, @ForAll("documents") ObjectNode patch) {
        JsonNode once = Patches.mergePatch(target.deepCopy(), patch);
        JsonNode twice = Patches.mergePatch(once.deepCopy(), patch);
        assertThat(twice).isEqualTo(once);
    }

    @Property(tries = 300)
    void strategicMergeWithoutListsIsAMergePatch(@ForAll("documents") ObjectNode target,
                                                 @ForAll("documents") ObjectNode patch) {
        assertThat(Patches.strategicMerge(target.deepCopy(), patch)).isEqualTo(Patches.mergePatch(target.deepCopy(), patch));
    }

    @Property(tries = 200)
    void pagingReturnsEveryItemExactlyOnce(@ForAll @IntRange(min = 0, max = 120) int size,
                                           @ForAll @IntRange(min = 1, max = 50) int limit) {
        ListPager pager = new ListPager(new ObjectMapper(), Clock.systemUTC());
        ObjectMapper mapper = new ObjectMapper();
        List<StoredObject> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ObjectNode o = object(Map.of("i", Integer.toString(i)));
            items.add(new StoredObject(o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), o, mapper.reader()));
        }
        ListPager.Page page = pager.first(new ObjectStore.Snapshot(items, 42), limit);
        List<StoredObject> seen = new ArrayList<>(page.items());
        while (page.continueToken() != null) {
            assertThat(page.remainingItemCount()).isEqualTo(size - seen.size());
            page = pager.next(page.continueToken(), limit);
            assertThat(page.resourceVersion()).isEqualTo(42);
            seen.addAll(page.items());
        }
        assertThat(seen).containsExactlyElementsOf(items);
    }

    @Test
    void strategicMergeMergesContainersByName() {
        ObjectNode target = F.objectNode();
        target.putArray("containers").add(F.objectNode().put("name", "app").put("image", "a:1"))
                .add(F.objectNode().put("name", "sidecar").put("image", "s:1"));
        ObjectNode patch = F.objectNode();
        patch.putArray("containers").add(F.objectNode().put("name", "app").put("image", "a:2"))
                .add(F.objectNode().put("name", "sidecar").put("$patch", "delete"));
        patch.putArray("$setElementOrder/containers").add(F.objectNode().put("name", "app"));
        JsonNode result = Patches.strategicMerge(target, patch);
        assertThat(result.path("containers")).hasSize(1);
        assertThat(result.path("containers").get(0).path("image").asText()).isEqualTo("a:2");
        assertThat(result.has("$setElementOrder/containers")).isFalse();
    }

    @Test
    void setSelectorsAndBadSyntax() {
        ObjectNode web = object(Map.of("app", "web", "tier", "front"));
        assertThat(Selectors.labels("app in (web,api),tier").test(web)).isTrue();
        assertThat(Selectors.labels("app notin (web)").test(web)).isFalse();
        assertThat(Selectors.labels("!tier").test(web)).isFalse();
        assertThat(Selectors.labels("app!=api").test(web)).isTrue();
        assertThatThrownBy(() -> Selectors.labels("app=web,,x")).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> Selectors.fields("spec.unknown=x", ResourceCatalog.PODS))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Provide
    Arbitrary<Map<String, String>> labels() {
        return Arbitraries.maps(Arbitraries.of("app", "tier", "team", "eks.amazonaws.com/x", "env"),
                Arbitraries.of("a", "b", "web", "1")).ofMaxSize(4);
    }

    @Provide
    Arbitrary<ObjectNode> documents() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "metadata", "spec");
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(3).map(F::textNode),
                Arbitraries.integers().between(0, 9).map(F::numberNode), Arbitraries.just(F.nullNode()));
        Arbitrary<JsonNode> nested = Arbitraries.maps(keys, leaves).ofMaxSize(3).map(SelectorsPatchesAndPagingTest::toObject);
        Arbitrary<JsonNode> values = Arbitraries.oneOf(leaves, nested);
        return Combinators.combine(Arbitraries.maps(keys, values).ofMaxSize(4), Arbitraries.just(0))
                .as((m, ignored) -> toObject(m));
    }

    private static ObjectNode toObject(Map<String, ? extends JsonNode> map) {
        ObjectNode o = F.objectNode();
        map.forEach(o::set);
        return o;
    }

    private static ObjectNode object(Map<String, String> labels) {
        ObjectNode o = F.objectNode();
        ObjectNode l = o.putObject("metadata").putObject("labels");
        labels.forEach(l::put);
        return o;
    }

}
