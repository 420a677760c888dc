package io.eksid.sandbox.kube;

import static io.eksid.sandbox.kube.ResourceCatalog.DAEMON_SETS;
import static io.eksid.sandbox.kube.ResourceCatalog.DEPLOYMENTS;
import static io.eksid.sandbox.kube.ResourceCatalog.NAMESPACES;
import static io.eksid.sandbox.kube.ResourceCatalog.NODES;
import static io.eksid.sandbox.kube.ResourceCatalog.PODS;
import static io.eksid.sandbox.kube.ResourceCatalog.REPLICA_SETS;
import static io.eksid.sandbox.kube.ResourceCatalog.SERVICE_ACCOUNTS;
import static io.eksid.sandbox.kube.ResourceCatalog.STATEFUL_SETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Direct seeding of a cluster: collects namespaces, service accounts, nodes and workloads, then stores them
 * with all their ReplicaSets and running pods in two batches, under one lock, without per-object scans.
 * The result is exactly what the controllers would have built (same names, hashes, owners, webhook
 * mutations and statuses), so the controllers carry on from it when something changes later.
 * Not thread-safe: build on one thread, then {@link #commit()}.
 */
public final class BulkSeeder {

    private record Workload(ResourceType type, String namespace, String name, String serviceAccount, int replicas,
                            PodTemplateOptions opts) {
    }

    private static final int SLICE = 2_000;

    private final ObjectStore store;
    private final WorkloadControllers controllers;
    private final RandomGenerator random;
    private final Clock clock;
    private final List<ObjectNode> namespaces = new ArrayList<>();
    private final List<ObjectNode> serviceAccounts = new ArrayList<>();
    private final List<ObjectNode> nodes = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();

    BulkSeeder(ObjectStore store, WorkloadControllers controllers, RandomGenerator random,
               Clock clock) {
        this.store = store;
        this.controllers = controllers;
        this.random = random;
        this.clock = clock;
    }

    public BulkSeeder namespace(String name, Map<String, String> labels) {
        namespaces.add(WorkloadObjects.namespace(requireName(name, "namespace"), labels == null ? Map.of() : labels));
        return this;
    }

    public BulkSeeder serviceAccount(String namespace, String name, Map<String, String> annotations) {
        serviceAccounts.add(WorkloadObjects.serviceAccount(requireName(namespace, "namespace"),
                requireName(name, "service account"), annotations == null ? Map.of() : annotations));
        return this;
    }

    public BulkSeeder node(String name, Map<String, String> labels) {
        nodes.add(controllers.lifecycle().nodeBuilder().node(requireName(name, "node"),
                labels == null ? Map.of() : labels, clock.instant()));
        return this;
    }

    public BulkSeeder deployment(String namespace, String name, String serviceAccount, int replicas, PodTemplateOptions opts) {
        return workload(DEPLOYMENTS, namespace, name, serviceAccount, replicas, opts);
    }

    public BulkSeeder statefulSet(String namespace, String name, String serviceAccount, int replicas, PodTemplateOptions opts) {
        return workload(STATEFUL_SETS, namespace, name, serviceAccount, replicas, opts);
    }

    public BulkSeeder daemonSet(String namespace, String name, String serviceAccount, PodTemplateOptions opts) {
        return workload(DAEMON_SETS, namespace, name, serviceAccount, 0, opts);
    }

    /** Stores everything collected so far; returns the number of objects stored (pods, ReplicaSets... included). */
    public int commit() {
        store.lock().lock();
        controllers.paused(true);
        try {
            List<Map.Entry<ResourceType, ObjectNode>> first = new ArrayList<>();
            Set<String> declaredAccounts = new HashSet<>();
            serviceAccounts.forEach(sa -> declaredAccounts.add(key(sa)));
            for (ObjectNode ns : namespaces) {
                first.add(entry(NAMESPACES, ns));
                String name = ns.path("metadata").path("name").asText();
                if (!declaredAccounts.contains(name + "/default") && !store.contains(SERVICE_ACCOUNTS, name, "default")) {
                    first.add(entry(SERVICE_ACCOUNTS, WorkloadObjects.serviceAccount(name, "default", Map.of())));
                }
            }
            serviceAccounts.forEach(sa -> first.add(entry(SERVICE_ACCOUNTS, sa)));
            nodes.forEach(n -> first.add(entry(NODES, n)));
            for (Map.Entry<ResourceType, ObjectNode> e : first) {
                String ns = e.getValue().path("metadata").path("namespace").asText("");
                if (e.getKey().namespaced() && !store.contains(NAMESPACES, "", ns)
                        && namespaces.stream().noneMatch(n -> ns.equals(n.path("metadata").path("name").asText()))) {
                    throw new IllegalArgumentException("namespace \"" + ns + "\" does not exist: declare it before "
                            + e.getKey().kind() + " " + e.getValue().path("metadata").path("name").asText());
                }
            }
            for (Workload w : workloads) {
                if (!store.contains(NAMESPACES, "", w.namespace)
                        && namespaces.stream().noneMatch(n -> w.namespace.equals(n.path("metadata").path("name").asText()))) {
                    throw new IllegalArgumentException("namespace \"" + w.namespace + "\" does not exist: declare it "
                            + "before " + w.type.kind() + " " + w.name);
                }
            }
            store.insertAll(first);
            List<ObjectNode> allNodes = new ArrayList<>(store.list(NODES, null, n -> true).trees());
            // Built and stored in slices: full trees of 50,000 pods would not fit in the heap at once, their
            // stored form does. The lock is held throughout, so nobody sees a half-seeded cluster.
            List<Map.Entry<ResourceType, ObjectNode>> second = new ArrayList<>();
            Set<String> usedPodNames = new HashSet<>();
            int storedWorkloadObjects = 0;
            for (Workload w : workloads) {
                build(w, allNodes, second, usedPodNames);
                if (second.size() >= SLICE) {
                    store.insertAll(second);
                    storedWorkloadObjects += second.size();
                    second.clear();
                }
            }
            store.insertAll(second);
            storedWorkloadObjects += second.size();
            controllers.paused(false);
            if (!nodes.isEmpty()) {
                controllers.nodesChanged();
            }
            controllers.drain();
            int total = first.size() + storedWorkloadObjects;
            namespaces.clear();
            serviceAccounts.clear();
            nodes.clear();
            workloads.clear();
            return total;
        } finally {
            controllers.paused(false);
            store.lock().unlock();
        }
    }

    private void build(Workload w, List<ObjectNode> allNodes, List<Map.Entry<ResourceType, ObjectNode>> out,
                       Set<String> usedPodNames) {
        Instant created = w.opts.createdAt() == null ? clock.instant() : w.opts.createdAt();
        WorkloadReconciler reconciler = new WorkloadReconciler(store, controllers, random, clock);
        if (w.type == DEPLOYMENTS) {
            ObjectNode d = withIdentity(WorkloadObjects.deployment(w.namespace, w.name, w.serviceAccount, w.replicas, w.opts), created);
            ((ObjectNode) d.get("metadata")).put("generation", 1);
            String hash = WorkloadReconciler.hashOf(d.path("spec").path("template"));
            ObjectNode rs = withIdentity(WorkloadReconciler.replicaSetFor(d, hash, 1, w.replicas), created);
            ((ObjectNode) rs.get("metadata")).put("generation", 1);
            List<ObjectNode> pods = new ArrayList<>();
            String rsName = rs.path("metadata").path("name").asText();
            for (int i = 0; i < w.replicas; i++) {
                pods.add(pod(reconciler.podFor(rs, uniqueName(w.namespace, rsName, usedPodNames)), allNodes, created, out));
            }
            ObjectNode rsStatus = WorkloadReconciler.replicaSetStatus(rs, pods);
            rs.set("status", rsStatus);
            int ready = rsStatus.path("readyReplicas").asInt();
            d.set("status", WorkloadReconciler.deploymentStatus(d, pods.size(), pods.size(), ready, rs));
            out.add(entry(DEPLOYMENTS, d));
            out.add(entry(REPLICA_SETS, rs));
            pods.forEach(p -> out.add(entry(PODS, p)));
        } else if (w.type == STATEFUL_SETS) {
            ObjectNode s = withIdentity(WorkloadObjects.statefulSet(w.namespace, w.name, w.serviceAccount, w.replicas, w.opts), created);
            ((ObjectNode) s.get("metadata")).put("generation", 1);
            String revision = w.name + "-" + WorkloadReconciler.hashOf(s.path("spec").path("template"));
            List<ObjectNode> pods = new ArrayList<>();
            for (int i = 0; i < w.replicas; i++) {
                pods.add(pod(reconciler.statefulSetPod(s, i, revision), allNodes, created, out));
            }
            int ready = (int) pods.stream().filter(BulkSeeder::running).count();
            s.set("status", WorkloadReconciler.statefulSetStatus(s, pods.size(), ready, revision));
            out.add(entry(STATEFUL_SETS, s));
            pods.forEach(p -> out.add(entry(PODS, p)));
        } else {
            ObjectNode ds = withIdentity(WorkloadObjects.daemonSet(w.namespace, w.name, w.serviceAccount, w.opts), created);
            ((ObjectNode) ds.get("metadata")).put("generation", 1);
            String revision = WorkloadReconciler.hashOf(ds.path("spec").path("template"));
            List<ObjectNode> pods = new ArrayList<>();
            for (ObjectNode node : allNodes) {
                if (WorkloadReconciler.eligible(ds.path("spec").path("template").path("spec"), node)) {
                    ObjectNode pod = reconciler.daemonSetPod(ds, node.path("metadata").path("name").asText(), revision);
                    pods.add(pod(pod, allNodes, created, out));
                }
            }
            ds.set("status", WorkloadReconciler.daemonSetStatus(ds, pods.size(), pods));
            out.add(entry(DAEMON_SETS, ds));
            pods.forEach(p -> out.add(entry(PODS, p)));
        }
    }

    private ObjectNode pod(ObjectNode pod, List<ObjectNode> allNodes, Instant created,
                           List<Map.Entry<ResourceType, ObjectNode>> out) {
        PodLifecycle lifecycle = controllers.lifecycle();
        ((ObjectNode) pod.get("metadata")).put("creationTimestamp", ObjectStore.timestamp(created));
        lifecycle.admit(pod);
        PodLifecycle.Placement placement = lifecycle.place(pod, allNodes, created);
        JsonNode node = null;
        if (placement.newNode() != null) {
            node = placement.newNode();
            out.add(entry(NODES, placement.newNode()));
        } else if (placement.nodeName() != null) {
            String name = placement.nodeName();
            node = allNodes.stream().filter(n -> name.equals(n.path("metadata").path("name").asText())).findFirst()
                    .orElse(null);
        }
        if (node != null) {
            lifecycle.markRunning(pod, node, created);
        } else {
            lifecycle.markUnschedulable(pod, allNodes.size(), created);
        }
        return pod;
    }

    private String uniqueName(String namespace, String prefix, Set<String> used) {
        while (true) {
            String candidate = prefix + "-" + Names.randomSuffix(random, 5);
            if (used.add(namespace + "/" + candidate) && !store.contains(PODS, namespace, candidate)) {
                return candidate;
            }
        }
    }

    private static boolean running(JsonNode pod) {
        return "Running".equals(pod.path("status").path("phase").asText());
    }

    private static ObjectNode withIdentity(ObjectNode object, Instant created) {
        ObjectNode meta = (ObjectNode) object.get("metadata");
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", ObjectStore.timestamp(created));
        return object;
    }

    private BulkSeeder workload(ResourceType type, String namespace, String name, String serviceAccount, int replicas,
                                PodTemplateOptions opts) {
        if (replicas < 0) {
            throw new IllegalArgumentException(type.kind() + " " + name + ": replicas must be >= 0, got " + replicas);
        }
        workloads.add(new Workload(type, requireName(namespace, "namespace"), requireName(name, type.singular()),
                serviceAccount == null || serviceAccount.isBlank() ? "default" : serviceAccount, replicas,
                Objects.requireNonNullElseGet(opts, PodTemplateOptions::defaults)));
        return this;
    }

    private static String key(JsonNode object) {
        return object.path("metadata").path("namespace").asText() + "/" + object.path("metadata").path("name").asText();
    }

    private static Map.Entry<ResourceType, ObjectNode> entry(ResourceType type, ObjectNode object) {
        return new AbstractMap.SimpleImmutableEntry<>(type, object);
    }

    /** DNS-1123 names, as the API server validates them. */
    static String requireName(String name, String what) {
        if (name == null || !name.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            throw new IllegalArgumentException("invalid " + what + " name \"" + name + "\": must be a lowercase "
                    + "RFC 1123 name (a-z, 0-9, '-', '.'; start and end alphanumeric)");
        }
        return name;
    }
}
