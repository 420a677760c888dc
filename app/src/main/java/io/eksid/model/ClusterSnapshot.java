package io.eksid.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one cluster and the IAM it touches, at one moment. Immutable; the live store derives a
 * new one after changes, and {@link io.eksid.model.graph.IdentityGraph} is computed from it.
 *
 * @param roles              roles read with GetRole, by role ARN string
 * @param unreadableRoles    roles referenced but not readable, by ARN, with the reason (AccessDenied, other account)
 * @param trustPolicyQuota   the account's "Role trust policy length" quota (2,048 unless raised)
 * @param agentDaemonSetReady the eks-pod-identity-agent DaemonSet has ready pods (null when unknown)
 * @param unread             the sources that could not be read: what depends on them is unknown
 * @param rolePermissions    what sessions of each role may do (its policies, boundary, tags), by role ARN string
 * @param unreadablePermissions roles whose permissions could not be read, by ARN, with the reason
 */
public record ClusterSnapshot(ClusterInfo cluster, List<NamespaceInfo> namespaces,
                              List<ServiceAccountInfo> serviceAccounts, List<PodInfo> pods,
                              List<WorkloadInfo> workloads, List<PodIdentityAssociation> associations,
                              List<Addon> addons, Map<String, IamRole> roles, Map<String, String> unreadableRoles,
                              List<OidcProvider> oidcProviders, int trustPolicyQuota, Boolean agentDaemonSetReady,
                              Instant takenAt, UnreadSources unread, Map<String, RolePermissions> rolePermissions,
                              Map<String, String> unreadablePermissions) {

    public static final int DEFAULT_TRUST_POLICY_QUOTA = 2048;

    public ClusterSnapshot {
        Objects.requireNonNull(cluster, "cluster");
        namespaces = List.copyOf(namespaces == null ? List.of() : namespaces);
        serviceAccounts = KeyedList.of(serviceAccounts, ServiceAccountInfo::ref);
        pods = KeyedList.of(pods, ClusterSnapshot::podKey);
        workloads = List.copyOf(workloads == null ? List.of() : workloads);
        associations = List.copyOf(associations == null ? List.of() : associations);
        addons = List.copyOf(addons == null ? List.of() : addons);
        roles = Map.copyOf(roles == null ? Map.of() : roles);
        unreadableRoles = Map.copyOf(unreadableRoles == null ? Map.of() : unreadableRoles);
        oidcProviders = List.copyOf(oidcProviders == null ? List.of() : oidcProviders);
        unread = unread == null ? UnreadSources.NONE : unread;
        if (trustPolicyQuota <= 0) {
            trustPolicyQuota = DEFAULT_TRUST_POLICY_QUOTA;
        }
        rolePermissions = Map.copyOf(rolePermissions == null ? Map.of() : rolePermissions);
        unreadablePermissions = Map.copyOf(unreadablePermissions == null ? Map.of() : unreadablePermissions);
    }

    /** A snapshot from before role permissions were read: none known. */
    public ClusterSnapshot(ClusterInfo cluster, List<NamespaceInfo> namespaces,
                           List<ServiceAccountInfo> serviceAccounts, List<PodInfo> pods,
                           List<WorkloadInfo> workloads, List<PodIdentityAssociation> associations,
                           List<Addon> addons, Map<String, IamRole> roles, Map<String, String> unreadableRoles,
                           List<OidcProvider> oidcProviders, int trustPolicyQuota, Boolean agentDaemonSetReady,
                           Instant takenAt) {
        this(cluster, namespaces, serviceAccounts, pods, workloads, associations, addons, roles, unreadableRoles,
                oidcProviders, trustPolicyQuota, agentDaemonSetReady, takenAt, UnreadSources.NONE, Map.of(), Map.of());
    }

    /** A snapshot from before role permissions were read, with the sources that could not be read. */
    public ClusterSnapshot(ClusterInfo cluster, List<NamespaceInfo> namespaces,
                           List<ServiceAccountInfo> serviceAccounts, List<PodInfo> pods,
                           List<WorkloadInfo> workloads, List<PodIdentityAssociation> associations,
                           List<Addon> addons, Map<String, IamRole> roles, Map<String, String> unreadableRoles,
                           List<OidcProvider> oidcProviders, int trustPolicyQuota, Boolean agentDaemonSetReady,
                           Instant takenAt, UnreadSources unread) {
        this(cluster, namespaces, serviceAccounts, pods, workloads, associations, addons, roles, unreadableRoles,
                oidcProviders, trustPolicyQuota, agentDaemonSetReady, takenAt, unread, Map.of(), Map.of());
    }

    /** What sessions of a role may do, when its permissions were read. */
    public Optional<RolePermissions> rolePermissions(String roleArn) {
        return Optional.ofNullable(rolePermissions.get(roleArn));
    }

    /** A builder, so tests and adapters can fill only what they know. */
    public static Builder builder(ClusterInfo cluster) {
        return new Builder(cluster);
    }

    public Optional<Addon> addon(String name) {
        return addons.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The service account with this namespace and name, found in O(1). */
    public Optional<ServiceAccountInfo> serviceAccount(ServiceAccountRef ref) {
        return KeyedList.find(serviceAccounts, ServiceAccountInfo::ref, ref);
    }

    /** The pod with this namespace and name, found in O(1). */
    public Optional<PodInfo> pod(String namespace, String name) {
        return KeyedList.find(pods, ClusterSnapshot::podKey, namespace + "/" + name);
    }

    private static String podKey(PodInfo p) {
        return p.namespace() + "/" + p.name();
    }

    public Optional<IamRole> role(String arn) {
        return Optional.ofNullable(roles.get(arn));
    }

    /** Mutable builder for {@link ClusterSnapshot}. */
    public static final class Builder {
        private final ClusterInfo cluster;
        private final java.util.ArrayList<NamespaceInfo> namespaces = new java.util.ArrayList<>();
        private final java.util.ArrayList<ServiceAccountInfo> serviceAccounts = new java.util.ArrayList<>();
        private final java.util.ArrayList<PodInfo> pods = new java.util.ArrayList<>();
        private final java.util.ArrayList<WorkloadInfo> workloads = new java.util.ArrayList<>();
        private final java.util.ArrayList<PodIdentityAssociation> associations = new java.util.ArrayList<>();
        private final java.util.ArrayList<Addon> addons = new java.util.ArrayList<>();
        private final java.util.LinkedHashMap<String, IamRole> roles = new java.util.LinkedHashMap<>();
        private final java.util.LinkedHashMap<String, String> unreadableRoles = new java.util.LinkedHashMap<>();
        private final java.util.ArrayList<OidcProvider> oidcProviders = new java.util.ArrayList<>();
        private int trustPolicyQuota = DEFAULT_TRUST_POLICY_QUOTA;
        private Boolean agentDaemonSetReady;
        private Instant takenAt = Instant.EPOCH;
        private UnreadSources unread = UnreadSources.NONE;
        private final java.util.LinkedHashMap<String, RolePermissions> rolePermissions = new java.util.LinkedHashMap<>();
        private final java.util.LinkedHashMap<String, String> unreadablePermissions = new java.util.LinkedHashMap<>();

        private Builder(ClusterInfo cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
        }

        public Builder namespace(NamespaceInfo ns) { namespaces.add(ns); return this; }
        public Builder serviceAccount(ServiceAccountInfo sa) { serviceAccounts.add(sa); return this; }
        public Builder pod(PodInfo pod) { pods.add(pod); return this; }
        public Builder workload(WorkloadInfo w) { workloads.add(w); return this; }
        public Builder association(PodIdentityAssociation a) { associations.add(a); return this; }
        public Builder addon(Addon a) { addons.add(a); return this; }
        public Builder role(IamRole r) { roles.put(r.arn().toString(), r); return this; }
        public Builder unreadableRole(String arn, String reason) { unreadableRoles.put(arn, reason); return this; }
        public Builder oidcProvider(OidcProvider p) { oidcProviders.add(p); return this; }
        public Builder trustPolicyQuota(int quota) { trustPolicyQuota = quota; return this; }
        public Builder agentDaemonSetReady(Boolean ready) { agentDaemonSetReady = ready; return this; }
        public Builder takenAt(Instant at) { takenAt = at; return this; }
        public Builder unread(UnreadSources u) { unread = u; return this; }
        public Builder rolePermissions(RolePermissions p) { rolePermissions.put(p.roleArn(), p); return this; }
        public Builder unreadablePermissions(String arn, String reason) { unreadablePermissions.put(arn, reason); return this; }

        public ClusterSnapshot build() {
            return new ClusterSnapshot(cluster, namespaces, serviceAccounts, pods, workloads, associations, addons,
                    roles, unreadableRoles, oidcProviders, trustPolicyQuota, agentDaemonSetReady, takenAt, unread,
                    rolePermissions, unreadablePermissions);
        }
    }
}
