package io.eksid.kube;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits for one connection, so nothing waits forever on a dead endpoint or a hanging credential plugin.
 *
 * @param connectTimeout TCP/TLS connect limit
 * @param requestTimeout limit for one request (lists are paged, so one page must fit in it)
 * @param execTimeout    limit for one run of the exec credential plugin
 */
public record KubeConnectOptions(Duration connectTimeout, Duration requestTimeout, Duration execTimeout) {

    public static final KubeConnectOptions DEFAULTS =
            new KubeConnectOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public KubeConnectOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(execTimeout, "execTimeout");
    }
}
