package io.eksid.kube;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Supplies the bearer token from an exec plugin to every request, re-running the plugin shortly before the token
 * expires ({@code aws eks get-token} tokens live 15 minutes). Without an expiry it re-runs after
 * {@code defaultLifetime}, as client-go re-runs plugins that give none when the server answers 401.
 */
public final class ExecTokenProvider implements OAuthTokenProvider {

    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final ExecPlugin exec;
    private final ExecCredentialRunner runner;
    private final Clock clock;
    private final Duration defaultLifetime;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public ExecTokenProvider(ExecPlugin exec, ExecCredentialRunner runner, Clock clock, Duration defaultLifetime) {
        this.exec = Objects.requireNonNull(exec);
        this.runner = Objects.requireNonNull(runner);
        this.clock = Objects.requireNonNull(clock);
        this.defaultLifetime = Objects.requireNonNull(defaultLifetime);
    }

    /** Seeds the cache with a credential already obtained (the connector runs the plugin once up front). */
    public synchronized void accept(ExecCredential credential) {
        token = credential.token();
        Instant now = clock.instant();
        Instant expiry = credential.expirationTimestamp();
        refreshAt = expiry == null ? now.plus(defaultLifetime) : expiry.minus(REFRESH_MARGIN);
        if (refreshAt.isBefore(now)) {
            refreshAt = now;
        }
    }

    @Override
    public synchronized String getToken() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            ExecCredential credential = runner.run(exec);
            if (!credential.hasToken()) {
                throw new ExecPluginException("exec plugin '" + exec.commandLine() + "' stopped returning a token");
            }
            accept(credential);
        }
        return token;
    }
}
