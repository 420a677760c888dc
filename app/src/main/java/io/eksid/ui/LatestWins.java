package io.eksid.ui;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one latest-wins delivery to the UI thread. Values (or work that computes one) are offered from any thread;
 * one delivery is in flight at a time: the newest offer is computed in the background and handed to the UI thread,
 * at most once per {@code minInterval}. A burst becomes one delivery of its newest value, never one
 * {@code runLater} per event, and a value offered while a delivery is in flight is delivered right after it.
 * Deliveries keep the order of the offers: an older value never follows a newer one.
 *
 * @param <T> what the UI receives
 */
public final class LatestWins<T> {

    /** Runs a task off the UI thread after a delay (a timer in the app, a hand-driven queue in tests). */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayMillis);

        /** Waits on {@code timer}, then runs the task (the computation) on {@code work}, so timers stay short. */
        static Scheduler of(ScheduledExecutorService timer, Executor work) {
            Objects.requireNonNull(work);
            return (task, delay) -> timer.schedule(() -> work.execute(task), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** How deliveries are paced and where they run: one per window, each model makes its own {@link LatestWins}. */
    public record Factory(Clock clock, Scheduler scheduler, Consumer<Runnable> uiThread, long minIntervalMillis) {

        public Factory {
            Objects.requireNonNull(clock);
            Objects.requireNonNull(scheduler);
            Objects.requireNonNull(uiThread);
        }

        /** Computes and delivers on the offering thread, at once: for view-model tests without threads. */
        public static Factory synchronous(Clock clock) {
            return new Factory(clock, (task, delay) -> task.run(), Runnable::run, 0);
        }

        /**
         * Computes through the task runner's background executor and delivers on its UI thread, with no minimum
         * interval: one delivery in flight at a time is what keeps the UI thread from one update per event.
         */
        public static Factory on(TaskRunner tasks, Clock clock) {
            return new Factory(clock, (task, delay) -> tasks.execute(task), tasks::onUiThread, 0);
        }

        public <T> LatestWins<T> create(Consumer<T> sink, Consumer<Throwable> onFailure) {
            return new LatestWins<>(clock, scheduler, uiThread, minIntervalMillis, sink, onFailure);
        }
    }

    private final AtomicReference<Callable<T>> latest = new AtomicReference<>();
    /** True from the moment a delivery is scheduled until the UI thread has taken it. */
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final Clock clock;
    private final Scheduler scheduler;
    private final Consumer<Runnable> uiThread;
    private final long minIntervalMillis;
    private final Consumer<T> sink;
    private final Consumer<Throwable> onFailure;
    /** When the last delivery reached the UI thread; written on it, read by offering threads. */
    private volatile long lastDelivery = Long.MIN_VALUE / 2;
    private volatile long deliveries;

    /**
     * @param uiThread  runs an action on the UI thread ({@link TaskRunner#onUiThread})
     * @param sink      receives each delivered value on the UI thread
     * @param onFailure receives, on the UI thread, what a computation threw (the next offer is delivered as usual)
     */
    public LatestWins(Clock clock, Scheduler scheduler, Consumer<Runnable> uiThread, long minIntervalMillis,
                      Consumer<T> sink, Consumer<Throwable> onFailure) {
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("minimum interval must not be negative: " + minIntervalMillis);
        }
        this.clock = Objects.requireNonNull(clock);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.uiThread = Objects.requireNonNull(uiThread);
        this.minIntervalMillis = minIntervalMillis;
        this.sink = Objects.requireNonNull(sink);
        this.onFailure = Objects.requireNonNull(onFailure);
    }

    /** Offers a value from any thread. */
    public void offer(T value) {
        Objects.requireNonNull(value, "value");
        submit(() -> value);
    }

    /**
     * Offers work computing the value, run off the UI thread only if no newer offer replaces it first. Work that
     * returns null delivers nothing.
     */
    public void submit(Callable<T> work) {
        latest.set(Objects.requireNonNull(work));
        scheduleIfIdle();
    }

    private void scheduleIfIdle() {
        if (inFlight.compareAndSet(false, true)) {
            long wait = Math.max(0, lastDelivery + minIntervalMillis - clock.millis());
            scheduler.schedule(this::compute, wait);
        }
    }

    private void compute() {
        Callable<T> work = latest.getAndSet(null);
        if (work == null) {
            finished();
            return;
        }
        T value;
        try {
            value = work.call();
            if (value == null) {
                finished(); // nothing to show: no UI delivery
                return;
            }
        } catch (Exception | Error e) {
            uiThread.accept(() -> {
                try {
                    onFailure.accept(e);
                } finally {
                    finished();
                }
            });
            return;
        }
        uiThread.accept(() -> {
            try {
                lastDelivery = clock.millis();
                deliveries++;
                sink.accept(value);
            } finally {
                finished();
            }
        });
    }

    /** Ends the delivery in flight; what was offered meanwhile is scheduled now, so the end of a burst is kept. */
    private void finished() {
        inFlight.set(false);
        if (latest.get() != null) {
            scheduleIfIdle();
        }
    }

    /** Values delivered to the UI thread so far. */
    public long deliveries() {
        return deliveries;
    }
}
