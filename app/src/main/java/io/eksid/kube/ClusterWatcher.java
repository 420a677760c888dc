package io.eksid.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.kube.lean.LeanJob;
import io.eksid.kube.lean.LeanJobList;
import io.eksid.kube.lean.LeanPod;
import io.eksid.kube.lean.LeanPodList;
import io.eksid.kube.lean.LeanReplicaSet;
import io.eksid.kube.lean.LeanReplicaSetList;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps one cluster's {@link ClusterStore} in step with its API server: namespaces, service accounts, pods and
 * the workload kinds that name a pod's top-level owner, all written as trimmed records. Owner kinds (ReplicaSets,
 * Jobs) sync before pods start, so pods arrive already resolved to their Deployment or CronJob. Where RBAC
 * forbids a kind cluster-wide, that kind is watched in the fallback namespaces only and its source reports
 * DEGRADED with what is missing; the rest of the cluster is unaffected. The {@code eks-pod-identity-agent}
 * DaemonSet in kube-system drives {@link ClusterStore#setAgentDaemonSetReady}.
 */
public final class ClusterWatcher implements AutoCloseable {

    static final String AGENT_NAMESPACE = "kube-system";
    static final String AGENT_DAEMONSET = "eks-pod-identity-agent";

    private final KubernetesClient client;
    private final ClusterStore store;
    private final ReflectorSettings settings;
    private final ScheduledExecutorService executor;
    private final OwnerIndex owners = new OwnerIndex();
    private final PodTrimmer podTrimmer = new PodTrimmer(owners);
    private final ObjectMapper pageMapper = StreamedListPages.pageMapper();
    private final List<Reflector<?>> reflectors = new ArrayList<>();
    private final List<CompletableFuture<Void>> syncs = new ArrayList<>();
    private final AtomicBoolean agentSeen = new AtomicBoolean();
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    /** The two launches {@link #synced} waits for: the kinds before the pods, and the pods. */
    private final AtomicInteger launchesLeft = new AtomicInteger(2);
    private boolean started;
    private volatile boolean closed;

    /**
     * @param executor the owner's executor, on which the reflectors list, re-open watches and wait between
     *                 attempts; the watcher starts no thread of its own, and {@link #close()} leaves nothing of it
     *                 running there
     */
    public ClusterWatcher(KubernetesClient client, ClusterStore store, ReflectorSettings settings,
                          ScheduledExecutorService executor) {
        this.client = Objects.requireNonNull(client, "client");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Watches everything cluster-wide (permissions are discovered by the watches themselves). */
    public void start() {
        start(RbacReport.allAllowed(), List.of(), null);
    }

    /**
     * @param rbac                the preflight answer
     * @param fallbackNamespaces  namespaces to watch where a kind is forbidden cluster-wide (the user's choice, or
     *                            the context's default namespace)
     * @param preflight           filters the fallback namespaces to the readable ones; null to try them all
     */
    public void start(RbacReport rbac, List<String> fallbackNamespaces, RbacPreflight preflight) {
        // Not holding the monitor while launching: building a kind's first reflector loads its model's classes
        // (a third of a second for Deployments on a cold JVM), and the pods' launch, which waits only for their
        // owners' first lists, must not wait for that as well.
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
        }
        Scopes scopes = new Scopes(rbac, List.copyOf(fallbackNamespaces), preflight);
        startNamespaces(scopes);
        start(WatchedKind.REPLICA_SETS, LeanReplicaSet.class, scopes,
                ns -> scoped(client.resources(LeanReplicaSet.class, LeanReplicaSetList.class), ns),
                new Reflector.Sink<LeanReplicaSet>() {
                    public void upsert(LeanReplicaSet rs) {
                        owners.replicaSet(rs.getMetadata().getNamespace(), rs.getMetadata().getName(),
                                OwnerIndex.ownerOf(rs.getMetadata(), "Deployment"));
                    }

                    public void delete(String namespace, String name) {
                        owners.replicaSet(namespace, name, null);
                    }
                });
        start(WatchedKind.JOBS, LeanJob.class, scopes, ns -> scoped(client.resources(LeanJob.class, LeanJobList.class), ns),
                new Reflector.Sink<LeanJob>() {
                    public void upsert(LeanJob job) {
                        WorkloadRef cron = OwnerIndex.ownerOf(job.getMetadata(), "CronJob");
                        owners.job(job.getMetadata().getNamespace(), job.getMetadata().getName(), cron);
                        if (cron == null) {
                            store.putWorkload(WorkloadTrimmer.job(job));
                        }
                    }

                    public void delete(String namespace, String name) {
                        owners.job(namespace, name, null);
                        store.removeWorkload(namespace, "Job", name);
                    }
                });
        List<CompletableFuture<Void>> ownerSyncs;
        synchronized (this) {
            ownerSyncs = List.copyOf(syncs);
        }
        // Pods after their owners, whose ReplicaSets and Jobs should be known when they arrive, but not after the
        // other kinds: the pods' list, the longest, starts as soon as the owners have listed.
        CompletableFuture.allOf(ownerSyncs.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, settings.syncTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, t) -> startPods(scopes));
        start(WatchedKind.SERVICE_ACCOUNTS, ServiceAccount.class, scopes, ns -> scoped(client.serviceAccounts(), ns),
                new Reflector.Sink<ServiceAccount>() {
                    public void upsert(ServiceAccount sa) {
                        store.putServiceAccount(new ServiceAccountInfo(sa.getMetadata().getNamespace(),
                                sa.getMetadata().getName(), sa.getMetadata().getUid(),
                                sa.getMetadata().getAnnotations()));
                    }

                    public void delete(String namespace, String name) {
                        store.removeServiceAccount(namespace, name);
                    }
                });
        start(WatchedKind.DEPLOYMENTS, Deployment.class, scopes, ns -> scoped(client.apps().deployments(), ns),
                workloadSink("Deployment", WorkloadTrimmer::deployment));
        start(WatchedKind.STATEFUL_SETS, StatefulSet.class, scopes, ns -> scoped(client.apps().statefulSets(), ns),
                workloadSink("StatefulSet", WorkloadTrimmer::statefulSet));
        startDaemonSets(scopes);
        start(WatchedKind.CRON_JOBS, CronJob.class, scopes, ns -> scoped(client.batch().v1().cronjobs(), ns),
                workloadSink("CronJob", WorkloadTrimmer::cronJob));
        launched();
    }

    /** Once both launches are done, {@link #synced} completes with every kind's first list. */
    private void launched() {
        if (launchesLeft.decrementAndGet() > 0) {
            return;
        }
        CompletableFuture<?>[] all;
        synchronized (this) {
            all = syncs.toArray(CompletableFuture[]::new);
        }
        CompletableFuture.allOf(all).whenComplete((v, t) -> {
            if (!agentSeen.get()) {
                store.setAgentDaemonSetReady(false);
            }
            synced.complete(null);
        });
    }

    private void startPods(Scopes scopes) {
        if (!closed) {
            start(WatchedKind.PODS, LeanPod.class, scopes, ns -> scoped(client.resources(LeanPod.class, LeanPodList.class), ns),
                    new Reflector.Sink<LeanPod>() {
                        public void upsert(LeanPod pod) {
                            store.putPod(podTrimmer.trim(pod));
                        }

                        public void delete(String namespace, String name) {
                            store.removePod(namespace, name);
                        }
                    });
        }
        launched();
    }

    /** Completes once every kind has listed once (or was found forbidden). */
    public CompletableFuture<Void> synced() {
        return synced;
    }

    /** Total full lists run so far across kinds; grows after 410 Gone. */
    public int relists() {
        synchronized (this) {
            return reflectors.stream().mapToInt(Reflector::relists).sum();
        }
    }

    /** Stops every reflector: their scheduled work is cancelled and their watches closed. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            reflectors.forEach(Reflector::stop);
        }
    }

    private void startNamespaces(Scopes scopes) {
        if (scopes.rbac.canReadClusterWide(WatchedKind.NAMESPACES) || scopes.fallback.isEmpty()) {
            SourceAggregator agg = new SourceAggregator(store, WatchedKind.NAMESPACES.source(), 1, null);
            launch("namespaces", Namespace.class, () -> client.namespaces(), new Reflector.Sink<Namespace>() {
                public void upsert(Namespace ns) {
                    store.putNamespace(new NamespaceInfo(ns.getMetadata().getName(), ns.getMetadata().getLabels()));
                }

                public void delete(String namespace, String name) {
                    store.removeNamespace(name);
                }
            }, agg.part(0));
            return;
        }
        // Cannot list namespaces: show the ones we were told about, so their contents have a home.
        for (String ns : scopes.fallback) {
            store.putNamespace(NamespaceInfo.of(ns));
        }
        store.reportSource(WatchedKind.NAMESPACES.source(), SourceState.DEGRADED,
                "listing namespaces cluster-wide is forbidden; showing " + String.join(", ", scopes.fallback));
    }

    private void startDaemonSets(Scopes scopes) {
        Reflector.Sink<DaemonSet> workloads = workloadSink("DaemonSet", WorkloadTrimmer::daemonSet);
        Reflector.Sink<DaemonSet> sink = new Reflector.Sink<>() {
            public void upsert(DaemonSet ds) {
                workloads.upsert(ds);
                if (isAgent(ds.getMetadata().getNamespace(), ds.getMetadata().getName())) {
                    agentSeen.set(true);
                    store.setAgentDaemonSetReady(agentReady(ds));
                }
            }

            public void delete(String namespace, String name) {
                workloads.delete(namespace, name);
                if (isAgent(namespace, name)) {
                    store.setAgentDaemonSetReady(false);
                }
            }
        };
        start(WatchedKind.DAEMON_SETS, DaemonSet.class, scopes.withExtraNamespace(AGENT_NAMESPACE),
                ns -> scoped(client.apps().daemonSets(), ns), sink);
    }

    private static boolean isAgent(String namespace, String name) {
        return AGENT_NAMESPACE.equals(namespace) && AGENT_DAEMONSET.equals(name);
    }

    /** Ready when at least one agent pod is ready and every scheduled one is (FACTS.md: the agent runs per node). */
    static boolean agentReady(DaemonSet ds) {
        if (ds.getStatus() == null) {
            return false;
        }
        int desired = ds.getStatus().getDesiredNumberScheduled() == null ? 0 : ds.getStatus().getDesiredNumberScheduled();
        int ready = ds.getStatus().getNumberReady() == null ? 0 : ds.getStatus().getNumberReady();
        return ready > 0 && ready >= desired;
    }

    private <T extends HasMetadata> Reflector.Sink<T> workloadSink(String kind,
                                                                   Function<T, WorkloadInfo> trim) {
        return new Reflector.Sink<>() {
            public void upsert(T object) {
                store.putWorkload(trim.apply(object));
            }

            public void delete(String namespace, String name) {
                store.removeWorkload(namespace, kind, name);
            }
        };
    }

    private static <T extends HasMetadata, L extends KubernetesResourceList<T>>
            FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?> scoped(
            MixedOperation<T, L, ?> op, String namespace) {
        return namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace);
    }

    private <T extends HasMetadata> void start(WatchedKind kind, Class<T> type, Scopes scopes,
            Function<String, FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation,
            Reflector.Sink<T> sink) {
        if (scopes.rbac.canReadClusterWide(kind) || scopes.fallback.isEmpty()) {
            SourceAggregator agg = new SourceAggregator(store, kind.source(), 1, null);
            launch(kind.resource(), type, () -> operation.apply(null), sink, agg.part(0));
            return;
        }
        List<String> namespaces = scopes.readable(kind);
        String missing = "list/watch " + kind.resource() + " cluster-wide is forbidden";
        if (namespaces.isEmpty()) {
            store.reportSource(kind.source(), SourceState.FORBIDDEN, missing + " and no fallback namespace ("
                    + String.join(", ", scopes.fallback) + ") is readable");
            return;
        }
        SourceAggregator agg = new SourceAggregator(store, kind.source(), namespaces.size(),
                missing + "; watching only " + String.join(", ", namespaces));
        for (int i = 0; i < namespaces.size(); i++) {
            String ns = namespaces.get(i);
            launch(kind.resource() + " in namespace " + ns, type, () -> operation.apply(ns), sink, agg.part(i));
        }
    }

    private <T extends HasMetadata> void launch(String description, Class<T> type,
            Supplier<FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> op,
            Reflector.Sink<T> sink, Reflector.StateListener listener) {
        Function<Object, T> convert = o -> type.isInstance(o) ? type.cast(o)
                : client.getKubernetesSerialization().convertValue(o, type);
        ListPage.Source<T> pages = new StreamedListPages<>(client, type, op, settings.pageSize(), pageMapper);
        Reflector<T> r = new Reflector<>(description, convert, op, pages, sink, listener, settings, executor);
        synchronized (this) {
            if (closed) {
                return; // closed while launching: nothing starts after close()
            }
            reflectors.add(r);
            syncs.add(r.firstSync());
            r.start();
        }
    }

    private record Scopes(RbacReport rbac, List<String> fallback, RbacPreflight preflight) {
        List<String> readable(WatchedKind kind) {
            return preflight == null ? fallback : preflight.readableNamespaces(kind, fallback);
        }

        Scopes withExtraNamespace(String ns) {
            if (fallback.isEmpty()) {
                return this;
            }
            Set<String> all = new LinkedHashSet<>(fallback);
            all.add(ns);
            return new Scopes(rbac, List.copyOf(all), preflight);
        }
    }
}
