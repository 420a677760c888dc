package io.eksid.model.time;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): the n-th
 * retry waits a uniformly random time in {@code [0, min(cap, base * 2^n)]}, which spreads many clients apart
 * better than any fixed schedule when a service throttles all of them at once.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;

    /**
     * @param random uniform values in {@code [0, 1)}; injected so tests can pin the jitter
     */
    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.base = Objects.requireNonNull(base, "base");
        this.cap = Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base=" + base + " cap=" + cap);
        }
    }

    /** {@link #standard(DoubleSupplier)} with the thread's own random numbers. */
    public static Backoff standard() {
        return standard(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** One second doubling up to five minutes, the shape the AWS SDKs use for throttled polling. */
    public static Backoff standard(DoubleSupplier random) {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), random);
    }

    /** The upper bound of the wait before retry number {@code attempt} (0-based). */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
        long baseMs = base.toMillis();
        long capMs = cap.toMillis();
        // Avoid overflow: once base * 2^attempt passes the cap, the cap applies.
        long ceiling = capMs;
        if (attempt < 62) {
            long factor = 1L << attempt;
            if (baseMs <= capMs / factor) {
                ceiling = baseMs * factor;
            }
        }
        return Duration.ofMillis(Math.min(ceiling, capMs));
    }

    /** The wait before retry number {@code attempt} (0-based): uniform in {@code [0, ceiling(attempt)]}. */
    public Duration delay(int attempt) {
        double r = random.getAsDouble();
        if (r < 0 || r >= 1 || Double.isNaN(r)) {
            throw new IllegalStateException("jitter source must yield values in [0, 1), got " + r);
        }
        return Duration.ofMillis((long) Math.floor(ceiling(attempt).toMillis() * r));
    }
}
