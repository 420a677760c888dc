package io.eksid.sandbox.kube;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Replaces pods at a steady rate so the console's graph is visibly live: each tick deletes random pods that a
 * controller owns, and the controller recreates them (new name, uid, start time).
 */
final class PodChurn implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final IntConsumer replacePods;
    private ScheduledFuture<?> task;

    PodChurn(String clusterName, IntConsumer replacePods) {
        this.replacePods = replacePods;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-churn-" + clusterName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts (or retunes) churn; at most 20 ticks a second, several pods per tick above that (each tick lists the
     * cluster's pods once, so fewer, larger ticks keep high rates reachable on large clusters).
     */
    synchronized void start(double podsPerSecond) {
        if (!(podsPerSecond > 0) || Double.isInfinite(podsPerSecond)) {
            throw new IllegalArgumentException("churn rate must be a positive number of pods per second, got "
                    + podsPerSecond);
        }
        stop();
        long periodMicros = Math.max(50_000, (long) (1_000_000 / podsPerSecond));
        int perTick = (int) Math.max(1, Math.round(podsPerSecond * periodMicros / 1_000_000.0));
        task = timer.scheduleAtFixedRate(() -> {
            try {
                replacePods.accept(perTick);
            } catch (RuntimeException e) {
                // A pod deleted concurrently by a client is not a reason to stop churning.
                org.slf4j.LoggerFactory.getLogger(PodChurn.class).debug("churn tick failed", e);
            }
        }, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    synchronized boolean running() {
        return task != null;
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }

    static <T> T pick(List<T> items, java.util.random.RandomGenerator random) {
        return items.get(random.nextInt(items.size()));
    }
}
