package io.eksid.sandbox.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shorthand for writing one cluster's Kubernetes objects into a {@link ScenarioSink}: keeps the scenario
 * classes readable as a list of namespaces, service accounts and workloads.
 */
final class ClusterScript {

    static final String ROLE_ARN = "eks.amazonaws.com/role-arn";
    static final String STS_REGIONAL = "eks.amazonaws.com/sts-regional-endpoints";
    static final String TOKEN_EXPIRATION = "eks.amazonaws.com/token-expiration";

    private final ScenarioSink sink;
    private final String cluster;
    private final Instant now;

    ClusterScript(ScenarioSink sink, String cluster, Instant now) {
        this.sink = sink;
        this.cluster = cluster;
        this.now = now;
    }

    String cluster() {
        return cluster;
    }

    Instant daysAgo(int days) {
        return now.minus(Duration.ofDays(days));
    }

    void namespace(String name, String team) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", team);
        labels.put("environment", cluster.endsWith("prod") ? "prod" : "staging");
        sink.namespace(cluster, name, labels);
    }

    void namespace(String name, Map<String, String> labels) {
        sink.namespace(cluster, name, labels);
    }

    /** A service account with no AWS identity of its own. */
    void plainServiceAccount(String namespace, String name) {
        sink.serviceAccount(cluster, namespace, name, Map.of());
    }

    /** A service account annotated for IRSA, with the regional STS endpoint most teams set. */
    void irsaServiceAccount(String namespace, String name, String roleArn) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ROLE_ARN, roleArn);
        annotations.put(STS_REGIONAL, "true");
        sink.serviceAccount(cluster, namespace, name, annotations);
    }

    /** IRSA annotated with only the role ARN, the way add-ons and older charts write it. */
    void irsaServiceAccountMinimal(String namespace, String name, String roleArn) {
        sink.serviceAccount(cluster, namespace, name, Map.of(ROLE_ARN, roleArn));
    }

    void serviceAccount(String namespace, String name, Map<String, String> annotations) {
        sink.serviceAccount(cluster, namespace, name, annotations);
    }

    void linuxNode(String name, String nodegroup, String instanceType, String zone) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("node.kubernetes.io/instance-type", instanceType);
        labels.put("topology.kubernetes.io/zone", zone);
        labels.put("eks.amazonaws.com/nodegroup", nodegroup);
        labels.put("eks.amazonaws.com/capacityType", "ON_DEMAND");
        sink.node(cluster, name, labels);
    }

    void windowsNode(String name, String nodegroup, String zone) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/os", "windows");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("node.kubernetes.io/instance-type", "m5.2xlarge");
        labels.put("topology.kubernetes.io/zone", zone);
        labels.put("eks.amazonaws.com/nodegroup", nodegroup);
        labels.put("node.kubernetes.io/windows-build", "10.0.20348");
        sink.node(cluster, name, labels);
    }

    void deployment(String namespace, String name, String sa, int replicas, PodTemplate template) {
        sink.workload(cluster, WorkloadKind.DEPLOYMENT, namespace, name, sa, replicas, template);
    }

    void statefulSet(String namespace, String name, String sa, int replicas, PodTemplate template) {
        sink.workload(cluster, WorkloadKind.STATEFUL_SET, namespace, name, sa, replicas, template);
    }

    void daemonSet(String namespace, String name, String sa, PodTemplate template) {
        sink.workload(cluster, WorkloadKind.DAEMON_SET, namespace, name, sa, 0, template);
    }

    String association(String namespace, String sa, String roleArn) {
        return sink.association(cluster, namespace, sa, roleArn, null, false, null);
    }

    String addon(String name, String version, String roleArn) {
        return sink.addon(cluster, name, version, "ACTIVE", roleArn);
    }
}
