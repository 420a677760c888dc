package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code limit}/{@code continue} paging over a consistent snapshot: the first page freezes the matching items
 * (references to immutable stored trees, so it is cheap) and later pages are served from that snapshot, so a
 * client sees every item exactly once at one resourceVersion, as etcd-backed lists guarantee. Snapshots expire
 * like etcd compaction does; an expired token gets 410 Expired.
 */
final class ListPager {

    /** One page: items, the snapshot's resourceVersion, the next token (null on the last page) and what remains. */
    record Page(List<StoredObject> items, long resourceVersion, String continueToken, long remainingItemCount) {
    }

    private record Frozen(List<StoredObject> items, long resourceVersion, Instant createdAt) {
    }

    static final Duration SNAPSHOT_LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_SNAPSHOTS = 256;

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Map<String, Frozen> snapshots = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Frozen> eldest) {
            return size() > MAX_SNAPSHOTS;
        }
    };

    ListPager(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The first page of a fresh snapshot. */
    Page first(ObjectStore.Snapshot snapshot, Integer limit) {
        List<StoredObject> items = snapshot.items();
        if (limit == null || limit <= 0 || items.size() <= limit) {
            return new Page(items, snapshot.resourceVersion(), null, 0);
        }
        String id = UUID.randomUUID().toString();
        synchronized (snapshots) {
            expireOld();
            snapshots.put(id, new Frozen(items, snapshot.resourceVersion(), clock.instant()));
        }
        return slice(id, items, snapshot.resourceVersion(), 0, limit);
    }

    /** A later page. */
    Page next(String continueToken, Integer limit) {
        JsonNode token = decode(continueToken);
        String id = token.path("id").asText();
        int offset = token.path("offset").asInt(-1);
        Frozen frozen;
        synchronized (snapshots) {
            expireOld();
            frozen = snapshots.get(id);
        }
        if (frozen == null) {
            throw ApiError.expired("The provided continue parameter is too old to display a consistent list result. "
                    + "You can start a new list without the continue parameter, or use the continue token in this "
                    + "response to retrieve the remainder of the results. Continuing with the provided token results "
                    + "in an inconsistent list - objects that were created, modified, or deleted between the time the "
                    + "first chunk was returned and now may show up in the list.");
        }
        if (offset < 0 || offset > frozen.items.size()) {
            throw ApiError.badRequest("continue key is not valid: offset out of range");
        }
        int size = limit == null || limit <= 0 ? frozen.items.size() - offset : limit;
        return slice(id, frozen.items, frozen.resourceVersion, offset, size);
    }

    private Page slice(String id, List<StoredObject> items, long rv, int offset, int size) {
        int end = (int) Math.min(items.size(), (long) offset + size);
        List<StoredObject> page = items.subList(offset, end);
        if (end >= items.size()) {
            synchronized (snapshots) {
                snapshots.remove(id);
            }
            return new Page(page, rv, null, 0);
        }
        ObjectNode token = mapper.createObjectNode();
        token.put("v", "meta.k8s.io/v1").put("rv", rv).put("id", id).put("offset", end);
        String encoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
        return new Page(page, rv, encoded, items.size() - end);
    }

    private JsonNode decode(String continueToken) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(continueToken);
            return mapper.readTree(raw);
        } catch (IllegalArgumentException | IOException e) {
            throw ApiError.badRequest("continue key is not valid: " + e.getMessage());
        }
    }

    private void expireOld() {
        Instant cutoff = clock.instant().minus(SNAPSHOT_LIFETIME);
        Iterator<Frozen> it = snapshots.values().iterator();
        while (it.hasNext()) {
            if (it.next().createdAt.isBefore(cutoff)) {
                it.remove();
            }
        }
    }
}
