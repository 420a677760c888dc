package io.eksid.aws;

import java.time.Duration;

/** Waits; injected so polling loops can be tested without real time passing. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return d -> Thread.sleep(Math.max(0, d.toMillis()));
    }
}
