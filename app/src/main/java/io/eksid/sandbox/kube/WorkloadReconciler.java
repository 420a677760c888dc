package io.eksid.sandbox.kube;

import static io.eksid.sandbox.kube.ResourceCatalog.PODS;
import static io.eksid.sandbox.kube.ResourceCatalog.REPLICA_SETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The reconcile functions of the Deployment, ReplicaSet, StatefulSet and DaemonSet controllers. */
final class WorkloadReconciler {

    static final String POD_TEMPLATE_HASH = "pod-template-hash";
    static final String REVISION_HASH = "controller-revision-hash";
    static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

    private final ObjectStore store;
    private final WorkloadControllers controllers;
    private final RandomGenerator random;
    private final Clock clock;

    WorkloadReconciler(ObjectStore store, WorkloadControllers controllers, RandomGenerator random, Clock clock) {
        this.store = store;
        this.controllers = controllers;
        this.random = random;
        this.clock = clock;
    }

    static String hashOf(JsonNode template) {
        return Names.templateHash(template.toString());
    }

    static int replicas(JsonNode workload) {
        return workload.path("spec").path("replicas").asInt(1);
    }

    /** The ReplicaSet a Deployment runs its current template with. */
    static ObjectNode replicaSetFor(JsonNode deployment, String hash, long revision, int replicas) {
        JsonNode meta = deployment.path("metadata");
        ObjectNode rs = JsonNodeFactory.instance.objectNode();
        rs.put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode rsMeta = rs.putObject("metadata");
        rsMeta.put("name", meta.path("name").asText() + "-" + hash).put("namespace", meta.path("namespace").asText());
        ObjectNode labels = rsMeta.putObject("labels");
        deployment.path("spec").path("template").path("metadata").path("labels").fields()
                .forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        labels.put(POD_TEMPLATE_HASH, hash);
        rsMeta.putObject("annotations").put(REVISION_ANNOTATION, Long.toString(revision))
                .put("deployment.kubernetes.io/desired-replicas", Integer.toString(replicas))
                .put("deployment.kubernetes.io/max-replicas", Integer.toString(replicas + Math.max(1, replicas / 4)));
        rsMeta.putArray("ownerReferences").add(PodLifecycle.ownerReference(deployment));
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", replicas);
        ObjectNode selector = deployment.path("spec").path("selector").deepCopy();
        ObjectNode matchLabels = selector.has("matchLabels") ? (ObjectNode) selector.get("matchLabels")
                : selector.putObject("matchLabels");
        matchLabels.put(POD_TEMPLATE_HASH, hash);
        spec.set("selector", selector);
        ObjectNode template = deployment.path("spec").path("template").deepCopy();
        ObjectNode templateMeta = template.has("metadata") ? (ObjectNode) template.get("metadata") : template.putObject("metadata");
        ObjectNode templateLabels = templateMeta.has("labels") ? (ObjectNode) templateMeta.get("labels")
                : templateMeta.putObject("labels");
        templateLabels.put(POD_TEMPLATE_HASH, hash);
        spec.set("template", template);
        return rs;
    }

    void deployment(ObjectNode deployment) {
        String hash = hashOf(deployment.path("spec").path("template"));
        int replicas = replicas(deployment);
        List<ObjectNode> replicaSets = controllers.owned(deployment, REPLICA_SETS);
        ObjectNode current = null;
        long maxRevision = 0;
        for (ObjectNode rs : replicaSets) {
            maxRevision = Math.max(maxRevision, rs.path("metadata").path("annotations").path(REVISION_ANNOTATION).asLong(0));
            if (hash.equals(rs.path("metadata").path("labels").path(POD_TEMPLATE_HASH).asText())) {
                current = rs;
            }
        }
        if (current == null) {
            current = store.create(REPLICA_SETS, replicaSetFor(deployment, hash, maxRevision + 1, replicas));
            replicaSets = controllers.owned(deployment, REPLICA_SETS);
        } else if (replicas(current) != replicas) {
            current = store.update(REPLICA_SETS, withReplicas(current, replicas));
        }
        int old = 0;
        for (int i = replicaSets.size() - 1; i >= 0; i--) {
            ObjectNode rs = replicaSets.get(i);
            if (rs.path("metadata").path("uid").equals(current.path("metadata").path("uid"))) {
                continue;
            }
            if (++old > controllers.revisionHistoryLimit()) {
                store.delete(WorkloadControllers.refOf(REPLICA_SETS, rs));
            } else if (replicas(rs) != 0) {
                store.update(REPLICA_SETS, withReplicas(rs, 0));
            }
        }
        int total = 0;
        int ready = 0;
        for (ObjectNode rs : controllers.owned(deployment, REPLICA_SETS)) {
            total += rs.path("status").path("replicas").asInt(0);
            ready += rs.path("status").path("readyReplicas").asInt(0);
        }
        int updated = current.path("status").path("replicas").asInt(0);
        ObjectNode status = deploymentStatus(deployment, total, updated, ready, current);
        updateStatus(io.eksid.sandbox.kube.ResourceCatalog.DEPLOYMENTS, deployment, status);
    }

    static ObjectNode deploymentStatus(JsonNode deployment, int total, int updated, int ready, JsonNode currentRs) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("observedGeneration", deployment.path("metadata").path("generation").asLong(1));
        status.put("replicas", total).put("updatedReplicas", updated).put("readyReplicas", ready)
                .put("availableReplicas", ready);
        if (total > ready) {
            status.put("unavailableReplicas", total - ready);
        }
        String since = deployment.path("metadata").path("creationTimestamp").asText();
        ArrayNode conditions = status.putArray("conditions");
        boolean available = ready >= replicas(deployment);
        conditions.addObject().put("type", "Available").put("status", available ? "True" : "False")
                .put("reason", available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                .put("message", available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.")
                .put("lastUpdateTime", since).put("lastTransitionTime", since);
        conditions.addObject().put("type", "Progressing").put("status", "True").put("reason", "NewReplicaSetAvailable")
                .put("message", "ReplicaSet \"" + currentRs.path("metadata").path("name").asText() + "\" has successfully progressed.")
                .put("lastUpdateTime", since).put("lastTransitionTime", since);
        return status;
    }

    void replicaSet(ObjectNode rs) {
        int replicas = replicas(rs);
        List<ObjectNode> owned = controllers.owned(rs, PODS);
        String namespace = rs.path("metadata").path("namespace").asText();
        String name = rs.path("metadata").path("name").asText();
        for (int i = owned.size(); i < replicas; i++) {
            controllers.createPod(podFor(rs, uniquePodName(namespace, name)), clock.instant());
        }
        for (int i = owned.size() - 1; i >= replicas; i--) {
            store.delete(WorkloadControllers.refOf(PODS, owned.get(i)));
        }
        updateStatus(REPLICA_SETS, rs, replicaSetStatus(rs, controllers.owned(rs, PODS)));
    }

    static ObjectNode replicaSetStatus(JsonNode rs, List<? extends JsonNode> pods) {
        int ready = (int) pods.stream().filter(p -> "Running".equals(p.path("status").path("phase").asText())).count();
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("replicas", pods.size()).put("fullyLabeledReplicas", pods.size()).put("readyReplicas", ready)
                .put("availableReplicas", ready).put("observedGeneration", rs.path("metadata").path("generation").asLong(1));
        return status;
    }

    ObjectNode podFor(JsonNode owner, String podName) {
        return controllers.lifecycle().fromTemplate(owner.path("spec").path("template"),
                owner.path("metadata").path("namespace").asText(), podName, PodLifecycle.ownerReference(owner), Map.of());
    }

    void statefulSet(ObjectNode sts) {
        String revision = sts.path("metadata").path("name").asText() + "-" + hashOf(sts.path("spec").path("template"));
        int replicas = replicas(sts);
        Map<String, ObjectNode> byName = new HashMap<>();
        for (ObjectNode pod : controllers.owned(sts, PODS)) {
            byName.put(pod.path("metadata").path("name").asText(), pod);
        }
        String name = sts.path("metadata").path("name").asText();
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String podName = name + "-" + ordinal;
            ObjectNode existing = byName.remove(podName);
            if (existing != null && revision.equals(existing.path("metadata").path("labels").path(REVISION_HASH).asText())) {
                continue;
            }
            if (existing != null) {
                store.delete(WorkloadControllers.refOf(PODS, existing));
            }
            controllers.createPod(statefulSetPod(sts, ordinal, revision), clock.instant());
        }
        for (ObjectNode extra : byName.values()) {
            store.delete(WorkloadControllers.refOf(PODS, extra));
        }
        List<ObjectNode> owned = controllers.owned(sts, PODS);
        int ready = (int) owned.stream().filter(p -> "Running".equals(p.path("status").path("phase").asText())).count();
        updateStatus(ResourceCatalog.STATEFUL_SETS, sts, statefulSetStatus(sts, owned.size(), ready, revision));
    }

    ObjectNode statefulSetPod(JsonNode sts, int ordinal, String revision) {
        String podName = sts.path("metadata").path("name").asText() + "-" + ordinal;
        return controllers.lifecycle().fromTemplate(sts.path("spec").path("template"),
                sts.path("metadata").path("namespace").asText(), podName, PodLifecycle.ownerReference(sts),
                WorkloadControllers.labels(REVISION_HASH, revision, "statefulset.kubernetes.io/pod-name", podName,
                        "apps.kubernetes.io/pod-index", Integer.toString(ordinal)));
    }

    static ObjectNode statefulSetStatus(JsonNode sts, int count, int ready, String revision) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("observedGeneration", sts.path("metadata").path("generation").asLong(1)).put("replicas", count)
                .put("readyReplicas", ready).put("currentReplicas", count).put("updatedReplicas", count)
                .put("availableReplicas", ready).put("currentRevision", revision).put("updateRevision", revision)
                .put("collisionCount", 0);
        return status;
    }

    void daemonSet(ObjectNode ds, List<ObjectNode> nodes) {
        String revision = hashOf(ds.path("spec").path("template"));
        Map<String, ObjectNode> byNode = new HashMap<>();
        for (ObjectNode pod : controllers.owned(ds, PODS)) {
            String node = pod.path("spec").path("nodeName").asText();
            if (byNode.putIfAbsent(node, pod) != null) {
                store.delete(WorkloadControllers.refOf(PODS, pod));
            }
        }
        int desired = 0;
        for (ObjectNode node : nodes) {
            if (!eligible(ds.path("spec").path("template").path("spec"), node)) {
                continue;
            }
            desired++;
            String nodeName = node.path("metadata").path("name").asText();
            ObjectNode existing = byNode.remove(nodeName);
            if (existing != null && revision.equals(existing.path("metadata").path("labels").path(REVISION_HASH).asText())) {
                continue;
            }
            if (existing != null) {
                store.delete(WorkloadControllers.refOf(PODS, existing));
            }
            controllers.createPod(daemonSetPod(ds, nodeName, revision), clock.instant());
        }
        for (ObjectNode stray : byNode.values()) {
            store.delete(WorkloadControllers.refOf(PODS, stray));
        }
        List<ObjectNode> owned = controllers.owned(ds, PODS);
        updateStatus(ResourceCatalog.DAEMON_SETS, ds, daemonSetStatus(ds, desired, owned));
    }

    ObjectNode daemonSetPod(JsonNode ds, String nodeName, String revision) {
        String namespace = ds.path("metadata").path("namespace").asText();
        String name = uniquePodName(namespace, ds.path("metadata").path("name").asText());
        ObjectNode pod = controllers.lifecycle().fromTemplate(ds.path("spec").path("template"), namespace, name,
                PodLifecycle.ownerReference(ds), WorkloadControllers.labels(REVISION_HASH, revision,
                        "pod-template-generation", ds.path("metadata").path("generation").asText("1")));
        ((ObjectNode) pod.get("spec")).put("nodeName", nodeName);
        return pod;
    }

    static ObjectNode daemonSetStatus(JsonNode ds, int desired, List<? extends JsonNode> pods) {
        int ready = (int) pods.stream().filter(p -> "Running".equals(p.path("status").path("phase").asText())).count();
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("currentNumberScheduled", pods.size()).put("desiredNumberScheduled", desired)
                .put("numberMisscheduled", 0).put("numberReady", ready).put("numberAvailable", ready)
                .put("updatedNumberScheduled", pods.size())
                .put("observedGeneration", ds.path("metadata").path("generation").asLong(1));
        return status;
    }

    /** Whether a DaemonSet pod with this spec runs on the node: never Fargate, OS and node selector must match. */
    static boolean eligible(JsonNode podSpec, JsonNode node) {
        JsonNode labels = node.path("metadata").path("labels");
        if (NodeObjects.isFargate(node)) {
            return false;
        }
        JsonNode selector = podSpec.path("nodeSelector");
        boolean windowsNode = "windows".equals(labels.path(PodIdentityWebhook.OS_LABEL).asText());
        boolean windowsPod = "windows".equals(selector.path(PodIdentityWebhook.OS_LABEL).asText());
        if (windowsNode != windowsPod) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private String uniquePodName(String namespace, String prefix) {
        while (true) {
            String candidate = prefix + "-" + Names.randomSuffix(random, 5);
            if (!store.contains(PODS, namespace, candidate)) {
                return candidate;
            }
        }
    }

    private static ObjectNode withReplicas(ObjectNode workload, int replicas) {
        ObjectNode copy = workload.deepCopy();
        ((ObjectNode) copy.get("spec")).put("replicas", replicas);
        return copy;
    }

    private void updateStatus(ResourceType type, ObjectNode current, ObjectNode status) {
        ObjectNode latest = store.get(WorkloadControllers.refOf(type, current)).orElse(null);
        if (latest == null) {
            return;
        }
        // An unchanged status is a no-op in the store (compared as JSON), so no event and no loop.
        ObjectNode copy = latest.deepCopy();
        copy.set("status", status);
        store.update(type, copy);
    }
}
