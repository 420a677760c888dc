package io.eksid.kube;

import io.eksid.kube.lean.LeanPod;
import io.eksid.kube.lean.LeanPodList;
import io.eksid.model.store.ClusterStore;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Measures how long a context takes from nothing to a complete model: connect (exec plugin + {@code /version}),
 * RBAC preflight, and every kind listed into the store. For {@code eksid bench ingest}.
 */
public final class IngestBenchmark {

    /**
     * @param connect   kubeconfig context to a verified client
     * @param preflight the SelfSubjectAccessReviews
     * @param sync      first list of every kind, into the store
     * @param pods      pods in the store at the end
     * @param relists   full lists run (one per kind and scope when nothing failed)
     */
    public record Result(String context, Duration connect, Duration preflight, Duration sync, int pods,
                         int relists) {
        /** connect + preflight + sync. */
        public Duration total() {
            return connect.plus(preflight).plus(sync);
        }
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
                watcher.start(rbac, preflight.fallbackFor(rbac, context.defaultNamespace(), 50), preflight);
                watcher.synced().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                long t3 = System.nanoTime();
                return new Result(context.name(), Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                        Duration.ofNanos(t3 - t2), store.podCount(), watcher.relists());
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
        long t0 = System.nanoTime();
        try {
            AutoCloseable reflector = reflectPods(client, store, new PodTrimmer(new OwnerIndex()), timeout);
            Duration time = Duration.ofNanos(System.nanoTime() - t0);
            reflector.close();
            return time;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeException(KubeFailure.OTHER, "pod list was interrupted", 0, e);
        } catch (KubeException e) {
            throw e;
        } catch (Exception e) {
            throw KubeErrors.classify("pod list", e);
        }
    }

    /** The client path a side-by-side pod ingest takes ({@link #ingestPods}). */
    public enum PodPath {
        /** Ours, as the console runs it: a {@link Reflector} of lean pods trimmed into the store; it keeps names. */
        REFLECTOR,
        /**
         * fabric8's {@code SharedIndexInformer} of the same lean pods and page size, its handler trimming into the
         * same kind of store; it keeps every lean pod in its own cache as well.
         */
        INFORMER
    }

    /** Measures the heap in use after garbage collection. */
    @FunctionalInterface
    public interface HeapGauge {
        long usedAfterGc() throws InterruptedException;
    }

    /**
     * @param time       from the first list request until every listed pod is in the store
     * @param pods       pods in the store at that moment
     * @param heapPerPod heap the path holds per pod while it runs (store, and the path's own cache or names),
     *                   measured after GC against the heap before it started
     */
    public record PathRun(PodPath path, Duration time, int pods, long heapPerPod) {
    }

    /**
     * Lists every pod through {@code path} into a fresh store, measures time and retained heap while the path is
     * still open (it has started watching, as the console's would), then closes it.
     */
    public PathRun ingestPods(KubernetesClient client, PodPath path, Duration timeout, HeapGauge heap)
            throws InterruptedException {
        long before = heap.usedAfterGc();
        ClusterStore store = new ClusterStore("ingest-" + path.name().toLowerCase(java.util.Locale.ROOT),
                Clock.systemUTC());
        PodTrimmer trimmer = new PodTrimmer(new OwnerIndex());
        long t0 = System.nanoTime();
        AutoCloseable running = path == PodPath.REFLECTOR ? reflectPods(client, store, trimmer, timeout)
                : informPods(client, store, trimmer, timeout);
        Duration time = Duration.ofNanos(System.nanoTime() - t0);
        try {
            int pods = store.podCount();
            long held = heap.usedAfterGc() - before;
            return new PathRun(path, time, pods, held / Math.max(1, pods));
        } finally {
            try {
                running.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the " + path + " pass: " + e.getMessage(), e);
            }
        }
    }

    private AutoCloseable reflectPods(KubernetesClient client, ClusterStore store, PodTrimmer trimmer,
                                      Duration timeout) throws InterruptedException {
        Supplier<FilterWatchListDeletable<LeanPod, ? extends KubernetesResourceList<LeanPod>, ?>> pods =
                () -> client.resources(LeanPod.class, LeanPodList.class).inAnyNamespace();
        Reflector<LeanPod> reflector = new Reflector<>("pods", o -> o instanceof LeanPod p ? p
                : client.getKubernetesSerialization().convertValue(o, LeanPod.class), pods,
                new StreamedListPages<>(client, LeanPod.class, pods, settings.pageSize(),
                        StreamedListPages.pageMapper()),
                new Reflector.Sink<LeanPod>() {
                    public void upsert(LeanPod pod) {
                        store.putPod(trimmer.trim(pod));
                    }

                    public void delete(String namespace, String name) {
                        store.removePod(namespace, name);
                    }
                }, (state, reason) -> { }, settings, executor);
        reflector.start();
        try {
            reflector.firstSync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return reflector::stop;
        } catch (TimeoutException e) {
            reflector.stop();
            throw new KubeException(KubeFailure.UNREACHABLE, "pod list did not complete within "
                    + timeout.toSeconds() + " s", 0, e);
        } catch (ExecutionException e) {
            reflector.stop();
            throw KubeErrors.classify("pod list", e.getCause());
        }
    }

    private AutoCloseable informPods(KubernetesClient client, ClusterStore store, PodTrimmer trimmer,
                                     Duration timeout) throws InterruptedException {
        SharedIndexInformer<LeanPod> informer = client.resources(LeanPod.class, LeanPodList.class).inAnyNamespace()
                .withLimit(settings.pageSize()).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<LeanPod>() {
            public void onAdd(LeanPod pod) {
                store.putPod(trimmer.trim(pod));
            }

            public void onUpdate(LeanPod old, LeanPod pod) {
                store.putPod(trimmer.trim(pod));
            }

            public void onDelete(LeanPod pod, boolean finalStateUnknown) {
                store.removePod(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            informer.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // The cache is filled when start completes; the handler receives its additions after that.
            int listed = informer.getStore().list().size();
            while (store.podCount() < listed) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("informer handler delivered " + store.podCount() + " of " + listed);
                }
                Thread.sleep(1);
            }
            return informer::close;
        } catch (TimeoutException e) {
            informer.close();
            throw new KubeException(KubeFailure.UNREACHABLE, "informer pod list did not complete within "
                    + timeout.toSeconds() + " s", 0, e);
        } catch (ExecutionException e) {
            informer.close();
            throw KubeErrors.classify("informer pod list", e.getCause());
        }
    }

    /** A store for a benchmark run. */
    public static ClusterStore newStore(KubeContext context, Clock clock) {
        return new ClusterStore(context.name(), clock);
    }
}
