package io.eksid.engine.run;

import io.eksid.model.time.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token bucket per AWS service (IAM's mutating calls are throttled per account at a few requests a second).
 * Callers block in {@link #acquire()} until a permit is free, so bounded parallel workers never exceed the
 * rate together. Time comes from an injected nano clock and waiting from an injected {@link Sleeper}.
 */
public final class RateLimiter {

    private final double permitsPerSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double available;
    private long last;

    public RateLimiter(double permitsPerSecond, double burst, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + permitsPerSecond
                    + "/s burst " + burst);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.available = burst;
        this.last = nanoTime.getAsLong();
    }

    public static RateLimiter perSecond(double permitsPerSecond) {
        return new RateLimiter(permitsPerSecond, Math.max(1, permitsPerSecond), System::nanoTime, Sleeper.system());
    }

    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** Takes one permit, waiting as long as needed. */
    public void acquire() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            refill();
            available -= 1;
            // A negative balance is a reservation: this caller waits until its permit has accrued.
            wait = available >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-available / permitsPerSecond * 1e9));
        }
        sleeper.sleep(wait);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        available = Math.min(burst, available + (now - last) / 1e9 * permitsPerSecond);
        last = now;
    }
}
