package io.eksid.engine.run;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Retries a call on transient failures (throttling, 5xx, dropped connections) with exponential backoff and full
 * jitter: the n-th wait is uniform in [0, min(cap, base * 2^n)]. Full jitter spreads parallel workers apart
 * instead of letting them retry in lock-step against the same throttle.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final Predicate<Throwable> transientFailure;
    private final DoubleSupplier random;
    private final Sleeper sleeper;

    public RetryPolicy(int maxAttempts, Duration base, Duration cap, Predicate<Throwable> transientFailure,
                       DoubleSupplier random, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.base = Objects.requireNonNull(base);
        this.cap = Objects.requireNonNull(cap);
        this.transientFailure = Objects.requireNonNull(transientFailure);
        this.random = Objects.requireNonNull(random);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** The longest wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration ceiling(int attempt) {
        double nanos = base.toNanos() * Math.pow(2, Math.min(attempt - 1, 30));
        return Duration.ofNanos((long) Math.min(cap.toNanos(), nanos));
    }

    public <T> T call(Callable<T> action) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.call();
            } catch (Exception e) {
                if (attempt >= maxAttempts || !transientFailure.test(e)) {
                    throw e;
                }
                long ceiling = ceiling(attempt).toNanos();
                sleeper.sleep(Duration.ofNanos((long) (random.getAsDouble() * ceiling)));
            }
        }
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
