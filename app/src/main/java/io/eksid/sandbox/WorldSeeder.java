package io.eksid.sandbox;

import io.eksid.sandbox.aws.AwsWorld;
import io.eksid.sandbox.kube.BulkSeeder;
import io.eksid.sandbox.kube.KubeApiServer;
import io.eksid.sandbox.kube.PodTemplateOptions;
import io.eksid.sandbox.kube.ResourceCatalog;
import io.eksid.sandbox.kube.SimulatedCluster;
import io.eksid.sandbox.scenario.PodTemplate;
import io.eksid.sandbox.scenario.ScenarioSink;
import io.eksid.sandbox.scenario.WorkloadKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forwards a scenario to the two halves of the sandbox: AWS resources into the {@link AwsWorld}, Kubernetes
 * objects into the {@link SimulatedCluster}s of the {@link KubeApiServer}.
 *
 * <p>In bulk mode (large scenarios) Kubernetes objects are collected per cluster and stored in one batch by
 * {@link #commit()}. An association for a service account whose workload is still queued is held back until
 * after the batch, so that, as in step-by-step mode, pods created before their association stay stale.
 */
final class WorldSeeder implements ScenarioSink {

    private record PendingAssociation(String cluster, String namespace, String serviceAccount, String roleArn,
                                      String targetRoleArn, boolean disableSessionTags, String sessionPolicy,
                                      String ownerArn) {
    }

    private final AwsWorld world;
    private final KubeApiServer kube;
    private final boolean bulkMode;
    private final Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
    private final Map<String, BulkSeeder> batches = new LinkedHashMap<>();
    private final Set<String> queuedWorkloadAccounts = new HashSet<>();
    private final List<PendingAssociation> heldBack = new ArrayList<>();

    WorldSeeder(AwsWorld world, KubeApiServer kube, boolean bulkMode) {
        this.world = world;
        this.kube = kube;
        this.bulkMode = bulkMode;
    }

    /** Cluster names in seeding order. */
    List<String> clusterNames() {
        return List.copyOf(clusters.keySet());
    }

    SimulatedCluster cluster(String name) {
        SimulatedCluster c = clusters.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no cluster " + name + " in this sandbox");
        }
        return c;
    }

    @Override
    public void account(String accountId, String accessKeyId, String secretKey, int trustPolicyQuota) {
        world.addAccount(accountId, accessKeyId, secretKey, trustPolicyQuota);
    }

    @Override
    public void cluster(String accountId, String region, String name, String version, String platformVersion,
                        String oidcIssuerUrl, boolean autoMode) {
        SimulatedCluster cluster = kube.addCluster(name, region);
        clusters.put(name, cluster);
        world.addCluster(accountId, region, name, version, platformVersion, oidcIssuerUrl, kube.serverUrl(name),
                autoMode);
    }

    @Override
    public String role(String accountId, String path, String name, String trustPolicyJson, String description) {
        return world.createRole(accountId, path, name, trustPolicyJson, description);
    }

    @Override
    public void attachRolePolicy(String roleArn, String policyArn) {
        world.attachRolePolicy(roleArn, policyArn);
    }

    @Override
    public void putRolePolicy(String roleArn, String policyName, String policyJson) {
        world.putRolePolicy(roleArn, policyName, policyJson);
    }

    @Override
    public String oidcProvider(String accountId, String issuerUrl, List<String> clientIds, List<String> thumbprints) {
        return world.addOidcProvider(accountId, issuerUrl, clientIds, thumbprints);
    }

    @Override
    public String association(String cluster, String namespace, String serviceAccount, String roleArn,
                              String targetRoleArn, boolean disableSessionTags, String ownerArn) {
        return association(new PendingAssociation(cluster, namespace, serviceAccount, roleArn, targetRoleArn,
                disableSessionTags, null, ownerArn));
    }

    @Override
    public String associationWithSessionPolicy(String cluster, String namespace, String serviceAccount,
                                               String roleArn, String sessionPolicyJson) {
        return association(new PendingAssociation(cluster, namespace, serviceAccount, roleArn, null, true,
                sessionPolicyJson, null));
    }

    private String association(PendingAssociation a) {
        if (bulkMode && queuedWorkloadAccounts.contains(key(a.cluster(), a.namespace(), a.serviceAccount()))) {
            heldBack.add(a);
            return null;
        }
        return create(a);
    }

    private String create(PendingAssociation a) {
        return world.createPodIdentityAssociation(a.cluster(), a.namespace(), a.serviceAccount(), a.roleArn(),
                a.targetRoleArn(), a.disableSessionTags(), a.sessionPolicy(), a.ownerArn());
    }

    @Override
    public String managedPolicy(String accountId, String path, String name, String policyJson, String description) {
        return world.createPolicy(accountId, path, name, policyJson, description);
    }

    @Override
    public void permissionsBoundary(String roleArn, String policyArn) {
        world.putRolePermissionsBoundary(roleArn, policyArn);
    }

    @Override
    public void tagRole(String roleArn, Map<String, String> tags) {
        world.tagRole(roleArn, tags);
    }

    @Override
    public String addon(String cluster, String name, String version, String status, String serviceAccountRoleArn) {
        world.createAddon(cluster, name, version, status, serviceAccountRoleArn);
        return world.addon(cluster, name).orElseThrow().addonArn();
    }

    @Override
    public void namespace(String cluster, String name, Map<String, String> labels) {
        SimulatedCluster c = cluster(cluster);
        // The API server creates default, kube-system, kube-public and kube-node-lease itself.
        if (c.store().get(ResourceCatalog.NAMESPACES, "", name).isPresent()) {
            return;
        }
        if (bulkMode) {
            batch(cluster).namespace(name, labels);
        } else {
            c.namespace(name, labels);
        }
    }

    @Override
    public void serviceAccount(String cluster, String namespace, String name, Map<String, String> annotations) {
        if (bulkMode) {
            batch(cluster).serviceAccount(namespace, name, annotations);
        } else {
            cluster(cluster).serviceAccount(namespace, name, annotations);
        }
    }

    @Override
    public void node(String cluster, String name, Map<String, String> labels) {
        if (bulkMode) {
            batch(cluster).node(name, labels);
        } else {
            cluster(cluster).node(name, labels);
        }
    }

    @Override
    public void workload(String cluster, WorkloadKind kind, String namespace, String name, String serviceAccount,
                         int replicas, PodTemplate template) {
        PodTemplateOptions opts = new PodTemplateOptions(template.fargate(), template.windows(),
                template.hostNetwork(), template.image(), template.createdAt());
        if (bulkMode) {
            queuedWorkloadAccounts.add(key(cluster, namespace, serviceAccount));
            BulkSeeder b = batch(cluster);
            switch (kind) {
                case DEPLOYMENT -> b.deployment(namespace, name, serviceAccount, replicas, opts);
                case STATEFUL_SET -> b.statefulSet(namespace, name, serviceAccount, replicas, opts);
                case DAEMON_SET -> b.daemonSet(namespace, name, serviceAccount, opts);
            }
            return;
        }
        SimulatedCluster c = cluster(cluster);
        switch (kind) {
            case DEPLOYMENT -> c.deployment(namespace, name, serviceAccount, replicas, opts);
            case STATEFUL_SET -> c.statefulSet(namespace, name, serviceAccount, replicas, opts);
            case DAEMON_SET -> c.daemonSet(namespace, name, serviceAccount, opts);
        }
    }

    /** Stores the queued Kubernetes objects (bulk mode), then the associations that must come after them. */
    void commit() {
        batches.values().forEach(BulkSeeder::commit);
        batches.clear();
        queuedWorkloadAccounts.clear();
        for (PendingAssociation a : heldBack) {
            create(a);
        }
        heldBack.clear();
    }

    private BulkSeeder batch(String cluster) {
        return batches.computeIfAbsent(cluster, c -> cluster(c).bulk());
    }

    private static String key(String cluster, String namespace, String serviceAccount) {
        return cluster + '/' + namespace + '/' + serviceAccount;
    }
}
