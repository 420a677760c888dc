package io.eksid.engine.live;

import io.eksid.aws.AccountProfiles;
import io.eksid.aws.AwsClients;
import io.eksid.aws.AwsConnections;
import io.eksid.aws.AwsEnvironment;
import io.eksid.aws.AwsFailures;
import io.eksid.aws.AwsPoller;
import io.eksid.aws.AwsProfiles;
import io.eksid.model.time.Backoff;
import io.eksid.aws.ClusterMatch;
import io.eksid.aws.ClusterMatcher;
import io.eksid.aws.ClusterAwsSync;
import io.eksid.aws.ReferencedRoles;
import io.eksid.aws.SsoSessions;
import io.eksid.aws.SsoTokenCache;
import io.eksid.kube.ClusterWatcher;
import io.eksid.kube.KubeConnectOptions;
import io.eksid.kube.KubeConnection;
import io.eksid.kube.KubeConnector;
import io.eksid.kube.KubeContext;
import io.eksid.kube.Kubeconfig;
import io.eksid.kube.ReflectorSettings;
import io.eksid.kube.RbacPreflight;
import io.eksid.kube.RbacReport;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.Partition;
import io.eksid.model.findings.Finding;
import io.eksid.model.findings.FindingsAnalyzer;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SnapshotCoalescer;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import io.eksid.aws.RoleSource;
import io.eksid.aws.RolePermissionsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected context: Kubernetes informers and AWS pollers write into one {@link ClusterStore}; a coalescer
 * derives the identity graph and findings off the writers' threads, latest wins, and hands each new
 * {@link IdentityState} to the listener. A failing side degrades the session, never stops the other.
 */
public final class LiveSession implements SessionHandle {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);

    /** How the session reaches its API server: a kubeconfig context, or the pod's in-cluster configuration. */
    interface KubeTarget {
        KubeConnection connect(KubeConnector connector);
    }

    private final KubeTarget kubeTarget;
    private final KubeContext context;
    private final AwsEnvironment awsEnvironment;
    private final String profile;
    private final String region;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Consumer<IdentityState> listener;
    private final java.time.Duration refreshInterval;
    private final ClusterStore store;
    private final SnapshotCoalescer coalescer;
    private final TrustEvaluator evaluator = new TrustEvaluator();
    private final FindingsAnalyzer analyzer = new FindingsAnalyzer(new TrustEvaluator(), new TrustInspector());
    private final AtomicReference<IdentityState> current = new AtomicReference<>();
    private final ClusterInfo fallback;
    private volatile KubeConnection kube;
    private volatile ClusterWatcher watcher;
    private volatile AwsConnections aws;
    private volatile ClusterAwsSync sync;
    private volatile boolean closed;
    private volatile String rememberedCluster;
    private volatile List<String> clusterCandidates = List.of();
    private CachedStart cachedStart;
    private volatile java.util.concurrent.ScheduledFuture<?> releaseCheck;
    /** Completes with {@link System#nanoTime()} when every kind listed once, or when the connection failed. */
    private final CompletableFuture<Long> kubeSettled = new CompletableFuture<>();
    /** Completes when the AWS pollers started, or when matching the context to a cluster failed. */
    private final CompletableFuture<Void> awsSettled = new CompletableFuture<>();
    private final SessionReadiness readiness;

    LiveSession(Kubeconfig kubeconfig, KubeContext context, AwsEnvironment awsEnvironment, String profile,
                String region, ScheduledExecutorService executor, Clock clock, java.time.Duration refreshInterval,
                Consumer<IdentityState> listener) {
        this(c -> c.connect(kubeconfig, context), context, awsEnvironment, profile, region, executor, clock,
                refreshInterval, listener);
    }

    LiveSession(KubeTarget kubeTarget, KubeContext context, AwsEnvironment awsEnvironment, String profile,
                String region, ScheduledExecutorService executor, Clock clock, java.time.Duration refreshInterval,
                Consumer<IdentityState> listener) {
        this.refreshInterval = refreshInterval;
        this.kubeTarget = kubeTarget;
        this.context = context;
        this.awsEnvironment = awsEnvironment;
        this.profile = profile;
        this.region = region;
        this.executor = executor;
        this.clock = clock;
        this.listener = Objects.requireNonNull(listener);
        this.store = new ClusterStore(context.name(), clock);
        this.coalescer = new SnapshotCoalescer(store, executor, v -> derive());
        this.readiness = new SessionReadiness(store, kubeSettled, awsSettled, () -> sync, current::get);
        this.fallback = new ClusterInfo(context.clusterName() == null ? context.name() : context.clusterName(),
                "", "", Partition.AWS, "", null, null, null, false);
    }

    /** The cluster the user chose for this context earlier; must be set before the session starts. */
    void rememberCluster(String clusterName) {
        this.rememberedCluster = clusterName;
    }

    /**
     * Paint the last complete snapshot of this context at once and keep it up to date; must be set before the
     * session starts.
     */
    void useSnapshotCache(SnapshotCache cache) {
        this.cachedStart = cache == null ? null
                : new CachedStart(cache, context.name() + " @ " + context.server(), clock, executor);
    }

    /** Why a cached snapshot of this context was ignored (corrupt, foreign), for the activity log. */
    public List<String> snapshotCacheProblems() {
        CachedStart c = cachedStart;
        return c == null ? List.of() : c.problems();
    }

    /**
     * The EKS clusters this context could be, when neither its exec plugin nor its API server URL decides: the
     * user picks one, and it is remembered for the context. Empty otherwise.
     */
    public List<String> clusterCandidates() {
        return clusterCandidates;
    }

    public String contextName() {
        return context.name();
    }

    public ClusterStore store() {
        return store;
    }

    /** The latest derived state, or null before the first derivation. */
    public IdentityState current() {
        return current.get();
    }

    public long recomputations() {
        return coalescer.recomputations();
    }

    void start() {
        start(CompletableFuture.completedFuture(null));
    }

    /**
     * Shows the last session's snapshot, if there is one, and connects once {@code goLive} completes. A window
     * still being built passes a stage that completes when it is: the snapshot is then presented meanwhile, and the
     * connection's start (the clients' class loading and set-up) does not compete with it for the CPU. Without a
     * snapshot there is nothing to show first, so it connects at once.
     */
    void start(CompletionStage<?> goLive) {
        CachedStart c = cachedStart;
        boolean shown = false;
        if (c != null) {
            Optional<SnapshotCache.Cached> cached = c.load();
            cached.ifPresent(k -> listener.accept(stateOf(k.snapshot(), c.markedSources(k, store.sources()), -1,
                    k.savedAt())));
            shown = cached.isPresent();
            // Nothing may change in the store once everything has listed, so check for it rather than wait for
            // another change: then the live picture is released (and saved).
            releaseCheck = executor.scheduleWithFixedDelay(this::deriveOnceSettled, 100, 100, TimeUnit.MILLISECONDS);
        }
        coalescer.start();
        (shown ? goLive : CompletableFuture.completedFuture(null)).thenRun(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            executor.execute(this::startKube);
            executor.execute(this::startAws);
        } catch (RejectedExecutionException e) {
            LOG.debug("session on {} closed before it connected", context.name());
        }
    }

    private void startKube() {
        store.reportSource("kube/connection", SourceState.CONNECTING, "connecting to " + context.server());
        try {
            kube = kubeTarget.connect(new KubeConnector(clock, KubeConnectOptions.DEFAULTS));
            if (closed) {
                kube.close();
                return;
            }
            store.reportSource("kube/connection", SourceState.LIVE, kube.describe());
            // Ask the API server what these credentials may do before watching: a forbidden kind is then watched
            // in the namespaces that can be read, and the status bar names what is missing.
            RbacPreflight preflight = new RbacPreflight(kube.client(), executor);
            RbacReport rbac = preflight.check();
            store.reportSource("kube/permissions", rbac.missing().isEmpty() ? SourceState.LIVE : SourceState.DEGRADED,
                    rbac.missing().isEmpty() ? "read and conversion permissions present"
                            : "missing: " + rbac.missingSummary());
            watcher = new ClusterWatcher(kube.client(), store, ReflectorSettings.DEFAULTS, executor);
            watcher.start(rbac, preflight.fallbackFor(rbac, context.defaultNamespace(), 50), preflight);
            watcher.synced().whenComplete((v, t) -> {
                kubeSettled.complete(System.nanoTime());
                refreshRolesOnceKubeSynced();
            });
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
            LOG.warn("cannot connect to context {}", context.name(), e);
            store.reportSource("kube/connection", SourceState.ERROR, e.getMessage());
            kubeSettled.complete(System.nanoTime());
        }
    }

    private void startAws() {
        store.reportSource("aws/cluster", SourceState.CONNECTING, "matching the context to an EKS cluster");
        try {
            AwsProfiles profiles = new AwsProfiles(awsEnvironment);
            aws = new AwsConnections(profiles);
            SsoSessions sso = new SsoSessions(new SsoTokenCache(awsEnvironment.ssoCacheDirectory()), clock);
            AwsFailures failures = new AwsFailures(sso, awsEnvironment);
            ClusterMatch match = new ClusterMatcher(aws, failures)
                    .match(context.execHints().withOverrides(region, profile), rememberedCluster);
            if (match instanceof ClusterMatch.NeedsChoice choice) {
                clusterCandidates = choice.candidates().stream().map(io.eksid.model.ClusterInfo::name).toList();
            }
            if (!(match instanceof ClusterMatch.Matched m)) {
                String why = match instanceof ClusterMatch.NeedsChoice n ? n.reason()
                        : ((ClusterMatch.Unavailable) match).reason();
                store.reportSource("aws/cluster", SourceState.ERROR, why);
                awsSettled.complete(null);
                return;
            }
            store.setCluster(m.cluster());
            AwsClients clients = aws.clients(m.profile(), m.region());
            if (closed) {
                return;
            }
            sync = new ClusterAwsSync(store, clients, m.cluster().name(), new AccountProfiles(aws, sso, m.region()),
                    ReferencedRoles.from(store, fallback), executor, clock, Backoff.standard(), failures,
                    refreshInterval);
            sync.start();
            awsSettled.complete(null);
            refreshRolesOnceKubeSynced();
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
            // A broken installation (a missing class or service) must show as an error, not a silent hang.
            LOG.warn("AWS side of context {} failed", context.name(), e);
            store.reportSource("aws/cluster", SourceState.ERROR, e.getMessage());
            awsSettled.complete(null);
        }
    }

    /**
     * The roles poll reads the role ARNs the service accounts name, so the first poll that counts is one that
     * starts after every Kubernetes kind listed: asked for here the moment both sides are up, whichever is last.
     */
    private void refreshRolesOnceKubeSynced() {
        ClusterAwsSync s = sync;
        if (s != null && kubeSettled.isDone() && rolesRefreshAsked.compareAndSet(false, true)) {
            s.poller().refreshNow(RoleSource.NAME);
            s.poller().refreshNow(RolePermissionsSource.NAME);
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean rolesRefreshAsked =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Serialised: the coalescer may start a run on another pool thread while one is still deriving; the later
     * run reads the store after the earlier one, so states are published in store order and the newest wins.
     */
    private synchronized void derive() {
        if (closed) {
            return;
        }
        // Decided before the store is read: a poll that completes in between is then in the sources shown, so a
        // state released as settled never still says CONNECTING.
        boolean settled = cachedStart != null && readiness.settled();
        long version = store.version();
        ClusterSnapshot snapshot = store.snapshot(fallback);
        List<SourceStatus> sources = store.sources();
        Instant lastAws = null;
        for (SourceStatus s : sources) {
            if (s.source().startsWith("aws/") && s.state() == SourceState.LIVE
                    && (lastAws == null || s.since().isAfter(lastAws))) {
                lastAws = s.since();
            }
        }
        IdentityState state = stateOf(snapshot, sources, version, lastAws);
        current.set(state);
        CachedStart c = cachedStart;
        if (c == null) {
            listener.accept(state);
            return;
        }
        // Settled: everything listed or polled once (a failed source counts, it says why). Only a picture with
        // every source working is worth keeping for the next start.
        if (!c.holding(settled)) {
            listener.accept(state);
            c.offer(snapshot, settled && sources.stream()
                    .noneMatch(st -> st.state() == SourceState.CONNECTING || st.state() == SourceState.ERROR));
        }
    }

    private IdentityState stateOf(ClusterSnapshot snapshot, List<SourceStatus> sources, long version,
                                  Instant lastAws) {
        IdentityGraph graph = IdentityGraph.build(snapshot, evaluator);
        List<Finding> findings = new ArrayList<>(analyzer.analyze(snapshot, graph));
        findings.sort(Finding.ORDER);
        return new IdentityState(context.name(), snapshot, graph, findings, sources, version, clock.instant(),
                lastAws);
    }

    /** With the cache: derive once more the moment the live picture is settled, to show and save it. */
    private void deriveOnceSettled() {
        if (closed) {
            return;
        }
        if (readiness.settled()) {
            java.util.concurrent.ScheduledFuture<?> f = releaseCheck;
            if (f != null) {
                f.cancel(false);
            }
            derive();
        }
    }

    /**
     * Waits until the session shows the whole cluster (see {@link SessionReadiness}).
     *
     * @return ready, or what is still missing when {@code timeout} ran out
     */
    public Readiness awaitReady(Duration timeout) throws InterruptedException {
        return readiness.await(timeout);
    }

    /**
     * How fresh the AWS side is: when the oldest of the sources' latest completed polls started (every AWS fact
     * shown is at least that recent), or empty until each source has been polled once. Unlike the state's
     * {@code lastAwsRefresh}, this moves with every poll, also when nothing changed.
     */
    public Optional<Instant> awsReadAt() {
        ClusterAwsSync s = sync;
        if (s == null) {
            return Optional.empty();
        }
        long oldest = Long.MAX_VALUE;
        boolean any = false;
        for (String name : s.poller().sourceNames()) {
            OptionalLong started = s.poller().lastCompletedPollStart(name);
            if (started.isEmpty()) {
                return Optional.empty();
            }
            any = true;
            oldest = Math.min(oldest, started.getAsLong());
        }
        if (!any) {
            return Optional.empty();
        }
        return Optional.of(clock.instant().minusNanos(System.nanoTime() - oldest));
    }

    /** Polls AWS now instead of at the next interval. */
    public void refreshNow() {
        ClusterAwsSync p = sync;
        if (p != null) {
            p.refreshNow();
        }
    }

    @Override
    public void close() {
        closed = true;
        java.util.concurrent.ScheduledFuture<?> f = releaseCheck;
        if (f != null) {
            f.cancel(false);
        }
        coalescer.stop();
        if (sync != null) {
            sync.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (kube != null) {
            kube.close();
        }
        if (aws != null) {
            aws.close();
        }
    }
}
