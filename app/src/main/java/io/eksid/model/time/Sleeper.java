package io.eksid.model.time;

import java.time.Duration;

/** Waits; injected so that rate limits and backoff are testable without real time passing. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration d) throws InterruptedException;

    /** The real thing. */
    static Sleeper system() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
            }
        };
    }
}
