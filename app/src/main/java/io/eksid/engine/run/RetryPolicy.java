package io.eksid.engine.run;

import io.eksid.model.time.Backoff;
import io.eksid.model.time.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Retries a call on transient failures (5xx, unreachable servers) with the {@link Backoff} every other wait uses:
 * exponential with full jitter, so parallel workers spread apart instead of retrying in lock-step. The one retry
 * layer for Kubernetes calls; AWS calls are retried by the SDK and never through here.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Backoff backoff;
    private final Predicate<Throwable> transientFailure;
    private final Sleeper sleeper;

    public RetryPolicy(int maxAttempts, Duration base, Duration cap, Predicate<Throwable> transientFailure,
                       DoubleSupplier random, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.backoff = new Backoff(base, cap, random);
        this.transientFailure = Objects.requireNonNull(transientFailure);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** The longest wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration ceiling(int attempt) {
        return backoff.ceiling(attempt - 1);
    }

    public <T> T call(Callable<T> action) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.call();
            } catch (Exception e) {
                if (attempt >= maxAttempts || !transientFailure.test(e)) {
                    throw e;
                }
                sleeper.sleep(backoff.delay(attempt - 1));
            }
        }
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
