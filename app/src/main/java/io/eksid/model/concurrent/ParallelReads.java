package io.eksid.model.concurrent;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Read calls to one service (IAM, EKS, a cluster's API server), many at a time but never more than the limit in
 * flight across every batch sharing the instance (every source that reads that service shares one). Retries are
 * not done here: each call is one client call, and the client's own retry (for AWS the SDK's strategy, see
 * {@code aws.AwsClients}) is the only retry layer for reads.
 *
 * <p>The calling thread works through the items too, so a batch always finishes even when every thread of the
 * executor is busy (the pollers and this share one pool); helpers that start after the batch ran out find nothing
 * to do and return at once.
 */
public final class ParallelReads {

    /** In-flight reads per AWS service: far below IAM's and EKS's request quotas, enough to hide round trips. */
    public static final int DEFAULT_LIMIT = 8;

    private final String service;
    private final Executor executor;
    private final int limit;
    private final Semaphore inFlight;

    /**
     * @param service  what the limit applies to, for messages (e.g. {@code iam})
     * @param executor runs the helpers; the caller's thread always works as well
     * @param limit    calls in flight at once for this service, across every batch sharing this instance
     */
    public ParallelReads(String service, Executor executor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the " + service + " read limit must be at least 1, got " + limit);
        }
        this.service = Objects.requireNonNull(service, "service");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.limit = limit;
        this.inFlight = new Semaphore(limit, true);
    }

    /** One call per item, in one thread: for tests and for callers with no executor to spare. */
    public static ParallelReads sequential(String service) {
        return new ParallelReads(service, Runnable::run, 1);
    }

    public String service() {
        return service;
    }

    public int limit() {
        return limit;
    }

    /** What one item's call gave: its value, or the exception it threw (the other items are unaffected). */
    public record Outcome<T, R>(T item, R value, RuntimeException failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    /**
     * Calls {@code read} for every item and returns the outcomes in the items' order, whatever order the calls
     * finished in. A call that throws is recorded as that item's failure; an {@link Error} is rethrown.
     */
    public <T, R> List<Outcome<T, R>> readAll(List<T> items, Function<? super T, ? extends R> read)
            throws InterruptedException {
        int n = items.size();
        if (n == 0) {
            return List.of();
        }
        // Each slot is written by one thread; the latch makes every write visible to the caller.
        @SuppressWarnings("unchecked")
        Outcome<T, R>[] results = new Outcome[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<Error> fatal = new AtomicReference<>();
        Runnable worker = () -> {
            // Every claimed item is finished by whoever claimed it, so the latch always reaches zero.
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                T item = items.get(i);
                try {
                    results[i] = readOne(item, read, fatal);
                } finally {
                    done.countDown();
                }
            }
        };
        int helpers = Math.min(limit, n) - 1;
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(worker);
            } catch (RejectedExecutionException e) {
                break; // the pool is shutting down: the caller reads the rest alone
            }
        }
        worker.run();
        done.await();
        if (fatal.get() != null) {
            throw fatal.get();
        }
        return List.of(results);
    }

    private <T, R> Outcome<T, R> readOne(T item, Function<? super T, ? extends R> read,
                                         AtomicReference<Error> fatal) {
        if (fatal.get() != null) {
            return new Outcome<>(item, null, new IllegalStateException("not read from " + service
                    + ": an earlier read failed with " + fatal.get()));
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(item, null, new IllegalStateException("interrupted before reading from " + service));
        }
        try {
            return new Outcome<>(item, read.apply(item), null);
        } catch (RuntimeException e) {
            return new Outcome<>(item, null, e);
        } catch (Error e) {
            fatal.compareAndSet(null, e);
            return new Outcome<>(item, null, new IllegalStateException("read from " + service + " failed", e));
        } finally {
            inFlight.release();
        }
    }
}
