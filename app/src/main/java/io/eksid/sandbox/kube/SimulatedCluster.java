package io.eksid.sandbox.kube;

import static io.eksid.sandbox.kube.ResourceCatalog.DAEMON_SETS;
import static io.eksid.sandbox.kube.ResourceCatalog.DEPLOYMENTS;
import static io.eksid.sandbox.kube.ResourceCatalog.NAMESPACES;
import static io.eksid.sandbox.kube.ResourceCatalog.NODES;
import static io.eksid.sandbox.kube.ResourceCatalog.PODS;
import static io.eksid.sandbox.kube.ResourceCatalog.SERVICE_ACCOUNTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * One simulated EKS cluster's Kubernetes side: its store, controllers, pod identity webhook and RBAC.
 * Scenario methods ({@link #namespace}, {@link #deployment}...) declare objects; {@link #bulk()} is the fast
 * path for large scenarios. Every change, whether from a scenario or over HTTP, goes through the same store
 * and controllers, so watches see it.
 */
public final class SimulatedCluster implements AutoCloseable {

    /** How many changes a watch can resume across; older resourceVersions get 410 Gone. */
    public static final int DEFAULT_WATCH_HISTORY = 10_000;

    private final String name;
    private final String region;
    private final Clock clock;
    private final ObjectStore store;
    private final WorkloadControllers controllers;
    private final AccessRules access = new AccessRules();
    private final Random random;
    private final PodChurn churn;

    SimulatedCluster(String name, String region, AssociationLookup associations, Clock clock, int watchHistory) {
        this.name = name;
        this.region = region;
        this.clock = clock;
        this.random = new Random(name.hashCode());
        this.store = new ObjectStore(clock, watchHistory, new com.fasterxml.jackson.databind.ObjectMapper());
        PodIdentityWebhook webhook = new PodIdentityWebhook(name, region, associations,
                key -> store.get(SERVICE_ACCOUNTS, key[0], key[1]).orElse(null),
                node -> store.get(NODES, "", node).orElse(null));
        this.controllers = new WorkloadControllers(store, new PodLifecycle(region, webhook, random), clock, random);
        this.churn = new PodChurn(name, this::replaceRandomPods);
        bulk().namespace("default", Map.of()).namespace("kube-system", Map.of()).namespace("kube-public", Map.of())
                .namespace("kube-node-lease", Map.of()).commit();
    }

    public String name() {
        return name;
    }

    public String region() {
        return region;
    }

    /** The cluster's store, for the HTTP layer and for tests that inspect objects directly. */
    public ObjectStore store() {
        return store;
    }

    public void namespace(String namespace, Map<String, String> labels) {
        bulk().namespace(namespace, labels).commit();
    }

    /** Creates the service account, or replaces its annotations if it exists. */
    public void serviceAccount(String namespace, String account, Map<String, String> annotations) {
        BulkSeeder.requireName(account, "service account");
        Map<String, String> values = annotations == null ? Map.of() : annotations;
        write(() -> {
            Optional<ObjectNode> existing = store.get(SERVICE_ACCOUNTS, namespace, account);
            if (existing.isEmpty()) {
                return create(SERVICE_ACCOUNTS, WorkloadObjects.serviceAccount(namespace, account, values));
            }
            ObjectNode copy = existing.get().deepCopy();
            ObjectNode meta = (ObjectNode) copy.get("metadata");
            meta.remove("annotations");
            if (!values.isEmpty()) {
                ObjectNode a = meta.putObject("annotations");
                values.forEach(a::put);
            }
            return store.update(SERVICE_ACCOUNTS, copy);
        });
    }

    public void node(String nodeName, Map<String, String> labels) {
        bulk().node(nodeName, labels).commit();
    }

    public void deployment(String namespace, String deployment, String serviceAccount, int replicas, PodTemplateOptions opts) {
        bulk().deployment(namespace, deployment, serviceAccount, replicas, opts).commit();
    }

    public void statefulSet(String namespace, String statefulSet, String serviceAccount, int replicas, PodTemplateOptions opts) {
        bulk().statefulSet(namespace, statefulSet, serviceAccount, replicas, opts).commit();
    }

    public void daemonSet(String namespace, String daemonSet, String serviceAccount, PodTemplateOptions opts) {
        bulk().daemonSet(namespace, daemonSet, serviceAccount, opts).commit();
    }

    /** Makes the {@code eks-pod-identity-agent} add-on's DaemonSet (kube-system) and its pods appear. */
    public void installPodIdentityAgent() {
        write(() -> store.get(DAEMON_SETS, "kube-system", WorkloadObjects.AGENT_NAME)
                .orElseGet(() -> create(DAEMON_SETS, WorkloadObjects.podIdentityAgent(name, region))));
    }

    /** Removes the agent DaemonSet; its pods go with it. */
    public void removePodIdentityAgent() {
        write(() -> store.get(DAEMON_SETS, "kube-system", WorkloadObjects.AGENT_NAME)
                .map(ds -> store.delete(WorkloadControllers.refOf(DAEMON_SETS, ds))).orElse(null));
    }

    public boolean podIdentityAgentInstalled() {
        return store.contains(DAEMON_SETS, "kube-system", WorkloadObjects.AGENT_NAME);
    }

    /** {@code kubectl rollout restart}: stamps the template so the controller replaces every pod. */
    public void rolloutRestart(ResourceType workloadType, String namespace, String workload) {
        write(() -> {
            ObjectNode copy = store.get(workloadType, namespace, workload)
                    .orElseThrow(() -> ApiError.notFound(workloadType, workload)).deepCopy();
            ObjectNode templateMeta = (ObjectNode) copy.path("spec").path("template").get("metadata");
            ObjectNode annotations = templateMeta.has("annotations") ? (ObjectNode) templateMeta.get("annotations")
                    : templateMeta.putObject("annotations");
            annotations.put("kubectl.kubernetes.io/restartedAt", clock.instant().toString());
            return store.update(workloadType, copy);
        });
    }

    public void startChurn(double podsPerSecond) {
        churn.start(podsPerSecond);
    }

    public void stopChurn() {
        churn.stop();
    }

    /**
     * Denies a verb on a resource, for tests of RBAC-forbidden reads: the API answers 403 and
     * SelfSubjectAccessReview says not allowed.
     *
     * @param namespace null denies it in every namespace and at cluster scope
     */
    public void denyAccess(String verb, String resource, String namespace) {
        access.deny(verb, resource, namespace);
    }

    public void allowAllAccess() {
        access.clear();
    }

    public boolean allows(String verb, ResourceType type, String namespace) {
        return access.allows(verb, type.group(), type.plural(), namespace);
    }

    boolean allows(String verb, String group, String resource, String namespace) {
        return access.allows(verb, group, resource, namespace);
    }

    public BulkSeeder bulk() {
        return new BulkSeeder(store, controllers, random, clock);
    }

    /** Pods of a namespace (all namespaces when null), as stored. */
    public List<ObjectNode> pods(String namespace) {
        return store.list(PODS, namespace, p -> true).trees();
    }

    // ---- the writes the HTTP API performs: each runs the controllers to rest before returning ----

    /** Creates an object as a POST would: generateName, namespace existence, pod admission. */
    public ObjectNode create(ResourceType type, ObjectNode object) {
        return write(() -> {
            ObjectNode meta = object.has("metadata") && object.get("metadata").isObject()
                    ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
            String namespace = meta.path("namespace").asText("");
            if (type.namespaced() && !namespace.isEmpty() && !store.contains(NAMESPACES, "", namespace)) {
                throw ApiError.notFound(NAMESPACES, namespace);
            }
            if (meta.path("name").asText("").isEmpty() && !meta.path("generateName").asText("").isEmpty()) {
                String prefix = meta.get("generateName").asText();
                String candidate;
                do {
                    candidate = prefix + Names.randomSuffix(random, 5);
                } while (store.get(type, namespace, candidate).isPresent());
                meta.put("name", candidate);
            }
            validate(type, object);
            if (type == PODS) {
                return controllers.createPod(object, clock.instant());
            }
            if (type == NAMESPACES) {
                ObjectNode created = store.create(NAMESPACES, withActivePhase(object));
                store.create(SERVICE_ACCOUNTS, WorkloadObjects.serviceAccount(meta.get("name").asText(), "default", Map.of()));
                return created;
            }
            return store.create(type, object);
        });
    }

    public ObjectNode replace(ResourceType type, ObjectNode object) {
        return write(() -> {
            validate(type, object);
            return store.update(type, object);
        });
    }

    /** Deletes an object; a namespace takes its contents with it, an owner its dependents. */
    public ObjectNode delete(ObjectRef ref) {
        return write(() -> {
            if (ref.type() == NAMESPACES) {
                store.get(ref).orElseThrow(() -> ApiError.notFound(NAMESPACES, ref.name()));
                for (ResourceType type : ResourceCatalog.STORED) {
                    if (type.namespaced()) {
                        for (StoredObject o : store.list(type, ref.name(), x -> true).items()) {
                            ObjectRef child = WorkloadControllers.refOf(type, o.summary());
                            if (store.contains(child)) {
                                store.delete(child);
                            }
                        }
                    }
                }
            }
            return store.delete(ref);
        });
    }

    /** Runs a change under the store lock, then lets the controllers settle before anyone else writes. */
    public <T> T write(Supplier<T> change) {
        store.lock().lock();
        try {
            T result = change.get();
            controllers.drain();
            return result;
        } finally {
            store.lock().unlock();
        }
    }

    @Override
    public void close() {
        churn.close();
    }

    private void replaceRandomPods(int count) {
        write(() -> {
            List<StoredObject> owned = store.list(PODS, null,
                    p -> p.path("metadata").path("ownerReferences").size() > 0).items();
            for (int i = 0; i < count && !owned.isEmpty(); i++) {
                StoredObject victim = PodChurn.pick(owned, random);
                ObjectRef ref = WorkloadControllers.refOf(PODS, victim.summary());
                if (store.contains(ref)) {
                    store.delete(ref);
                }
            }
            return null;
        });
    }

    private static ObjectNode withActivePhase(ObjectNode namespace) {
        ObjectNode copy = namespace.deepCopy();
        ObjectNode labels = copy.path("metadata").has("labels") ? (ObjectNode) copy.path("metadata").get("labels")
                : ((ObjectNode) copy.get("metadata")).putObject("labels");
        labels.put("kubernetes.io/metadata.name", copy.path("metadata").path("name").asText());
        if (!copy.has("spec")) {
            copy.putObject("spec").putArray("finalizers").add("kubernetes");
        }
        copy.putObject("status").put("phase", "Active");
        return copy;
    }

    private static void validate(ResourceType type, ObjectNode object) {
        String objectName = object.path("metadata").path("name").asText("");
        if (!objectName.isEmpty() && !objectName.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            throw ApiError.invalid(type, objectName, "metadata.name: Invalid value: \"" + objectName
                    + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                    + "'.', and must start and end with an alphanumeric character");
        }
        if (type == DEPLOYMENTS || type == ResourceCatalog.STATEFUL_SETS || type == DAEMON_SETS
                || type == ResourceCatalog.REPLICA_SETS) {
            JsonNode selector = object.path("spec").path("selector").path("matchLabels");
            JsonNode labels = object.path("spec").path("template").path("metadata").path("labels");
            if (selector.isMissingNode() || selector.isEmpty()) {
                throw ApiError.invalid(type, objectName, "spec.selector: Required value");
            }
            selector.fields().forEachRemaining(e -> {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    throw ApiError.invalid(type, objectName, "spec.template.metadata.labels: Invalid value: "
                            + labels + ": `selector` does not match template `labels`");
                }
            });
            if (!(object.path("spec").path("template").path("spec").path("containers").size() > 0)) {
                throw ApiError.invalid(type, objectName, "spec.template.spec.containers: Required value");
            }
        }
    }
}
