package io.eksid.engine.convert;

import io.eksid.aws.AccountProfiles;
import io.eksid.aws.AddonSource;
import io.eksid.aws.AssociationSource;
import io.eksid.aws.AwsClients;
import io.eksid.aws.AwsConnections;
import io.eksid.aws.AwsEnvironment;
import io.eksid.aws.AwsFailures;
import io.eksid.aws.AwsProfiles;
import io.eksid.aws.AwsSource;
import io.eksid.aws.ClusterMatch;
import io.eksid.aws.ClusterMatcher;
import io.eksid.aws.ClusterSource;
import io.eksid.aws.OidcProviderSource;
import io.eksid.aws.ReferencedRoles;
import io.eksid.aws.RoleSource;
import io.eksid.aws.RolePermissionsSource;
import io.eksid.aws.SsoSessions;
import io.eksid.aws.SsoTokenCache;
import io.eksid.kube.ClusterWatcher;
import io.eksid.kube.KubeConnectOptions;
import io.eksid.kube.KubeConnection;
import io.eksid.kube.KubeConnector;
import io.eksid.kube.KubeContext;
import io.eksid.kube.Kubeconfig;
import io.eksid.kube.KubeconfigLoader;
import io.eksid.kube.ReflectorSettings;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.store.ClusterStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Reads one cluster for planning: connects to the context's API server, lists everything once through the cluster
 * watcher, matches the EKS cluster with the AWS profile, and runs each AWS source once, synchronously, into a
 * {@link ClusterStore}. A failure names what could not be read and how to fix it.
 */
public final class SnapshotLoader {

    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, String> env;
    private final java.util.function.Function<String, String> properties;
    private final Path home;
    private final Clock clock;
    private final boolean rolePermissions;

    public SnapshotLoader(Map<String, String> env, Path home, Clock clock) {
        this(env, k -> null, home, clock);
    }

    /** @param properties JVM system properties the AWS SDK honours ({@code aws.configFile}, ...) */
    public SnapshotLoader(Map<String, String> env, java.util.function.Function<String, String> properties, Path home,
                          Clock clock) {
        this(env, properties, home, clock, false);
    }

    private SnapshotLoader(Map<String, String> env, java.util.function.Function<String, String> properties, Path home,
                           Clock clock, boolean rolePermissions) {
        this.rolePermissions = rolePermissions;
        this.env = Map.copyOf(env);
        this.properties = Objects.requireNonNull(properties, "properties");
        this.home = Objects.requireNonNull(home, "home");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The same loader, also reading what every used role's sessions may do ({@link RolePermissionsSource}). */
    public SnapshotLoader withRolePermissions() {
        return new SnapshotLoader(env, properties, home, clock, true);
    }

    /** Connects and reads; throws {@link IllegalArgumentException} for bad input, other exceptions when unreachable. */
    public ClusterSession open(ConnectionRequest request) {
        KubeconfigLoader loader = new KubeconfigLoader(env, home);
        Kubeconfig kubeconfig = request.kubeconfigs().isEmpty() ? loader.load() : loader.load(request.kubeconfigs());
        String name = request.context() != null ? request.context() : kubeconfig.currentContext().orElseThrow(
                () -> new IllegalArgumentException("no --context given and the kubeconfig (" + kubeconfig.files()
                        + ") has no current-context" + problems(kubeconfig)));
        KubeContext context = kubeconfig.context(name).orElseThrow(() -> new IllegalArgumentException("no context '"
                + name + "' in " + kubeconfig.files() + "; contexts: " + (kubeconfig.contexts().isEmpty() ? "none"
                : kubeconfig.contexts().stream().map(KubeContext::name).collect(Collectors.joining(", ")))
                + problems(kubeconfig)));
        KubeConnection kube = new KubeConnector(clock, KubeConnectOptions.DEFAULTS).connect(kubeconfig, context);
        AwsConnections aws = null;
        try {
            AwsEnvironment awsEnv = new AwsEnvironment(env::get, properties, home);
            aws = new AwsConnections(new AwsProfiles(awsEnv));
            AwsFailures failures = new AwsFailures(new SsoSessions(new SsoTokenCache(awsEnv.ssoCacheDirectory()),
                    clock), awsEnv);
            ClusterMatch match = new ClusterMatcher(aws, failures)
                    .match(context.execHints().withOverrides(request.region(), request.profile()), null);
            if (match instanceof ClusterMatch.Unavailable u) {
                throw new IllegalStateException("cannot read EKS for context " + context.name() + ": " + u.reason());
            }
            if (match instanceof ClusterMatch.NeedsChoice c) {
                throw new IllegalArgumentException("context " + context.name() + " matches no single EKS cluster: "
                        + c.reason() + " Candidates: " + c.candidates().stream().map(ClusterInfo::name)
                        .collect(Collectors.joining(", ")));
            }
            ClusterMatch.Matched m = (ClusterMatch.Matched) match;
            AwsClients clients = aws.clients(m.profile(), m.region());
            AccountProfiles accounts = new AccountProfiles(aws, new SsoSessions(
                    new SsoTokenCache(awsEnv.ssoCacheDirectory()), clock), m.region());
            ClusterInfo cluster = m.cluster();
            return new ClusterSession(kube, aws, clients, accounts, cluster,
                    () -> read(kube, clients, accounts, cluster, context.name()), clock);
        } catch (RuntimeException e) {
            kube.close();
            if (aws != null) {
                aws.close();
            }
            throw e;
        }
    }

    /** The kubeconfig's problems, which usually say why a context is not there: "; problems: f: not valid YAML". */
    private static String problems(Kubeconfig kubeconfig) {
        return kubeconfig.problems().isEmpty() ? "" : "; kubeconfig problems: " + kubeconfig.problems().stream()
                .map(Object::toString).collect(Collectors.joining("; "));
    }

    private ClusterSnapshot read(KubeConnection kube, AwsClients clients, AccountProfiles accounts,
                                 ClusterInfo cluster, String contextName) {
        ClusterStore store = new ClusterStore(contextName, clock);
        // The read is this method's alone, start to end: so are the threads its reflectors list on.
        ScheduledExecutorService listing = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "eksid-snapshot-list");
            t.setDaemon(true);
            return t;
        });
        try (ClusterWatcher watcher = new ClusterWatcher(kube.client(), store, ReflectorSettings.DEFAULTS, listing)) {
            watcher.start();
            watcher.synced().get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kubernetes API of " + contextName + " did not list everything within "
                    + SYNC_TIMEOUT.toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + contextName, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read " + contextName + ": " + e.getCause().getMessage(), e);
        } finally {
            listing.shutdownNow();
        }
        store.setCluster(cluster);
        List<AwsSource> sources = new java.util.ArrayList<>(List.of(
                new ClusterSource(clients.eks(), cluster.name(), clients.region(), store),
                new AssociationSource(clients.eks(), cluster.name(), store, clock, 0),
                new AddonSource(clients.eks(), cluster.name(), store),
                new OidcProviderSource(clients.iam(), store, 1),
                new RoleSource(clients.iam(), store, ReferencedRoles.from(store), accounts)));
        if (rolePermissions) {
            sources.add(new RolePermissionsSource(clients.iam(), store, ReferencedRoles.from(store), accounts, clock,
                    Duration.ZERO));
        }
        for (AwsSource source : sources) {
            try {
                source.refresh();
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot read " + source.name() + " of cluster " + cluster.name()
                        + " with profile " + clients.profile().name() + ": " + e.getMessage(), e);
            }
        }
        return store.snapshot(cluster);
    }
}
