package io.eksid.kube;

import java.time.Duration;

/**
 * How a reflector lists and retries.
 *
 * @param pageSize       items per list page ({@code limit}); large clusters are listed in pages, never at once
 * @param initialBackoff ceiling of the first wait after a failure; doubles up to {@code maxBackoff} (full jitter)
 * @param maxBackoff     longest wait between attempts (and the wait before re-checking a kind the server does not serve)
 * @param syncTimeout    how long the watcher waits for owner kinds to sync before pods start anyway
 */
public record ReflectorSettings(long pageSize, Duration initialBackoff, Duration maxBackoff, Duration syncTimeout) {

    public static final ReflectorSettings DEFAULTS =
            new ReflectorSettings(500, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));
}
