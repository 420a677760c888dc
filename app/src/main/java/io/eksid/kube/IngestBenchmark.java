package io.eksid.kube;

import io.eksid.kube.lean.LeanPod;
import io.eksid.kube.lean.LeanPodList;
import io.eksid.model.store.ClusterStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Measures how long a context takes from nothing to a complete model: connect (exec plugin + {@code /version}),
 * RBAC preflight, and every kind listed into the store. For {@code eksid bench ingest}.
 */
public final class IngestBenchmark {

    /**
     * @param connect   kubeconfig context to a verified client
     * @param preflight the SelfSubjectAccessReviews
     * @param sync      first list of every kind, into the store
     * @param total     connect + preflight + sync
     * @param pods      pods in the store at the end
     * @param relists   full lists run (one per kind and scope when nothing failed)
     */
    public record Result(String context, Duration connect, Duration preflight, Duration sync, Duration total,
                         int pods, int relists) {
    }

    private final KubeConnector connector;
    private final ReflectorSettings settings;
    private final ScheduledExecutorService executor;

    /** @param executor the caller's executor, on which the reflectors run */
    public IngestBenchmark(KubeConnector connector, ReflectorSettings settings, ScheduledExecutorService executor) {
        this.connector = Objects.requireNonNull(connector);
        this.settings = Objects.requireNonNull(settings);
        this.executor = Objects.requireNonNull(executor);
    }

    /** Runs one ingest into {@code store}; the watches are closed afterwards. */
    public Result measure(Kubeconfig kubeconfig, KubeContext context, ClusterStore store, Duration timeout) {
        long t0 = System.nanoTime();
        try (KubeConnection connection = connector.connect(kubeconfig, context)) {
            long t1 = System.nanoTime();
            RbacPreflight preflight = new RbacPreflight(connection.client());
            RbacReport rbac = preflight.check();
            long t2 = System.nanoTime();
            try (ClusterWatcher watcher = new ClusterWatcher(connection.client(), store, settings, executor)) {
                watcher.start(rbac, preflight.fallbackNamespaces(List.of(), context.defaultNamespace(), 50), preflight);
                watcher.synced().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                long t3 = System.nanoTime();
                return new Result(context.name(), Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                        Duration.ofNanos(t3 - t2), Duration.ofNanos(t3 - t0), store.podCount(), watcher.relists());
            }
        } catch (TimeoutException e) {
            throw new KubeException(KubeFailure.UNREACHABLE, "ingest of context " + context.name()
                    + " did not complete within " + timeout.toSeconds() + " s", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeException(KubeFailure.OTHER, "ingest of context " + context.name() + " was interrupted",
                    0, e);
        } catch (ExecutionException e) {
            throw KubeErrors.classify("ingest of context " + context.name(), e.getCause());
        }
    }

    /**
     * Lists every pod once through the same path as the console (a {@link Reflector} of lean pods, trimmed into
     * the store) and stops before watching: the decode and store cost of a pod list, for comparison with the bare
     * transfer of the same pages.
     *
     * @return the time from the first request to the last page stored
     */
    public Duration listPods(KubernetesClient client, ClusterStore store, Duration timeout) {
        PodTrimmer trimmer = new PodTrimmer(new OwnerIndex());
        Function<Object, LeanPod> convert = o -> o instanceof LeanPod p ? p
                : client.getKubernetesSerialization().convertValue(o, LeanPod.class);
        Reflector<LeanPod> reflector = new Reflector<>("pods", convert,
                () -> client.resources(LeanPod.class, LeanPodList.class).inAnyNamespace(),
                new Reflector.Sink<LeanPod>() {
                    public void upsert(LeanPod pod) {
                        store.putPod(trimmer.trim(pod));
                    }

                    public void delete(String namespace, String name) {
                        store.removePod(namespace, name);
                    }
                }, (state, reason) -> { }, settings, executor);
        long t0 = System.nanoTime();
        reflector.start();
        try {
            reflector.firstSync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Duration.ofNanos(System.nanoTime() - t0);
        } catch (TimeoutException e) {
            throw new KubeException(KubeFailure.UNREACHABLE, "pod list did not complete within "
                    + timeout.toSeconds() + " s", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeException(KubeFailure.OTHER, "pod list was interrupted", 0, e);
        } catch (ExecutionException e) {
            throw KubeErrors.classify("pod list", e.getCause());
        } finally {
            reflector.stop();
        }
    }

    /** A store for a benchmark run. */
    public static ClusterStore newStore(KubeContext context, Clock clock) {
        return new ClusterStore(context.name(), clock);
    }
}
