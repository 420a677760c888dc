package io.eksid.sandbox.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records what a scenario seeds, in order, so its content can be checked without starting servers. */
final class RecordingSink implements ScenarioSink {

    record Role(String accountId, String path, String name, String arn, String trust, List<String> policies) {
    }

    record Association(String cluster, String namespace, String serviceAccount, String roleArn, String targetRoleArn,
                       String ownerArn, int order, boolean disableSessionTags, String sessionPolicy) {
    }

    record ManagedPolicy(String arn, String document) {
    }

    record Sa(String cluster, String namespace, String name, Map<String, String> annotations) {
    }

    record Workload(String cluster, WorkloadKind kind, String namespace, String name, String serviceAccount,
                    int replicas, PodTemplate template, int order) {
    }

    record Addon(String cluster, String name, String status, String roleArn) {
    }

    final List<String> accounts = new ArrayList<>();
    final List<ManagedPolicy> managedPolicies = new ArrayList<>();
    final Map<String, String> boundaries = new LinkedHashMap<>();
    final Map<String, Map<String, String>> roleTags = new LinkedHashMap<>();
    final List<String> clusters = new ArrayList<>();
    final Map<String, Role> roles = new LinkedHashMap<>();
    final List<String> oidcProviders = new ArrayList<>();
    final List<Association> associations = new ArrayList<>();
    final List<Addon> addons = new ArrayList<>();
    final List<String> namespaces = new ArrayList<>();
    final List<Sa> serviceAccounts = new ArrayList<>();
    final Map<String, List<String>> nodes = new LinkedHashMap<>();
    final Map<String, Map<String, String>> nodeLabels = new LinkedHashMap<>();
    final List<Workload> workloads = new ArrayList<>();
    private int order;

    @Override
    public void account(String accountId, String accessKeyId, String secretKey, int trustPolicyQuota) {
        accounts.add(accountId);
    }

    @Override
    public void cluster(String accountId, String region, String name, String version, String platformVersion,
                        String oidcIssuerUrl, boolean autoMode) {
        clusters.add(name);
    }

    @Override
    public String role(String accountId, String path, String name, String trustPolicyJson, String description) {
        String arn = "arn:aws:iam::" + accountId + ":role" + path + name;
        roles.put(arn, new Role(accountId, path, name, arn, trustPolicyJson, new ArrayList<>()));
        return arn;
    }

    @Override
    public void attachRolePolicy(String roleArn, String policyArn) {
        roles.get(roleArn).policies().add(policyArn);
    }

    @Override
    public void putRolePolicy(String roleArn, String policyName, String policyJson) {
        roles.get(roleArn).policies().add("inline:" + policyName);
    }

    @Override
    public String oidcProvider(String accountId, String issuerUrl, List<String> clientIds, List<String> thumbprints) {
        String arn = "arn:aws:iam::" + accountId + ":oidc-provider/" + issuerUrl.substring(8);
        oidcProviders.add(arn);
        return arn;
    }

    @Override
    public String association(String cluster, String namespace, String serviceAccount, String roleArn,
                              String targetRoleArn, boolean disableSessionTags, String ownerArn) {
        associations.add(new Association(cluster, namespace, serviceAccount, roleArn, targetRoleArn, ownerArn,
                order++, disableSessionTags, null));
        return "a-" + associations.size();
    }

    @Override
    public String associationWithSessionPolicy(String cluster, String namespace, String serviceAccount,
                                               String roleArn, String sessionPolicyJson) {
        associations.add(new Association(cluster, namespace, serviceAccount, roleArn, null, null, order++, true,
                sessionPolicyJson));
        return "a-" + associations.size();
    }

    @Override
    public String managedPolicy(String accountId, String path, String name, String policyJson, String description) {
        String arn = "arn:aws:iam::" + accountId + ":policy" + path + name;
        managedPolicies.add(new ManagedPolicy(arn, policyJson));
        return arn;
    }

    @Override
    public void permissionsBoundary(String roleArn, String policyArn) {
        boundaries.put(roleArn, policyArn);
    }

    @Override
    public void tagRole(String roleArn, Map<String, String> tags) {
        roleTags.computeIfAbsent(roleArn, r -> new LinkedHashMap<>()).putAll(tags);
    }

    @Override
    public String addon(String cluster, String name, String version, String status, String serviceAccountRoleArn) {
        addons.add(new Addon(cluster, name, status, serviceAccountRoleArn));
        return "arn:aws:eks:us-west-2:111122223333:addon/" + cluster + "/" + name + "/x";
    }

    @Override
    public void namespace(String cluster, String name, Map<String, String> labels) {
        namespaces.add(cluster + "/" + name);
    }

    @Override
    public void serviceAccount(String cluster, String namespace, String name, Map<String, String> annotations) {
        serviceAccounts.add(new Sa(cluster, namespace, name, annotations));
    }

    @Override
    public void node(String cluster, String name, Map<String, String> labels) {
        nodes.computeIfAbsent(cluster, c -> new ArrayList<>()).add(name);
        nodeLabels.put(cluster + "/" + name, labels);
    }

    @Override
    public void workload(String cluster, WorkloadKind kind, String namespace, String name, String serviceAccount,
                         int replicas, PodTemplate template) {
        workloads.add(new Workload(cluster, kind, namespace, name, serviceAccount, replicas, template, order++));
    }

    Sa serviceAccount(String cluster, String namespace, String name) {
        return serviceAccounts.stream()
                .filter(s -> s.cluster().equals(cluster) && s.namespace().equals(namespace) && s.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no SA " + cluster + "/" + namespace + "/" + name));
    }

    Association association(String cluster, String namespace, String name) {
        return associations.stream()
                .filter(a -> a.cluster().equals(cluster) && a.namespace().equals(namespace)
                        && a.serviceAccount().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no association " + namespace + "/" + name));
    }

    Workload workload(String cluster, String namespace, String name) {
        return workloads.stream()
                .filter(w -> w.cluster().equals(cluster) && w.namespace().equals(namespace) && w.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no workload " + namespace + "/" + name));
    }

    /** Pods a workload will have: replicas, or one per matching node for a DaemonSet on Linux EC2 nodes. */
    int pods(Workload w) {
        if (w.kind() != WorkloadKind.DAEMON_SET) {
            return w.replicas();
        }
        return (int) nodes.getOrDefault(w.cluster(), List.of()).stream()
                .map(n -> nodeLabels.get(w.cluster() + "/" + n))
                .filter(l -> "linux".equals(l.get("kubernetes.io/os")) && !l.containsKey("eks.amazonaws.com/compute-type"))
                .count();
    }
}
