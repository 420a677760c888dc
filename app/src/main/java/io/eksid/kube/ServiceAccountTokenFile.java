package io.eksid.kube;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The pod's projected service account token, re-read from its file at most once a minute: the kubelet rotates
 * it in place (bound tokens expire), so a long scan or a watch must not keep the first one.
 */
final class ServiceAccountTokenFile implements OAuthTokenProvider {

    private static final Duration REREAD = Duration.ofMinutes(1);

    private final Path file;
    private final Clock clock;
    private String token;
    private Instant readAt = Instant.MIN;

    ServiceAccountTokenFile(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public synchronized String getToken() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(readAt.plus(REREAD))) {
            try {
                token = Files.readString(file, StandardCharsets.UTF_8).strip();
                readAt = now;
            } catch (IOException e) {
                if (token == null) {
                    throw new KubeException(KubeFailure.INVALID_CONTEXT, "cannot read the service account token "
                            + file + ": " + e.getMessage(), 0, e);
                }
                // Keep the last token: a rotation mid-write must not break requests in flight.
            }
        }
        return token;
    }
}
