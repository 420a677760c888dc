package io.eksid.kube;

import java.time.Duration;

/**
 * How a reflector lists and retries.
 *
 * @param pageSize       items per list page ({@code limit}); large clusters are listed in pages, never at once
 * @param initialBackoff first wait after a failure; doubles up to {@code maxBackoff}
 * @param maxBackoff     longest wait between attempts
 * @param syncTimeout    how long the watcher waits for owner kinds to sync before pods start anyway
 */
public record ReflectorSettings(long pageSize, Duration initialBackoff, Duration maxBackoff, Duration syncTimeout) {

    public static final ReflectorSettings DEFAULTS =
            new ReflectorSettings(500, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));
}
