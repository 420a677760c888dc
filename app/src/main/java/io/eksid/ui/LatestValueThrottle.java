package io.eksid.ui;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Delivers values to the UI thread latest-wins, at most once per interval: a burst of updates from background
 * threads becomes one UI update carrying the newest value, never one runLater per event.
 */
public final class LatestValueThrottle<T> {

    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final TaskRunner ui;
    private final long intervalMillis;
    private final Consumer<T> sink;
    private volatile long lastDelivery;
    private long deliveries;

    public LatestValueThrottle(ScheduledExecutorService timer, TaskRunner ui, long intervalMillis, Consumer<T> sink) {
        this.timer = Objects.requireNonNull(timer);
        this.ui = Objects.requireNonNull(ui);
        this.intervalMillis = intervalMillis;
        this.sink = Objects.requireNonNull(sink);
    }

    /** Offers a value from any thread. */
    public void offer(T value) {
        latest.set(value);
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastDelivery + intervalMillis - System.currentTimeMillis());
            timer.schedule(() -> ui.onUiThread(this::deliver), wait, TimeUnit.MILLISECONDS);
        }
    }

    private void deliver() {
        scheduled.set(false);
        lastDelivery = System.currentTimeMillis();
        T value = latest.getAndSet(null);
        if (value != null) {
            deliveries++;
            sink.accept(value);
        }
    }

    /** UI updates delivered so far (read on the UI thread). */
    public long deliveries() {
        return deliveries;
    }
}
