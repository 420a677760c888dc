package io.eksid.aws;

import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import io.eksid.model.time.Backoff;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the AWS side of one cluster's store fresh: each {@link AwsSource} is polled on the injected executor at
 * a steady interval; a failure is reported on that source alone (DEGRADED when throttled or partial, FORBIDDEN on
 * AccessDenied, ERROR otherwise) and the source is retried after an exponential backoff with full jitter, while
 * its last good data stays in the store. {@link #refreshNow()} polls every source at once (after a write, or
 * when the admin asks).
 */
public final class AwsPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsPoller.class);

    /** The default interval: fresh enough for a live picture, far below EKS and IAM request quotas. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private final ClusterStore store;
    private final ScheduledExecutorService executor;
    private final Backoff backoff;
    private final AwsFailures failures;
    private final AwsProfile profile;
    private final Duration interval;
    private final Map<String, Loop> loops = new LinkedHashMap<>();
    private volatile boolean closed;
    /** Sources not started yet because they need the cluster description; guards {@link #firstRoundLeft}. */
    private final List<Loop> waiting = new java.util.ArrayList<>();
    private int firstRoundLeft;

    public AwsPoller(ClusterStore store, List<AwsSource> sources, ScheduledExecutorService executor,
                     Backoff backoff, AwsFailures failures, AwsProfile profile, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, got " + interval);
        }
        for (AwsSource s : sources) {
            loops.put(s.name(), new Loop(s));
        }
    }

    /**
     * Reports every source as CONNECTING and polls them all at once, each on its own schedule from then on. A
     * source that {@linkplain AwsSource#needsCluster() needs the cluster description} starts with the others when
     * the store has it already, else as soon as it arrives (or once every other source has polled once, so it can
     * say itself what it waits for).
     */
    public void start() {
        List<Loop> now = new java.util.ArrayList<>();
        synchronized (waiting) {
            for (Loop l : loops.values()) {
                store.reportSource(l.source.name(), SourceState.CONNECTING, "");
                if (l.source.needsCluster() && store.cluster().isEmpty()) {
                    waiting.add(l);
                } else {
                    now.add(l);
                    if (!l.source.needsCluster()) {
                        firstRoundLeft++;
                    }
                }
            }
        }
        now.forEach(l -> executor.execute(l::run));
    }

    /** Starts the sources that waited for the cluster description, when it is there or nothing else is left. */
    private void startWaiting(boolean firstPollDone) {
        List<Loop> go;
        synchronized (waiting) {
            if (firstPollDone) {
                firstRoundLeft--;
            }
            if (waiting.isEmpty() || store.cluster().isEmpty() && firstRoundLeft > 0) {
                return;
            }
            go = List.copyOf(waiting);
            waiting.clear();
        }
        go.forEach(l -> executor.execute(l::run));
    }

    /** Polls every source as soon as possible (a poll already running is followed by another one). */
    public void refreshNow() {
        loops.values().forEach(Loop::refreshNow);
    }

    /** Polls one source as soon as possible, e.g. the roles once the service accounts that name them are known. */
    public void refreshNow(String source) {
        Loop l = loops.get(source);
        if (l == null) {
            throw new IllegalArgumentException("no AWS source named " + source + "; polled: " + loops.keySet());
        }
        l.refreshNow();
    }

    /** The delay chosen after the latest poll of {@code source} (interval, or a backoff after failures). */
    public Duration nextDelay(String source) {
        Loop l = loops.get(source);
        return l == null ? null : l.lastDelay;
    }

    /**
     * When the latest completed poll of {@code source} started, in {@link System#nanoTime()} terms, or empty
     * before its first poll ends. Lets a caller wait for a poll that saw data it wrote after a given moment.
     */
    public java.util.OptionalLong lastCompletedPollStart(String source) {
        Loop l = loops.get(source);
        long started = l == null ? Long.MIN_VALUE : l.completedStart;
        return started == Long.MIN_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(started);
    }

    /** The names of the polled sources, in first-round order. */
    public List<String> sourceNames() {
        return List.copyOf(loops.keySet());
    }

    /** Consecutive failed polls of {@code source}. */
    public int consecutiveFailures(String source) {
        Loop l = loops.get(source);
        return l == null ? 0 : l.failures;
    }

    @Override
    public void close() {
        closed = true;
        loops.values().forEach(Loop::cancel);
    }

    /** The schedule of one source. Only one poll of a source runs at a time. */
    private final class Loop {
        private final AwsSource source;
        private ScheduledFuture<?> next;
        private boolean running;
        private boolean rerun;
        private volatile int failures;
        private volatile Duration lastDelay;
        private volatile long completedStart = Long.MIN_VALUE;

        Loop(AwsSource source) {
            this.source = source;
        }

        synchronized void schedule(Duration delay) {
            if (closed) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            lastDelay = delay;
            next = executor.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized void refreshNow() {
            if (running) {
                rerun = true;
            } else {
                schedule(Duration.ZERO);
            }
        }

        synchronized void cancel() {
            if (next != null) {
                next.cancel(false);
            }
        }

        private void run() {
            synchronized (this) {
                if (running || closed) {
                    return;
                }
                running = true;
                next = null;
            }
            Duration delay;
            long started = System.nanoTime();
            try {
                String partial = source.refresh();
                if (partial == null || partial.isEmpty()) {
                    store.reportSource(source.name(), SourceState.LIVE, "");
                } else {
                    store.reportSource(source.name(), SourceState.DEGRADED, partial);
                }
                failures = 0;
                delay = interval;
            } catch (RuntimeException e) {
                AwsFailure f = AwsPoller.this.failures.classify(e, profile);
                store.reportSource(source.name(), f.state(), f.reason());
                Duration wait = backoff.delay(failures);
                failures = failures + 1;
                // Throttling and 5xx retry on the jittered backoff; a denied or broken source need not be
                // asked more often than the steady interval.
                delay = f.state() == SourceState.DEGRADED || wait.compareTo(interval) > 0 ? wait : interval;
                LOG.debug("{} failed ({}), next poll in {}", source.name(), f.state(), delay, e);
            }
            boolean first = completedStart == Long.MIN_VALUE;
            completedStart = started;
            startWaiting(first && !source.needsCluster());
            synchronized (this) {
                running = false;
                if (rerun) {
                    rerun = false;
                    delay = Duration.ZERO;
                }
                schedule(delay);
            }
        }
    }
}
