package io.eksid.kube;

import io.eksid.model.store.SourceState;
import io.eksid.model.time.Backoff;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * List-then-watch for one resource kind and scope, on its own thread, keeping nothing but the names it has
 * seen: the objects go straight to a sink that trims them. Lists come in pages ({@code limit}/{@code continue});
 * the watch resumes from the last resource version; a {@code 410 Gone} (on the watch or an expired continue
 * token) relists and deletes what disappeared meanwhile; a dropped watch is re-opened from where it stopped.
 * Every phase is reported (CONNECTING → LIVE, DEGRADED while reconnecting or relisting, FORBIDDEN, ERROR), and
 * failures retry after the shared {@link Backoff} (exponential, full jitter), so a dead endpoint never stops the
 * rest of the console.
 */
final class Reflector<T extends HasMetadata> {

    /** Receives the objects; called from one thread at a time per reflector. */
    interface Sink<T> {
        void upsert(T object);

        void delete(String namespace, String name);
    }

    interface StateListener {
        void state(SourceState state, String reason);
    }

    private final String description;
    private final Function<Object, T> convert;
    private final Supplier<FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation;
    private final Sink<T> sink;
    private final StateListener listener;
    private final ReflectorSettings settings;
    private final Backoff backoff;
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicReference<Watch> currentWatch = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile Thread thread;
    private volatile int relists;

    /**
     * @param description what is reflected, for messages ("pods", "pods in namespace shop")
     * @param operation   the fabric8 operation for the kind and scope ({@code inAnyNamespace()} or one namespace)
     */
    Reflector(String description, Function<Object, T> convert,
              Supplier<FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation,
              Sink<T> sink, StateListener listener, ReflectorSettings settings) {
        this.description = Objects.requireNonNull(description);
        this.convert = Objects.requireNonNull(convert);
        this.operation = Objects.requireNonNull(operation);
        this.sink = Objects.requireNonNull(sink);
        this.listener = Objects.requireNonNull(listener);
        this.settings = Objects.requireNonNull(settings);
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    void start() {
        listener.state(SourceState.CONNECTING, "listing " + description);
        Thread t = new Thread(this::run, "reflector-" + description.replace(' ', '-'));
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop() {
        stopped = true;
        Watch w = currentWatch.getAndSet(null);
        if (w != null) {
            w.close();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Completes after the first full list (or when the kind turns out to be forbidden). */
    CompletableFuture<Void> firstSync() {
        return firstSync;
    }

    /** How many full lists have completed (1 after start; more after 410 Gone or failures). */
    int relists() {
        return relists;
    }

    int knownCount() {
        return known.values().stream().mapToInt(Set::size).sum();
    }

    private void run() {
        int failures = 0;
        boolean relisting = false;
        while (!stopped) {
            try {
                if (relisting) {
                    listener.state(SourceState.DEGRADED, "relisting " + description);
                }
                String rv = relist();
                firstSync.complete(null);
                failures = 0;
                relisting = true;
                watchUntilGone(rv);
            } catch (KubeException e) {
                if (stopped) {
                    return;
                }
                if (e.failure() == KubeFailure.NOT_FOUND && e.getMessage().startsWith("list ")) {
                    // The API server does not serve this kind (an API group turned off): nothing to watch.
                    listener.state(SourceState.LIVE, description + " are not served by this API server");
                    firstSync.complete(null);
                    sleep(settings.maxBackoff().toMillis());
                    continue;
                }
                if (e.failure() == KubeFailure.GONE) {
                    listener.state(SourceState.DEGRADED, "resource version of " + description
                            + " expired (410 Gone); relisting");
                    continue;
                }
                SourceState state = e.failure() == KubeFailure.FORBIDDEN ? SourceState.FORBIDDEN : SourceState.ERROR;
                listener.state(state, e.getMessage());
                if (state == SourceState.FORBIDDEN) {
                    firstSync.complete(null);
                }
                sleep(backoff.delay(failures++).toMillis());
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                listener.state(SourceState.ERROR, KubeErrors.classify("watch " + description, e).getMessage());
                sleep(backoff.delay(failures++).toMillis());
            }
        }
    }

    /** Lists every page; returns the list's resource version. Deletes what vanished since the last list. */
    private String relist() {
        Map<String, Set<String>> seenByNamespace = new HashMap<>();
        String token = null;
        String rv;
        do {
            KubernetesResourceList<T> page;
            try {
                page = operation.get().list(new ListOptionsBuilder().withLimit(settings.pageSize())
                        .withContinue(token).build());
            } catch (RuntimeException e) {
                throw KubeErrors.classify("list " + description, e);
            }
            for (Object raw : page.getItems()) {
                T item = convert.apply(raw);
                ObjectMeta meta = item.getMetadata();
                if (meta == null || meta.getName() == null) {
                    continue;
                }
                String ns = meta.getNamespace() == null ? "" : meta.getNamespace();
                seenByNamespace.computeIfAbsent(ns, k -> new HashSet<>()).add(meta.getName());
                track(ns, meta.getName());
                sink.upsert(item);
            }
            token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            rv = page.getMetadata() == null ? null : page.getMetadata().getResourceVersion();
        } while (token != null && !token.isEmpty() && !stopped);
        for (Map.Entry<String, Set<String>> e : known.entrySet()) {
            Set<String> stillThere = seenByNamespace.getOrDefault(e.getKey(), Set.of());
            for (String name : Set.copyOf(e.getValue())) {
                if (!stillThere.contains(name)) {
                    untrack(e.getKey(), name);
                    sink.delete(e.getKey().isEmpty() ? null : e.getKey(), name);
                }
            }
        }
        relists++;
        return rv;
    }

    /** Watches from {@code rv}, re-opening after drops, until a 410 Gone (thrown) or stop. */
    private void watchUntilGone(String startRv) {
        AtomicReference<String> rv = new AtomicReference<>(startRv);
        boolean reconnect = false;
        while (!stopped) {
            int gen = generation.incrementAndGet();
            CompletableFuture<WatcherException> closed = new CompletableFuture<>();
            Watch watch;
            try {
                watch = operation.get().watch(new ListOptionsBuilder().withResourceVersion(rv.get())
                        .withAllowWatchBookmarks(true).build(), watcher(gen, rv, closed));
            } catch (RuntimeException e) {
                throw KubeErrors.classify("watch " + description, e);
            }
            currentWatch.set(watch);
            if (stopped) {
                watch.close();
                return;
            }
            listener.state(SourceState.LIVE, reconnect ? "watch on " + description + " re-established" : "");
            WatcherException cause = awaitClose(closed);
            currentWatch.compareAndSet(watch, null);
            watch.close();
            if (stopped) {
                return;
            }
            if (cause != null && cause.isHttpGone()) {
                throw new KubeException(KubeFailure.GONE, "watch " + description + ": 410 Gone", 410, cause);
            }
            reconnect = true;
            String why = cause == null || cause.getMessage() == null ? "closed by the server" : cause.getMessage();
            listener.state(SourceState.DEGRADED, "watch on " + description + " dropped (" + why + "); reconnecting");
        }
    }

    private WatcherException awaitClose(CompletableFuture<WatcherException> closed) {
        while (!stopped) {
            try {
                return closed.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // keep waiting; checks stop once a second
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                return null;
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Watcher<T> watcher(int gen, AtomicReference<String> rv, CompletableFuture<WatcherException> closed) {
        return (Watcher<T>) (Watcher) new Watcher<Object>() {
            @Override
            public void eventReceived(Action action, Object raw) {
                if (gen != generation.get() || stopped || raw == null) {
                    return;
                }
                // fabric8 may hand over its full model class (picked by kind); trim it to the lean type.
                T resource = convert.apply(raw);
                if (resource.getMetadata() == null) {
                    return;
                }
                ObjectMeta meta = resource.getMetadata();
                if (meta.getResourceVersion() != null) {
                    rv.set(meta.getResourceVersion());
                }
                String ns = meta.getNamespace() == null ? "" : meta.getNamespace();
                switch (action) {
                    case ADDED, MODIFIED -> {
                        track(ns, meta.getName());
                        sink.upsert(resource);
                    }
                    case DELETED -> {
                        untrack(ns, meta.getName());
                        sink.delete(meta.getNamespace(), meta.getName());
                    }
                    default -> {
                        // BOOKMARK only moves the resource version; ERROR is followed by onClose
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                closed.complete(cause);
            }

            @Override
            public void onClose() {
                closed.complete(null);
            }
        };
    }

    private void track(String ns, String name) {
        known.computeIfAbsent(ns, k -> ConcurrentHashMap.newKeySet()).add(name);
    }

    private void untrack(String ns, String name) {
        Set<String> names = known.get(ns);
        if (names != null) {
            names.remove(name);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = stopped || Thread.currentThread().isInterrupted();
        }
    }
}
