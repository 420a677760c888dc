package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * What happens to a pod between the POST and "Running": service-account admission (the
 * {@code kube-api-access-*} volume), the pod identity webhook, scheduling onto a node (Fargate pods get a
 * node of their own, as on EKS Fargate) and the kubelet reporting its containers running.
 */
final class PodLifecycle {

    /** Where a pod was placed; {@code newNode} is the Fargate node created for it, if any. */
    record Placement(String nodeName, ObjectNode newNode) {
    }

    private final String region;
    private final PodIdentityWebhook webhook;
    private final RandomGenerator random;
    private final AtomicLong nextPodIp = new AtomicLong(0x0a010000L + 10);
    private final AtomicLong nextNodeIp = new AtomicLong(0x0a000000L + 10);
    private final AtomicLong roundRobin = new AtomicLong();

    PodLifecycle(String region, PodIdentityWebhook webhook, RandomGenerator random) {
        this.region = region;
        this.webhook = webhook;
        this.random = random;
    }

    /** A new pod built from a workload template, owned by {@code owner}. */
    ObjectNode fromTemplate(JsonNode template, String namespace, String name, ObjectNode ownerReference,
                            Map<String, String> extraLabels) {
        ObjectNode pod = JsonNodeFactory.instance.objectNode();
        pod.put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("name", name).put("namespace", namespace);
        ObjectNode labels = meta.putObject("labels");
        template.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        extraLabels.forEach(labels::put);
        JsonNode annotations = template.path("metadata").path("annotations");
        if (annotations.size() > 0) {
            meta.set("annotations", annotations.deepCopy());
        }
        if (ownerReference != null) {
            meta.putArray("ownerReferences").add(ownerReference);
        }
        pod.set("spec", template.path("spec").deepCopy());
        return pod;
    }

    static ObjectNode ownerReference(JsonNode owner) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("apiVersion", owner.path("apiVersion").asText()).put("kind", owner.path("kind").asText())
                .put("name", owner.path("metadata").path("name").asText())
                .put("uid", owner.path("metadata").path("uid").asText())
                .put("controller", true).put("blockOwnerDeletion", true);
        return ref;
    }

    /** Admission: defaults, the service account token volume, then the pod identity webhook. */
    void admit(ObjectNode pod) {
        ObjectNode spec = pod.has("spec") && pod.get("spec").isObject() ? (ObjectNode) pod.get("spec") : pod.putObject("spec");
        if (!(spec.get("containers") instanceof ArrayNode containers) || containers.isEmpty()) {
            throw ApiError.invalid(ResourceCatalog.PODS, pod.path("metadata").path("name").asText(),
                    "spec.containers: Required value");
        }
        String podName = pod.path("metadata").path("name").asText();
        for (String field : new String[] {"initContainers", "containers"}) {
            JsonNode list = spec.get(field);
            if (list == null) {
                continue;
            }
            if (!list.isArray()) {
                throw ApiError.invalid(ResourceCatalog.PODS, podName, "spec." + field + ": Invalid value: must be a list");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode c = list.get(i);
                if (!c.isObject() || c.path("name").asText("").isEmpty() || c.path("image").asText("").isEmpty()) {
                    throw ApiError.invalid(ResourceCatalog.PODS, podName, "spec." + field + "[" + i
                            + "]: Required value: a container needs a name and an image");
                }
                if (c.has("env") && !c.get("env").isArray() || c.has("volumeMounts") && !c.get("volumeMounts").isArray()) {
                    throw ApiError.invalid(ResourceCatalog.PODS, podName, "spec." + field + "[" + i
                            + "]: Invalid value: env and volumeMounts must be lists");
                }
            }
        }
        if (spec.has("volumes") && !spec.get("volumes").isArray()) {
            throw ApiError.invalid(ResourceCatalog.PODS, podName, "spec.volumes: Invalid value: must be a list");
        }
        String sa = spec.path("serviceAccountName").asText(spec.path("serviceAccount").asText("default"));
        spec.put("serviceAccountName", sa).put("serviceAccount", sa);
        if (!spec.has("restartPolicy")) {
            spec.put("restartPolicy", "Always");
        }
        if (!spec.has("schedulerName")) {
            spec.put("schedulerName", "default-scheduler");
        }
        String tokenVolume = "kube-api-access-" + Names.randomSuffix(random, 5);
        ArrayNode volumes = spec.has("volumes") ? (ArrayNode) spec.get("volumes") : spec.putArray("volumes");
        ObjectNode projected = volumes.addObject().put("name", tokenVolume).putObject("projected");
        projected.put("defaultMode", 420);
        ArrayNode sources = projected.putArray("sources");
        sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", 3607).put("path", "token");
        sources.addObject().putObject("configMap").put("name", "kube-root-ca.crt").putArray("items").addObject()
                .put("key", "ca.crt").put("path", "ca.crt");
        sources.addObject().putObject("downwardAPI").putArray("items").addObject().put("path", "namespace")
                .putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
        for (JsonNode container : spec.get("containers")) {
            ObjectNode c = (ObjectNode) container;
            ArrayNode mounts = c.has("volumeMounts") ? (ArrayNode) c.get("volumeMounts") : c.putArray("volumeMounts");
            mounts.addObject().put("name", tokenVolume).put("readOnly", true)
                    .put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount");
            if (!c.has("imagePullPolicy")) {
                c.put("imagePullPolicy", c.path("image").asText().endsWith(":latest") ? "Always" : "IfNotPresent");
            }
        }
        webhook.admit(pod);
    }

    /** Chooses a node: Fargate pods get a fresh Fargate node, others an eligible EC2 node round-robin. */
    Placement place(ObjectNode pod, Collection<ObjectNode> nodes, Instant now) {
        String requested = pod.path("spec").path("nodeName").asText("");
        if (!requested.isEmpty()) {
            return new Placement(requested, null);
        }
        if (webhook.isFargate(pod)) {
            ObjectNode node = NodeObjects.fargateNode(region, nextIp(nextNodeIp), now);
            return new Placement(node.path("metadata").path("name").asText(), node);
        }
        JsonNode selector = pod.path("spec").path("nodeSelector");
        boolean windowsPod = "windows".equals(selector.path(PodIdentityWebhook.OS_LABEL).asText());
        List<ObjectNode> eligible = new ArrayList<>();
        for (ObjectNode node : nodes) {
            JsonNode labels = node.path("metadata").path("labels");
            boolean fargateNode = "fargate".equals(labels.path(PodIdentityWebhook.COMPUTE_TYPE_LABEL).asText());
            boolean windowsNode = "windows".equals(labels.path(PodIdentityWebhook.OS_LABEL).asText());
            if (fargateNode || windowsNode != windowsPod || !matches(selector, labels)) {
                continue;
            }
            eligible.add(node);
        }
        if (eligible.isEmpty()) {
            return new Placement(null, null);
        }
        eligible.sort(Comparator.comparing(n -> n.path("metadata").path("name").asText()));
        ObjectNode chosen = eligible.get((int) (roundRobin.getAndIncrement() % eligible.size()));
        return new Placement(chosen.path("metadata").path("name").asText(), null);
    }

    /** The kubelet's report for a pod whose containers all started at {@code startedAt}. */
    void markRunning(ObjectNode pod, JsonNode node, Instant startedAt) {
        ObjectNode spec = (ObjectNode) pod.get("spec");
        spec.put("nodeName", node.path("metadata").path("name").asText());
        String hostIp = NodeObjects.internalIp(node);
        String podIp = spec.path("hostNetwork").asBoolean() ? hostIp : nextIp(nextPodIp);
        String started = ObjectStore.timestamp(startedAt);
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Running");
        ArrayNode conditions = status.putArray("conditions");
        for (String type : new String[] {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                "PodScheduled"}) {
            conditions.addObject().put("type", type).put("status", "True").putNull("lastProbeTime")
                    .put("lastTransitionTime", started);
        }
        status.put("hostIP", hostIp);
        status.putArray("hostIPs").addObject().put("ip", hostIp);
        status.put("podIP", podIp);
        status.putArray("podIPs").addObject().put("ip", podIp);
        status.put("startTime", started);
        ArrayNode statuses = status.putArray("containerStatuses");
        for (JsonNode container : spec.path("containers")) {
            ObjectNode cs = statuses.addObject();
            cs.put("name", container.path("name").asText());
            cs.putObject("state").putObject("running").put("startedAt", started);
            cs.putObject("lastState");
            cs.put("ready", true).put("restartCount", 0);
            String image = container.path("image").asText();
            cs.put("image", image);
            cs.put("imageID", image.replaceAll(":[^:/]*$", "") + "@sha256:" + Names.hex(random, 64));
            cs.put("containerID", "containerd://" + Names.hex(random, 64));
            cs.put("started", true);
        }
        status.put("qosClass", "Burstable");
    }

    /** Status of a pod no node can take. */
    void markUnschedulable(ObjectNode pod, int nodeCount, Instant now) {
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.putArray("conditions").addObject().put("type", "PodScheduled").put("status", "False")
                .putNull("lastProbeTime").put("lastTransitionTime", ObjectStore.timestamp(now))
                .put("reason", "Unschedulable")
                .put("message", "0/" + nodeCount + " nodes are available: " + nodeCount
                        + " node(s) didn't match Pod's node affinity/selector.");
        status.put("qosClass", "Burstable");
    }

    NodeObjects.Builder nodeBuilder() {
        return new NodeObjects.Builder(region, () -> nextIp(nextNodeIp));
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static String nextIp(AtomicLong counter) {
        long ip = counter.getAndIncrement();
        return ((ip >> 24) & 0xff) + "." + ((ip >> 16) & 0xff) + "." + ((ip >> 8) & 0xff) + "." + (ip & 0xff);
    }
}
