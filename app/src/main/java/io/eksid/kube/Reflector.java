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
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * List-then-watch for one resource kind and scope, keeping nothing but the names it has seen: the objects go
 * straight to a sink that trims them. Lists come in pages ({@code limit}/{@code continue}); the watch resumes from
 * the last resource version; a {@code 410 Gone} (on the watch or an expired continue token) relists and deletes
 * what disappeared meanwhile; a dropped watch is re-opened from where it stopped. Every phase is reported
 * (CONNECTING → LIVE, DEGRADED while reconnecting or relisting, FORBIDDEN, ERROR), and failures retry after the
 * shared {@link Backoff} (exponential, full jitter), so a dead endpoint never stops the rest of the console.
 *
 * <p>It owns no thread: lists and re-opened watches are tasks on the owner's executor, waits are scheduled on it,
 * and an open watch holds no thread at all (fabric8 delivers its events). {@link #stop()} cancels what is
 * scheduled and closes the watch, so nothing of a stopped reflector runs on afterwards.
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
    private final ListPage.Source<T> pages;
    private final Sink<T> sink;
    private final StateListener listener;
    private final ReflectorSettings settings;
    private final ScheduledExecutorService executor;
    private final Backoff backoff;
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicReference<Watch> currentWatch = new AtomicReference<>();
    private final AtomicReference<Future<?>> pending = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile int relists;
    /** Failures since the last complete list; only the reflector's current task touches these two. */
    private volatile int failures;
    private volatile boolean relisting;

    /**
     * @param description what is reflected, for messages ("pods", "pods in namespace shop")
     * @param operation   the fabric8 operation for the kind and scope ({@code inAnyNamespace()} or one namespace),
     *                    which watches
     * @param pages       lists the same kind and scope, page by page
     * @param executor    the owner's executor: lists, re-opened watches and the waits between attempts run on it
     */
    Reflector(String description, Function<Object, T> convert,
              Supplier<FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?>> operation,
              ListPage.Source<T> pages, Sink<T> sink, StateListener listener, ReflectorSettings settings,
              ScheduledExecutorService executor) {
        this.description = Objects.requireNonNull(description);
        this.convert = Objects.requireNonNull(convert);
        this.operation = Objects.requireNonNull(operation);
        this.pages = Objects.requireNonNull(pages);
        this.sink = Objects.requireNonNull(sink);
        this.listener = Objects.requireNonNull(listener);
        this.settings = Objects.requireNonNull(settings);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    void start() {
        listener.state(SourceState.CONNECTING, "listing " + description);
        schedule(this::listAndWatch, 0);
    }

    void stop() {
        stopped = true;
        Future<?> next = pending.getAndSet(null);
        if (next != null) {
            next.cancel(true);
        }
        Watch w = currentWatch.getAndSet(null);
        if (w != null) {
            w.close();
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

    /** Runs {@code step} on the executor after {@code delayMillis}, unless stopped; the one way work is started. */
    private void schedule(Runnable step, long delayMillis) {
        if (stopped) {
            return;
        }
        try {
            Future<?> next = executor.schedule(() -> {
                if (!stopped) {
                    step.run();
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
            pending.set(next);
            if (stopped) {
                next.cancel(true);
            }
        } catch (RejectedExecutionException e) {
            // The owner shut its executor down: the reflector ends with it.
            stopped = true;
        }
    }

    private void listAndWatch() {
        try {
            if (relisting) {
                listener.state(SourceState.DEGRADED, "relisting " + description);
            }
            String rv = relist();
            firstSync.complete(null);
            failures = 0;
            relisting = true;
            openWatch(rv, false);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Classifies a failed list or watch, reports it and schedules the next list. */
    private void failed(RuntimeException error) {
        if (stopped) {
            return;
        }
        if (!(error instanceof KubeException e)) {
            listener.state(SourceState.ERROR, KubeErrors.classify("watch " + description, error).getMessage());
            schedule(this::listAndWatch, backoff.delay(failures++).toMillis());
            return;
        }
        if (e.failure() == KubeFailure.NOT_FOUND && e.getMessage().startsWith("list ")) {
            // The API server does not serve this kind (an API group turned off): nothing to watch.
            listener.state(SourceState.LIVE, description + " are not served by this API server");
            firstSync.complete(null);
            schedule(this::listAndWatch, settings.maxBackoff().toMillis());
            return;
        }
        if (e.failure() == KubeFailure.GONE) {
            listener.state(SourceState.DEGRADED, "resource version of " + description
                    + " expired (410 Gone); relisting");
            schedule(this::listAndWatch, 0);
            return;
        }
        SourceState state = e.failure() == KubeFailure.FORBIDDEN ? SourceState.FORBIDDEN : SourceState.ERROR;
        listener.state(state, e.getMessage());
        if (state == SourceState.FORBIDDEN) {
            firstSync.complete(null);
        }
        schedule(this::listAndWatch, backoff.delay(failures++).toMillis());
    }

    /** Lists every page; returns the list's resource version. Deletes what vanished since the last list. */
    private String relist() {
        Map<String, Set<String>> seenByNamespace = new HashMap<>();
        AtomicReference<String> rv = new AtomicReference<>();
        AtomicReference<CompletableFuture<ListPage<T>>> next = new AtomicReference<>(requestPage(null));
        try {
            CompletableFuture<ListPage<T>> current;
            while ((current = next.getAndSet(null)) != null) {
                ListPage<T> page = ListPages.await(current, "list " + description);
                try {
                    page.read(meta -> {
                        rv.set(meta.getResourceVersion());
                        String token = meta.getContinue();
                        // the next page is on its way while this one is decoded and stored
                        if (token != null && !token.isEmpty() && !stopped) {
                            next.set(requestPage(token));
                        }
                    }, raw -> store(raw, seenByNamespace));
                } catch (RuntimeException e) {
                    throw KubeErrors.classify("list " + description, e);
                }
            }
        } finally {
            CompletableFuture<ListPage<T>> unread = next.get();
            if (unread != null && !unread.isDone()) {
                unread.cancel(true); // storing failed or the reflector stopped: nobody will read that page
            }
        }
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
        return rv.get();
    }

    private CompletableFuture<ListPage<T>> requestPage(String token) {
        try {
            return pages.request(token);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void store(Object raw, Map<String, Set<String>> seenByNamespace) {
        T item = convert.apply(raw);
        ObjectMeta meta = item.getMetadata();
        if (meta == null || meta.getName() == null) {
            return;
        }
        String ns = meta.getNamespace() == null ? "" : meta.getNamespace();
        seenByNamespace.computeIfAbsent(ns, k -> new HashSet<>()).add(meta.getName());
        track(ns, meta.getName());
        sink.upsert(item);
    }

    /**
     * Opens the watch from {@code rv}. It holds no thread: when it closes, {@link #watchClosed} is scheduled, which
     * re-opens it from the last resource version seen or, after a 410 Gone, relists.
     */
    private void openWatch(String rv, boolean reconnect) {
        int gen = generation.incrementAndGet();
        AtomicReference<String> lastRv = new AtomicReference<>(rv);
        Watch watch;
        try {
            watch = operation.get().watch(new ListOptionsBuilder().withResourceVersion(rv)
                    .withAllowWatchBookmarks(true).build(), watcher(gen, lastRv));
        } catch (RuntimeException e) {
            throw KubeErrors.classify("watch " + description, e);
        }
        currentWatch.set(watch);
        if (stopped) {
            currentWatch.compareAndSet(watch, null);
            watch.close();
            return;
        }
        listener.state(SourceState.LIVE, reconnect ? "watch on " + description + " re-established" : "");
    }

    private void watchClosed(int gen, AtomicReference<String> lastRv, WatcherException cause) {
        Watch watch = currentWatch.get();
        if (!generation.compareAndSet(gen, gen + 1)) {
            return; // a watch already replaced; the bump also silences late events of this one
        }
        if (watch != null && currentWatch.compareAndSet(watch, null)) {
            watch.close();
        }
        if (stopped) {
            return;
        }
        if (cause != null && cause.isHttpGone()) {
            failed(new KubeException(KubeFailure.GONE, "watch " + description + ": 410 Gone", 410, cause));
            return;
        }
        String why = cause == null || cause.getMessage() == null ? "closed by the server" : cause.getMessage();
        listener.state(SourceState.DEGRADED, "watch on " + description + " dropped (" + why + "); reconnecting");
        try {
            openWatch(lastRv.get(), true);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Watcher<T> watcher(int gen, AtomicReference<String> rv) {
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
                schedule(() -> watchClosed(gen, rv, cause), 0);
            }

            @Override
            public void onClose() {
                schedule(() -> watchClosed(gen, rv, null), 0);
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
}
