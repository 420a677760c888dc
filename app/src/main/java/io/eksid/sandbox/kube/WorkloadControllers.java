package io.eksid.sandbox.kube;

import static io.eksid.sandbox.kube.ResourceCatalog.DAEMON_SETS;
import static io.eksid.sandbox.kube.ResourceCatalog.DEPLOYMENTS;
import static io.eksid.sandbox.kube.ResourceCatalog.NODES;
import static io.eksid.sandbox.kube.ResourceCatalog.PODS;
import static io.eksid.sandbox.kube.ResourceCatalog.REPLICA_SETS;
import static io.eksid.sandbox.kube.ResourceCatalog.STATEFUL_SETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The controller manager, scheduler and kubelet of a simulated cluster, in one synchronous loop: store events
 * mark objects dirty, and {@link #drain()} (called by the cluster after each write, under the store lock)
 * reconciles until nothing changes. Deployments own ReplicaSets named {@code <deployment>-<pod-template-hash>},
 * which own pods; StatefulSets own ordinal pods; DaemonSets own one pod per eligible node. A changed template
 * (as {@code kubectl rollout restart} makes) replaces the pods: new name, uid and start time. Deleting an owner
 * deletes its dependents, like the garbage collector with background propagation.
 */
final class WorkloadControllers implements ObjectStore.Listener {

    private static final int REVISION_HISTORY_LIMIT = 10;

    private final ObjectStore store;
    private final PodLifecycle pods;
    private final WorkloadReconciler reconciler;
    private final Clock clock;
    private final ArrayDeque<ObjectRef> dirty = new ArrayDeque<>();
    private final Set<ObjectRef> dirtySet = new HashSet<>();
    private final ArrayDeque<String> deletedUids = new ArrayDeque<>();
    private final ArrayDeque<String> vacatedFargateNodes = new ArrayDeque<>();
    private boolean schedulePending;
    private boolean draining;
    private boolean paused;

    WorkloadControllers(ObjectStore store, PodLifecycle pods, Clock clock, java.util.random.RandomGenerator random) {
        this.store = store;
        this.pods = pods;
        this.clock = clock;
        this.reconciler = new WorkloadReconciler(store, this, random, clock);
        store.addListener(this);
    }

    /** While paused (direct seeding of consistent objects), events are not turned into work. */
    void paused(boolean value) {
        paused = value;
    }

    @Override
    public void onEvent(WatchEvent event) {
        if (paused) {
            return;
        }
        ResourceType type = event.resource();
        JsonNode summary = event.object().summary();
        JsonNode meta = summary.path("metadata");
        ObjectRef ref = new ObjectRef(type, meta.path("namespace").asText(""), meta.path("name").asText());
        boolean deleted = "DELETED".equals(event.type());
        if (deleted) {
            deletedUids.add(meta.path("uid").asText());
        }
        if (type == DEPLOYMENTS || type == STATEFUL_SETS || type == DAEMON_SETS || type == REPLICA_SETS) {
            if (!deleted) {
                markDirty(ref);
            }
        }
        if (type == REPLICA_SETS || type == PODS) {
            owner(summary).ifPresent(this::markDirty);
        }
        if (type == PODS && deleted) {
            String node = summary.path("spec").path("nodeName").asText("");
            if (node.startsWith("fargate-")) {
                vacatedFargateNodes.add(node);
            }
        }
        if (type == NODES && !"MODIFIED".equals(event.type())) {
            nodesChanged();
        }
    }

    /** Nodes came or went: DaemonSets follow them and pending pods may now fit. */
    void nodesChanged() {
        schedulePending = true;
        for (StoredObject ds : store.list(DAEMON_SETS, null, o -> true).items()) {
            markDirty(refOf(DAEMON_SETS, ds.summary()));
        }
    }

    /** Reconciles until the cluster is at rest. Must be called with the store lock held. */
    void drain() {
        if (draining || paused) {
            return;
        }
        draining = true;
        try {
            int guard = 0;
            while (!dirty.isEmpty() || !deletedUids.isEmpty() || !vacatedFargateNodes.isEmpty() || schedulePending) {
                if (++guard > 1_000_000) {
                    throw new IllegalStateException("controllers did not settle");
                }
                if (!deletedUids.isEmpty()) {
                    collectGarbage(deletedUids.poll());
                } else if (!vacatedFargateNodes.isEmpty()) {
                    String node = vacatedFargateNodes.poll();
                    if (store.contains(NODES, "", node)) {
                        store.delete(new ObjectRef(NODES, "", node));
                    }
                } else if (schedulePending) {
                    schedulePending = false;
                    schedulePendingPods();
                } else {
                    ObjectRef ref = dirty.poll();
                    dirtySet.remove(ref);
                    reconcile(ref);
                }
            }
        } finally {
            draining = false;
        }
    }

    /** Admits, schedules and stores a new pod; the "kubelet" starts it at once when a node takes it. */
    ObjectNode createPod(ObjectNode pod, Instant startedAt) {
        pods.admit(pod);
        List<ObjectNode> nodes = store.list(NODES, null, n -> true).trees();
        PodLifecycle.Placement placement = pods.place(pod, nodes, clock.instant());
        JsonNode node = null;
        if (placement.newNode() != null) {
            node = store.create(NODES, placement.newNode());
        } else if (placement.nodeName() != null) {
            node = store.get(NODES, "", placement.nodeName()).orElse(null);
        }
        if (node != null) {
            pods.markRunning(pod, node, startedAt);
        } else {
            pods.markUnschedulable(pod, nodes.size(), clock.instant());
        }
        return store.create(PODS, pod);
    }

    PodLifecycle lifecycle() {
        return pods;
    }

    int revisionHistoryLimit() {
        return REVISION_HISTORY_LIMIT;
    }

    private void reconcile(ObjectRef ref) {
        Optional<ObjectNode> object = store.get(ref);
        if (object.isEmpty()) {
            return;
        }
        ObjectNode o = object.get();
        if (ref.type() == DEPLOYMENTS) {
            reconciler.deployment(o);
        } else if (ref.type() == REPLICA_SETS) {
            reconciler.replicaSet(o);
        } else if (ref.type() == STATEFUL_SETS) {
            reconciler.statefulSet(o);
        } else if (ref.type() == DAEMON_SETS) {
            reconciler.daemonSet(o, store.list(NODES, null, n -> true).trees());
        }
    }

    private void collectGarbage(String ownerUid) {
        for (ObjectRef dependent : store.dependentsOf(ownerUid)) {
            if (store.contains(dependent)) {
                store.delete(dependent);
            }
        }
    }

    private void schedulePendingPods() {
        List<StoredObject> pending = store.list(PODS, null,
                p -> p.path("spec").path("nodeName").asText("").isEmpty()
                        && "Pending".equals(p.path("status").path("phase").asText())).items();
        List<ObjectNode> nodes = store.list(NODES, null, n -> true).trees();
        for (StoredObject pod : pending) {
            ObjectNode copy = pod.tree();
            PodLifecycle.Placement placement = pods.place(copy, nodes, clock.instant());
            JsonNode node = placement.newNode() != null ? store.create(NODES, placement.newNode())
                    : placement.nodeName() == null ? null : store.get(NODES, "", placement.nodeName()).orElse(null);
            if (node != null) {
                pods.markRunning(copy, node, clock.instant());
                store.update(PODS, copy);
            }
        }
    }

    void markDirty(ObjectRef ref) {
        if (dirtySet.add(ref)) {
            dirty.add(ref);
        }
    }

    static Optional<ObjectRef> owner(JsonNode object) {
        String namespace = object.path("metadata").path("namespace").asText("");
        for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
            if (!owner.path("controller").asBoolean(false)) {
                continue;
            }
            String kind = owner.path("kind").asText();
            ResourceType type = switch (kind) {
                case "Deployment" -> DEPLOYMENTS;
                case "ReplicaSet" -> REPLICA_SETS;
                case "StatefulSet" -> STATEFUL_SETS;
                case "DaemonSet" -> DAEMON_SETS;
                default -> null;
            };
            if (type != null) {
                return Optional.of(new ObjectRef(type, namespace, owner.path("name").asText()));
            }
        }
        return Optional.empty();
    }

    static ObjectRef refOf(ResourceType type, JsonNode object) {
        return new ObjectRef(type, object.path("metadata").path("namespace").asText(""),
                object.path("metadata").path("name").asText());
    }

    /** Dependents of an owner of the given type, oldest first. */
    List<ObjectNode> owned(JsonNode owner, ResourceType type) {
        List<ObjectNode> result = new ArrayList<>();
        for (ObjectRef ref : store.dependentsOf(owner.path("metadata").path("uid").asText())) {
            if (ref.type() == type) {
                store.get(ref).ifPresent(result::add);
            }
        }
        result.sort(Comparator.comparing((ObjectNode n) -> n.path("metadata").path("creationTimestamp").asText())
                .thenComparing(n -> Long.parseLong(n.path("metadata").path("resourceVersion").asText("0"))));
        return result;
    }

    static Map<String, String> labels(String... keyValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
