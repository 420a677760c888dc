package io.eksid.model.store;

import io.eksid.model.Addon;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.OidcProvider;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.RolePermissions;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.UnreadSources;
import io.eksid.model.WorkloadInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live, keyed, concurrent store of one cluster. Informer threads (Kubernetes side) and poller threads (AWS
 * side) write trimmed records into it; {@link #snapshot()} derives an immutable {@link ClusterSnapshot}.
 * Listeners are told that *something* changed, never what: a coalescer turns bursts into few recomputations.
 */
public final class ClusterStore {

    private final String contextName;
    private final Clock clock;
    private final AtomicReference<ClusterInfo> cluster = new AtomicReference<>();
    private final Map<String, NamespaceInfo> namespaces = new ConcurrentHashMap<>();
    private final Map<String, ServiceAccountInfo> serviceAccounts = new ConcurrentHashMap<>();
    /** Keyed by a pair of the pod's own strings, not a concatenated copy: tens of bytes less per pod. */
    private final Map<PodKey, PodInfo> pods = new ConcurrentHashMap<>();
    private final Map<String, WorkloadInfo> workloads = new ConcurrentHashMap<>();
    private final AtomicReference<List<PodIdentityAssociation>> associations = new AtomicReference<>(List.of());
    private final AtomicReference<List<Addon>> addons = new AtomicReference<>(List.of());
    private final Map<String, IamRole> roles = new ConcurrentHashMap<>();
    private final Map<String, String> unreadableRoles = new ConcurrentHashMap<>();
    private final Map<String, RolePermissions> rolePermissions = new ConcurrentHashMap<>();
    private final Map<String, String> unreadablePermissions = new ConcurrentHashMap<>();
    private final AtomicReference<List<OidcProvider>> oidcProviders = new AtomicReference<>(List.of());
    private volatile int trustPolicyQuota = ClusterSnapshot.DEFAULT_TRUST_POLICY_QUOTA;
    private volatile Boolean agentDaemonSetReady;
    private final Map<String, SourceStatus> sources = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ClusterStore(String contextName, Clock clock) {
        this.contextName = Objects.requireNonNull(contextName, "contextName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String contextName() {
        return contextName;
    }

    /** Monotonic change counter; a snapshot taken at version v reflects every change up to v. */
    public long version() {
        return version.get();
    }

    /** Registers a cheap callback run on the writer's thread after every change. */
    public void addChangeListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeChangeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        version.incrementAndGet();
        for (Runnable l : listeners) {
            l.run();
        }
    }

    private record PodKey(String namespace, String name) {
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    // ---- Kubernetes side -------------------------------------------------------------------------------

    public void putNamespace(NamespaceInfo ns) {
        if (!ns.equals(namespaces.put(ns.name(), ns))) {
            changed();
        }
    }

    public void removeNamespace(String name) {
        if (namespaces.remove(name) != null) {
            changed();
        }
    }

    public void putServiceAccount(ServiceAccountInfo sa) {
        if (!sa.equals(serviceAccounts.put(key(sa.namespace(), sa.name()), sa))) {
            changed();
        }
    }

    public void removeServiceAccount(String namespace, String name) {
        if (serviceAccounts.remove(key(namespace, name)) != null) {
            changed();
        }
    }

    public void putPod(PodInfo pod) {
        if (!pod.equals(pods.put(new PodKey(pod.namespace(), pod.name()), pod))) {
            changed();
        }
    }

    public void removePod(String namespace, String name) {
        if (pods.remove(new PodKey(namespace, name)) != null) {
            changed();
        }
    }

    public void putWorkload(WorkloadInfo w) {
        String k = w.namespace() + "/" + w.ref().kind() + "/" + w.ref().name();
        if (!w.equals(workloads.put(k, w))) {
            changed();
        }
    }

    public void removeWorkload(String namespace, String kind, String name) {
        if (workloads.remove(namespace + "/" + kind + "/" + name) != null) {
            changed();
        }
    }

    public void setAgentDaemonSetReady(Boolean ready) {
        if (!Objects.equals(agentDaemonSetReady, ready)) {
            agentDaemonSetReady = ready;
            changed();
        }
    }

    public int podCount() {
        return pods.size();
    }

    // ---- AWS side --------------------------------------------------------------------------------------

    public void setCluster(ClusterInfo info) {
        if (!Objects.equals(cluster.getAndSet(info), info)) {
            changed();
        }
    }

    public java.util.Optional<ClusterInfo> cluster() {
        return java.util.Optional.ofNullable(cluster.get());
    }

    public void replaceAssociations(Collection<PodIdentityAssociation> all) {
        List<PodIdentityAssociation> next = List.copyOf(all);
        if (!next.equals(associations.getAndSet(next))) {
            changed();
        }
    }

    public void replaceAddons(Collection<Addon> all) {
        List<Addon> next = List.copyOf(all);
        if (!next.equals(addons.getAndSet(next))) {
            changed();
        }
    }

    public void putRole(IamRole role) {
        String arn = role.arn().toString();
        boolean wasUnreadable = unreadableRoles.remove(arn) != null;
        if (!role.equals(roles.put(arn, role)) || wasUnreadable) {
            changed();
        }
    }

    public void markRoleUnreadable(String arn, String reason) {
        boolean hadRole = roles.remove(arn) != null;
        if (!Objects.equals(unreadableRoles.put(arn, reason), reason) || hadRole) {
            changed();
        }
    }

    public void removeRole(String arn) {
        if (roles.remove(arn) != null | unreadableRoles.remove(arn) != null) {
            changed();
        }
    }

    /** What sessions of one role may do, as IAM says now. */
    public void putRolePermissions(RolePermissions permissions) {
        String arn = permissions.roleArn();
        boolean wasUnreadable = unreadablePermissions.remove(arn) != null;
        if (!permissions.equals(rolePermissions.put(arn, permissions)) || wasUnreadable) {
            changed();
        }
    }

    public void markRolePermissionsUnreadable(String arn, String reason) {
        boolean had = rolePermissions.remove(arn) != null;
        if (!Objects.equals(unreadablePermissions.put(arn, reason), reason) || had) {
            changed();
        }
    }

    public void removeRolePermissions(String arn) {
        if (rolePermissions.remove(arn) != null | unreadablePermissions.remove(arn) != null) {
            changed();
        }
    }

    public void replaceOidcProviders(Collection<OidcProvider> all) {
        List<OidcProvider> next = List.copyOf(all);
        if (!next.equals(oidcProviders.getAndSet(next))) {
            changed();
        }
    }

    public void setTrustPolicyQuota(int quota) {
        if (quota != trustPolicyQuota) {
            trustPolicyQuota = quota;
            changed();
        }
    }

    // ---- Sources ---------------------------------------------------------------------------------------

    /** Records a source's state; the {@code since} time only moves when the state or reason changes. */
    public void reportSource(String source, SourceState state, String reason) {
        SourceStatus previous = sources.get(source);
        String r = reason == null ? "" : reason;
        if (previous != null && previous.state() == state && previous.reason().equals(r)) {
            return;
        }
        sources.put(source, new SourceStatus(source, state, r, clock.instant()));
        changed();
    }

    public List<SourceStatus> sources() {
        List<SourceStatus> list = new ArrayList<>(sources.values());
        list.sort(java.util.Comparator.comparing(SourceStatus::source));
        return list;
    }

    // ---- Derivation ------------------------------------------------------------------------------------

    /**
     * An immutable snapshot of everything known now. Without a matched EKS cluster, {@code fallback} names the
     * cluster (the Kubernetes view still works; AWS-derived parts stay empty).
     */
    public ClusterSnapshot snapshot(ClusterInfo fallback) {
        ClusterInfo info = cluster.get();
        if (info == null) {
            info = Objects.requireNonNull(fallback, "fallback");
        }
        Instant now = clock.instant();
        return new ClusterSnapshot(info, List.copyOf(namespaces.values()), List.copyOf(serviceAccounts.values()),
                List.copyOf(pods.values()), List.copyOf(workloads.values()), associations.get(), addons.get(),
                Map.copyOf(roles), Map.copyOf(unreadableRoles), oidcProviders.get(), trustPolicyQuota,
                agentDaemonSetReady, now, unread(), Map.copyOf(rolePermissions), Map.copyOf(unreadablePermissions));
    }

    /** Sources failed, forbidden or still connecting: what they feed is unknown in the snapshot. */
    private UnreadSources unread() {
        Map<String, String> reasons = new java.util.TreeMap<>();
        for (SourceStatus s : sources.values()) {
            if (s.state() == SourceState.ERROR || s.state() == SourceState.FORBIDDEN
                    || s.state() == SourceState.CONNECTING) {
                reasons.put(s.source(), s.state() == SourceState.CONNECTING && s.reason().isEmpty()
                        ? "not read yet" : s.reason());
            }
        }
        return UnreadSources.of(reasons);
    }
}
