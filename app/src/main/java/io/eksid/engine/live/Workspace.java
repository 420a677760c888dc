package io.eksid.engine.live;

import io.eksid.aws.AwsEnvironment;
import io.eksid.model.ExecHints;
import io.eksid.kube.KubeContext;
import io.eksid.kube.Kubeconfig;
import io.eksid.kube.KubeconfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The contexts and profiles the console can connect to, gathered from one or more sources, and the factory of
 * live sessions. Thread-safe.
 */
public final class Workspace implements ConsoleBackend, AutoCloseable {

    private volatile SnapshotCache snapshotCache;
    private final Map<String, String> environment;
    private final Path home;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final List<WorkspaceSource> sources = new CopyOnWriteArrayList<>();
    private final List<LiveSession> open = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> rememberedClusters = Map.of();
    private volatile java.time.Duration refreshInterval = io.eksid.aws.AwsPoller.DEFAULT_INTERVAL;

    public Workspace(Map<String, String> environment, Path home, ScheduledExecutorService executor, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.home = Objects.requireNonNull(home);
        this.executor = Objects.requireNonNull(executor);
        this.clock = Objects.requireNonNull(clock);
    }

    /** How often sessions opened from now on poll AWS (the preferences' refresh interval). */
    public void setRefreshInterval(java.time.Duration interval) {
        this.refreshInterval = Objects.requireNonNull(interval);
    }

    /**
     * The EKS clusters the user matched contexts to (preferences), used when a context's exec plugin and API
     * server URL do not name one.
     */
    /**
     * Sessions opened from now on paint the last complete snapshot of their context at once (marked with its age)
     * and keep it up to date in {@code cache}; null (the default, as for {@code eksid scan}) shows live data only.
     */
    public void setSnapshotCache(SnapshotCache cache) {
        this.snapshotCache = cache;
    }

    public void setRememberedClusters(Map<String, String> clusterByContext) {
        this.rememberedClusters = Map.copyOf(clusterByContext);
    }

    /** Preferences may hold a cluster's name or its ARN ({@code …:cluster/NAME}). */
    static String clusterName(String nameOrArn) {
        if (nameOrArn == null) {
            return null;
        }
        int i = nameOrArn.indexOf(":cluster/");
        return i >= 0 ? nameOrArn.substring(i + ":cluster/".length()) : nameOrArn;
    }

    public void addSource(WorkspaceSource source) {
        sources.removeIf(s -> s.name().equals(source.name()));
        sources.add(0, source);
    }

    public List<WorkspaceSource> sources() {
        return List.copyOf(sources);
    }

    /** One loaded kubeconfig per source, with the problems found reading it. */
    private Map<WorkspaceSource, Kubeconfig> load() {
        Map<WorkspaceSource, Kubeconfig> loaded = new LinkedHashMap<>();
        for (WorkspaceSource s : sources) {
            KubeconfigLoader loader = new KubeconfigLoader(environment, home);
            loaded.put(s, s.kubeconfigFiles().isEmpty() ? loader.load() : loader.load(s.kubeconfigFiles()));
        }
        return loaded;
    }

    public List<ContextInfo> contexts() {
        List<ContextInfo> list = new ArrayList<>();
        for (Map.Entry<WorkspaceSource, Kubeconfig> e : load().entrySet()) {
            for (KubeContext c : e.getValue().contexts()) {
                ExecHints h = c.execHints();
                StringBuilder hint = new StringBuilder();
                h.clusterNameIfSet().ifPresent(v -> hint.append("EKS cluster ").append(v));
                h.regionIfSet().ifPresent(v -> hint.append(hint.length() > 0 ? " \u00b7 " : "").append(v));
                h.profileIfSet().ifPresent(v -> hint.append(hint.length() > 0 ? " \u00b7 " : "").append("profile ")
                        .append(v));
                list.add(new ContextInfo(c.name(), c.sourceFile(), c.server(), hint.toString(), e.getKey().name()));
            }
        }
        return list;
    }

    public List<String> kubeconfigProblems() {
        List<String> problems = new ArrayList<>();
        for (Kubeconfig k : load().values()) {
            k.problems().forEach(p -> problems.add(p.toString()));
        }
        return problems;
    }

    /** The current-context of the first source that names one. */
    public Optional<String> currentContext() {
        for (Kubeconfig k : load().values()) {
            Optional<String> c = k.currentContext();
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /**
     * Opens a live session on a context: Kubernetes informers and AWS pollers feeding one store, derived states
     * delivered to {@code listener} (coalesced, from a background thread).
     *
     * @param profileOverride the AWS profile to use, or null to follow the context's exec plugin and the defaults
     */
    public LiveSession open(String contextName, String profileOverride, Consumer<IdentityState> listener) {
        return open(contextName, profileOverride, null, listener, CompletableFuture.completedFuture(null));
    }

    @Override
    public LiveSession open(String contextName, String profileOverride, Consumer<IdentityState> listener,
                            CompletionStage<?> goLive) {
        return open(contextName, profileOverride, null, listener, goLive);
    }

    /**
     * As {@link #open(String, String, Consumer)}, looking for the EKS cluster in {@code regionOverride} when it is
     * not null (instead of the region the context's exec plugin or the profile names).
     */
    public LiveSession open(String contextName, String profileOverride, String regionOverride,
                            Consumer<IdentityState> listener) {
        return open(contextName, profileOverride, regionOverride, listener, CompletableFuture.completedFuture(null));
    }

    private LiveSession open(String contextName, String profileOverride, String regionOverride,
                             Consumer<IdentityState> listener, CompletionStage<?> goLive) {
        for (Map.Entry<WorkspaceSource, Kubeconfig> e : load().entrySet()) {
            Optional<KubeContext> ctx = e.getValue().context(contextName);
            if (ctx.isPresent()) {
                WorkspaceSource source = e.getKey();
                String profile = profileOverride != null ? profileOverride : source.defaultProfile();
                LiveSession session = new LiveSession(e.getValue(), ctx.get(), awsEnvironment(source), profile,
                        regionOverride, executor, clock, refreshInterval, listener);
                session.rememberCluster(clusterName(rememberedClusters.get(contextName)));
                session.useSnapshotCache(snapshotCache);
                open.add(session);
                session.start(goLive);
                return session;
            }
        }
        throw new IllegalArgumentException("no kubeconfig context named '" + contextName + "'"
                + (sources.isEmpty() ? " (no kubeconfig source)" : ""));
    }

    /**
     * Opens a live session from inside a pod: Kubernetes through the standard in-cluster configuration, AWS
     * through the standard credential chain (in an EKS pod, Pod Identity or IRSA) with no profile file needed.
     *
     * @param clusterName the EKS cluster the pod runs in; required, since a pod cannot learn it from Kubernetes
     * @param region      the cluster's region, or null for {@code AWS_REGION}
     */
    public LiveSession openInCluster(io.eksid.kube.InClusterConfig inCluster, String clusterName, String region,
                                     Consumer<IdentityState> listener) {
        Objects.requireNonNull(clusterName, "clusterName");
        KubeContext context = inCluster.asContext(clusterName);
        LiveSession session = new LiveSession(c -> c.connectInCluster(inCluster, clusterName), context,
                AwsEnvironment.of(environment, home), null, region, executor, clock, refreshInterval, listener);
        session.rememberCluster(clusterName);
        open.add(session);
        session.start();
        return session;
    }

    /**
     * Closes a session and forgets it, so a workspace that opens many sessions one after the other (a fleet
     * scan) does not keep every closed session's store alive until the workspace closes.
     */
    public void release(LiveSession session) {
        open.remove(session);
        session.close();
    }

    /** The source whose kubeconfig holds {@code contextName}, for one-shot connections such as an apply. */
    public Optional<WorkspaceSource> sourceOf(String contextName) {
        for (Map.Entry<WorkspaceSource, Kubeconfig> e : load().entrySet()) {
            if (e.getValue().context(contextName).isPresent()) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** The home folder the workspace resolves standard files against. */
    public Path home() {
        return home;
    }

    /** The AWS settings of a source: explicit files override the standard ones for its sessions only. */
    AwsEnvironment awsEnvironment(WorkspaceSource source) {
        return AwsEnvironment.of(environmentFor(source), home);
    }

    /** The process environment as a source's sessions see it (its AWS files and default profile). */
    public Map<String, String> environmentFor(WorkspaceSource source) {
        Map<String, String> env = new HashMap<>(environment);
        if (source.awsConfigFile() != null) {
            env.put("AWS_CONFIG_FILE", source.awsConfigFile().toString());
        }
        if (source.awsCredentialsFile() != null) {
            env.put("AWS_SHARED_CREDENTIALS_FILE", source.awsCredentialsFile().toString());
        }
        if (source.defaultProfile() != null) {
            env.put("AWS_PROFILE", source.defaultProfile());
        }
        return env;
    }

    /**
     * Signs the AWS profile a context uses in to IAM Identity Center (device flow), sharing the AWS CLI's token
     * cache. {@code show} receives the sentence to show the user (the URL to open and the code to confirm).
     *
     * @return when the new session expires
     */
    public java.time.Instant signIn(String contextName, String profileOverride, Consumer<String> show,
                                    java.util.function.BooleanSupplier cancelled) throws InterruptedException {
        WorkspaceSource source = sources.stream().filter(s -> s.kubeconfigFiles().isEmpty()).findFirst()
                .orElse(sources.isEmpty() ? WorkspaceSource.defaults() : sources.get(0));
        for (Map.Entry<WorkspaceSource, Kubeconfig> e : load().entrySet()) {
            if (e.getValue().context(contextName).isPresent()) {
                source = e.getKey();
            }
        }
        String profile = profileOverride;
        if (profile == null) {
            for (Kubeconfig k : load().values()) {
                Optional<KubeContext> c = k.context(contextName);
                if (c.isPresent() && c.get().execHints().profile() != null) {
                    profile = c.get().execHints().profile();
                }
            }
        }
        return new io.eksid.aws.SsoLogin(awsEnvironment(source), clock).signIn(profile, auth -> show.accept(
                "Open " + (auth.verificationUriComplete() != null ? auth.verificationUriComplete()
                        : auth.verificationUri()) + " and confirm the code " + auth.userCode() + "."), cancelled)
                .expiresAt();
    }

    @Override
    public void close() {
        for (LiveSession s : open) {
            s.close();
        }
        open.clear();
    }
}
