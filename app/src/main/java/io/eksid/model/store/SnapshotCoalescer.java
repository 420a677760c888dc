package io.eksid.model.store;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Turns a burst of store changes into few recomputations, latest wins: a change schedules one run on the
 * executor unless one is already pending; a run that sees newer changes when it ends schedules itself once more.
 * So 10,000 events during one derivation cost two derivations, not 10,000.
 */
public final class SnapshotCoalescer {

    private final ClusterStore store;
    private final Executor executor;
    private final LongConsumer recompute;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private final Runnable listener = this::requestRun;
    private volatile long lastVersion = -1;

    /**
     * @param recompute called on the executor with the store version it should reflect; it reads the store itself
     */
    public SnapshotCoalescer(ClusterStore store, Executor executor, LongConsumer recompute) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.recompute = Objects.requireNonNull(recompute);
    }

    public void start() {
        store.addChangeListener(listener);
        requestRun();
    }

    public void stop() {
        store.removeChangeListener(listener);
    }

    /** How many recomputations have run: the benchmark reports it per 10,000 events. */
    public long recomputations() {
        return runs.get();
    }

    public void requestRun() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(this::run);
        }
    }

    private void run() {
        pending.set(false);
        long version = store.version();
        if (version == lastVersion) {
            return;
        }
        lastVersion = version;
        runs.incrementAndGet();
        recompute.accept(version);
        if (store.version() != version) {
            requestRun();
        }
    }
}
