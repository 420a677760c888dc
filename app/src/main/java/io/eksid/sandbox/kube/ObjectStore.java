package io.eksid.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The etcd of one simulated cluster: objects keyed by resource, namespace and name, one monotonically
 * increasing resourceVersion, and a bounded history of changes that watches replay from.
 *
 * <p>Objects are kept as immutable {@link StoredObject}s (JSON bytes plus a summary), so lists, paged
 * snapshots and watch history share them without copying, and callers that want to change an object get a
 * fresh tree from {@link #get}. Writes are serialized by one lock; listeners (watch streams, controllers) are
 * called under it, so they see changes in resourceVersion order.
 */
public final class ObjectStore {

    /** A change listener; called with the store lock held, so it must not block. */
    public interface Listener {
        void onEvent(WatchEvent event);
    }

    /** A list result: items in key order and the resourceVersion they are consistent with. */
    public record Snapshot(List<StoredObject> items, long resourceVersion) {

        /** Fresh full trees of the items (parses each: use for small lists). */
        public List<ObjectNode> trees() {
            return items.stream().map(StoredObject::tree).toList();
        }
    }

    private final Clock clock;
    private final int historyLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final Map<ResourceType, ConcurrentSkipListMap<String, StoredObject>> objects = new HashMap<>();
    private final Map<String, Set<ObjectRef>> dependentsByOwnerUid = new ConcurrentHashMap<>();
    private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile long resourceVersion = 1;
    /** Highest resourceVersion whose event was evicted from the history: watches must start at or after it. */
    private long compactedThrough = 0;

    public ObjectStore(Clock clock, int historyLimit, ObjectMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
        this.reader = mapper.reader();
        this.historyLimit = historyLimit;
        for (ResourceType type : ResourceCatalog.STORED) {
            objects.put(type, new ConcurrentSkipListMap<>());
        }
    }

    public ReentrantLock lock() {
        return lock;
    }

    public long resourceVersion() {
        return resourceVersion;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** A fresh, mutable tree of the object. */
    public Optional<ObjectNode> get(ObjectRef ref) {
        return stored(ref).map(StoredObject::tree);
    }

    public Optional<StoredObject> stored(ObjectRef ref) {
        return Optional.ofNullable(table(ref.type()).get(ref.key()));
    }

    public boolean contains(ObjectRef ref) {
        return table(ref.type()).containsKey(ref.key());
    }

    public boolean contains(ResourceType type, String namespace, String name) {
        return contains(new ObjectRef(type, namespace, name));
    }

    /** A fresh, mutable tree of the object. */
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return get(new ObjectRef(type, namespace, name));
    }

    /**
     * All objects of a type (in one namespace, or all when namespace is null) whose summary matches the filter.
     */
    public Snapshot list(ResourceType type, String namespace, Predicate<ObjectNode> summaryFilter) {
        ConcurrentSkipListMap<String, StoredObject> table = table(type);
        Collection<StoredObject> scope = namespace == null || namespace.isEmpty()
                ? table.values() : table.subMap(namespace + "/", namespace + "/\uffff").values();
        lock.lock();
        try {
            List<StoredObject> items = new ArrayList<>();
            for (StoredObject object : scope) {
                if (summaryFilter.test(object.summary())) {
                    items.add(object);
                }
            }
            return new Snapshot(items, resourceVersion);
        } finally {
            lock.unlock();
        }
    }

    public int count(ResourceType type) {
        return table(type).size();
    }

    /** Objects whose ownerReferences name the given owner uid. */
    public List<ObjectRef> dependentsOf(String ownerUid) {
        Set<ObjectRef> refs = dependentsByOwnerUid.get(ownerUid);
        return refs == null ? List.of() : List.copyOf(refs);
    }

    /** Stores a new object, filling uid, creationTimestamp and resourceVersion. */
    public ObjectNode create(ResourceType type, ObjectNode object) {
        lock.lock();
        try {
            ObjectNode node = object.deepCopy();
            ObjectRef ref = refOf(type, node);
            if (table(type).containsKey(ref.key())) {
                throw ApiError.alreadyExists(type, ref.name());
            }
            ObjectNode meta = (ObjectNode) node.get("metadata");
            meta.remove("deletionTimestamp");
            meta.put("uid", UUID.randomUUID().toString());
            if (!meta.hasNonNull("creationTimestamp")) {
                meta.put("creationTimestamp", timestamp(clock.instant()));
            }
            if (type.group().equals("apps")) {
                meta.put("generation", 1);
            }
            node.put("apiVersion", type.apiVersion());
            node.put("kind", type.kind());
            put(ref, node, "ADDED", null);
            return node;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces an object. A resourceVersion in the new object must match the stored one (optimistic
     * concurrency); uid and creationTimestamp cannot change. An update that changes nothing is a no-op.
     */
    public ObjectNode update(ResourceType type, ObjectNode object) {
        lock.lock();
        try {
            ObjectNode node = object.deepCopy();
            ObjectRef ref = refOf(type, node);
            StoredObject stored = table(type).get(ref.key());
            if (stored == null) {
                throw ApiError.notFound(type, ref.name());
            }
            ObjectNode current = stored.tree();
            ObjectNode meta = (ObjectNode) node.get("metadata");
            JsonNode requestedRv = meta.get("resourceVersion");
            String currentRv = current.path("metadata").path("resourceVersion").asText();
            if (requestedRv != null && !requestedRv.isNull() && !requestedRv.asText().isEmpty()
                    && !requestedRv.asText().equals(currentRv)) {
                throw ApiError.conflict(type, ref.name());
            }
            JsonNode currentMeta = current.get("metadata");
            meta.set("uid", currentMeta.get("uid"));
            meta.set("creationTimestamp", currentMeta.get("creationTimestamp"));
            meta.put("resourceVersion", currentRv);
            node.put("apiVersion", type.apiVersion());
            node.put("kind", type.kind());
            if (currentMeta.has("generation")) {
                long generation = currentMeta.get("generation").asLong();
                boolean specChanged = !sameJson(current.path("spec"), node.path("spec"));
                meta.put("generation", specChanged ? generation + 1 : generation);
            }
            if (sameJson(node, current)) {
                return current;
            }
            put(ref, node, "MODIFIED", stored);
            return node;
        } finally {
            lock.unlock();
        }
    }

    /** Removes an object; returns it as deleted (with the deletion's resourceVersion). */
    public ObjectNode delete(ObjectRef ref) {
        lock.lock();
        try {
            StoredObject current = table(ref.type()).remove(ref.key());
            if (current == null) {
                throw ApiError.notFound(ref.type(), ref.name());
            }
            unindexOwners(ref, current.summary());
            ObjectNode deleted = current.tree();
            long rv = ++resourceVersion;
            ObjectNode meta = (ObjectNode) deleted.get("metadata");
            meta.put("resourceVersion", Long.toString(rv));
            if (!meta.has("deletionTimestamp")) {
                meta.put("deletionTimestamp", timestamp(clock.instant()));
            }
            record(new WatchEvent("DELETED", ref.type(), freeze(deleted), rv));
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores many complete objects at once (direct seeding): no per-object scans, one lock for the lot.
     * Objects must carry metadata.name (and namespace when namespaced); uid, creationTimestamp and
     * resourceVersion are filled like {@link #create}. Existing objects with the same key are replaced.
     */
    public void insertAll(List<Map.Entry<ResourceType, ObjectNode>> batch) {
        lock.lock();
        try {
            String now = timestamp(clock.instant());
            for (Map.Entry<ResourceType, ObjectNode> entry : batch) {
                ResourceType type = entry.getKey();
                ObjectNode node = entry.getValue();
                ObjectRef ref = refOf(type, node);
                ObjectNode meta = (ObjectNode) node.get("metadata");
                if (!meta.hasNonNull("uid")) {
                    meta.put("uid", UUID.randomUUID().toString());
                }
                if (!meta.hasNonNull("creationTimestamp")) {
                    meta.put("creationTimestamp", now);
                }
                node.put("apiVersion", type.apiVersion());
                node.put("kind", type.kind());
                StoredObject previous = table(type).get(ref.key());
                put(ref, node, previous == null ? "ADDED" : "MODIFIED", previous);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers a watch: replays the retained events after {@code fromResourceVersion} to the listener, then
     * keeps it informed. With {@code fromResourceVersion <= 0} the current objects are sent as ADDED first
     * (what the API server does for a watch without resourceVersion).
     *
     * @throws ApiError 410 Expired when the events after the version are no longer retained
     */
    public void watch(long fromResourceVersion, Predicate<WatchEvent> filter, Listener listener,
                      Collection<ResourceType> initialTypes) {
        lock.lock();
        try {
            if (fromResourceVersion <= 0) {
                for (ResourceType type : initialTypes) {
                    for (StoredObject object : table(type).values()) {
                        WatchEvent added = new WatchEvent("ADDED", type, object, object.resourceVersion());
                        if (filter.test(added)) {
                            listener.onEvent(added);
                        }
                    }
                }
            } else {
                if (fromResourceVersion < compactedThrough) {
                    throw ApiError.expired("too old resource version: " + fromResourceVersion + " ("
                            + compactedThrough + ")");
                }
                for (WatchEvent event : history) {
                    if (event.resourceVersion() > fromResourceVersion && filter.test(event)) {
                        listener.onEvent(event);
                    }
                }
            }
            listeners.add(listener);
        } finally {
            lock.unlock();
        }
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void put(ObjectRef ref, ObjectNode node, String eventType, StoredObject replaced) {
        long rv = ++resourceVersion;
        ((ObjectNode) node.get("metadata")).put("resourceVersion", Long.toString(rv));
        StoredObject object = freeze(node);
        StoredObject previous = table(ref.type()).put(ref.key(), object);
        if (previous != null) {
            unindexOwners(ref, previous.summary());
        }
        indexOwners(ref, object.summary());
        record(new WatchEvent(eventType, ref.type(), object, rv, "MODIFIED".equals(eventType) ? replaced : null));
    }

    /** Equal as JSON text: an int 5 and a long 5 are the same value on the wire. */
    private boolean sameJson(JsonNode a, JsonNode b) {
        try {
            return java.util.Arrays.equals(mapper.writeValueAsBytes(a), mapper.writeValueAsBytes(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private StoredObject freeze(ObjectNode node) {
        try {
            return new StoredObject(mapper.writeValueAsBytes(node), node, reader);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + node.path("kind").asText("an object"), e);
        }
    }

    private void record(WatchEvent event) {
        history.addLast(event);
        while (history.size() > historyLimit) {
            compactedThrough = history.removeFirst().resourceVersion();
        }
        for (Listener listener : listeners) {
            listener.onEvent(event);
        }
    }

    private void indexOwners(ObjectRef ref, JsonNode node) {
        JsonNode owners = node.path("metadata").path("ownerReferences");
        if (owners instanceof ArrayNode array) {
            for (JsonNode owner : array) {
                dependentsByOwnerUid.computeIfAbsent(owner.path("uid").asText(), k -> ConcurrentHashMap.newKeySet())
                        .add(ref);
            }
        }
    }

    private void unindexOwners(ObjectRef ref, JsonNode node) {
        JsonNode owners = node.path("metadata").path("ownerReferences");
        if (owners instanceof ArrayNode array) {
            for (JsonNode owner : array) {
                String uid = owner.path("uid").asText();
                Set<ObjectRef> refs = dependentsByOwnerUid.get(uid);
                if (refs != null) {
                    refs.remove(ref);
                    if (refs.isEmpty()) {
                        dependentsByOwnerUid.remove(uid);
                    }
                }
            }
        }
    }

    private ObjectRef refOf(ResourceType type, ObjectNode node) {
        JsonNode meta = node.get("metadata");
        if (!(meta instanceof ObjectNode)) {
            throw ApiError.invalid(type, null, "metadata: Required value");
        }
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            throw ApiError.invalid(type, null, "metadata.name: Required value: name or generateName is required");
        }
        String namespace = meta.path("namespace").asText("");
        if (type.namespaced() && namespace.isEmpty()) {
            throw ApiError.invalid(type, name, "metadata.namespace: Required value");
        }
        if (!type.namespaced() && !namespace.isEmpty()) {
            ((ObjectNode) meta).remove("namespace");
            namespace = "";
        }
        return new ObjectRef(type, namespace, name);
    }

    private ConcurrentSkipListMap<String, StoredObject> table(ResourceType type) {
        ConcurrentSkipListMap<String, StoredObject> table = objects.get(type);
        if (table == null) {
            throw ApiError.methodNotAllowed(type.qualifiedName() + " are not stored");
        }
        return table;
    }
}
