package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsoSessionsTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T15:30:00Z"), ZoneId.of("UTC"));

    private static AwsProfile sessionProfile() {
        return new AwsProfile("corp-dev", ProfileKind.SSO_SESSION, "us-west-2", false, "corp",
                "https://corp.awsapps.com/start", "eu-central-1", "PlatformAdmin", null, "777788889999");
    }

    private static AwsProfile legacyProfile() {
        return new AwsProfile("legacy", ProfileKind.SSO_LEGACY, "us-east-1", false, null,
                "https://legacy.awsapps.com/start", "us-east-1", "ReadOnly", null, "123456789012");
    }

    @Test
    void anExpiredSessionIsExplainedWithTheTimeAndTheCommand() {
        SsoTokenCache cache = new SsoTokenCache(dir);
        cache.write("corp", new SsoToken("https://corp.awsapps.com/start", "eu-central-1", "t",
                Instant.parse("2026-11-27T14:02:00Z"), null, null, null, null));

        SsoSessions.Status status = new SsoSessions(cache, clock).status(sessionProfile()).orElseThrow();

        assertThat(status.state()).isEqualTo(SsoSessions.State.EXPIRED);
        assertThat(status.needsSignIn()).isTrue();
        assertThat(status.explanation()).isEqualTo("The SSO session 'corp' expired at 14:02; sign in again with "
                + "`aws sso login --sso-session corp` or the console's Sign in button.");
    }

    @Test
    void anExpiredTokenFromAnotherDayShowsTheDateInTheUsersZone() {
        SsoTokenCache cache = new SsoTokenCache(dir);
        cache.write("https://legacy.awsapps.com/start", new SsoToken(null, null, "t",
                Instant.parse("2026-11-25T08:15:00Z"), null, null, null, null));
        Clock berlin = Clock.fixed(clock.instant(), ZoneId.of("Europe/Berlin"));

        SsoSessions.Status status = new SsoSessions(cache, berlin).status(legacyProfile()).orElseThrow();

        assertThat(status.explanation()).isEqualTo("The SSO sign-in of profile 'legacy' expired at 2026-11-25 09:15; "
                + "sign in again with `aws sso login --profile legacy` or the console's Sign in button.");
    }

    @Test
    void anExpiredButRefreshableSessionNeedsNoBrowser() {
        SsoTokenCache cache = new SsoTokenCache(dir);
        cache.write("corp", new SsoToken("u", "r", "t", Instant.parse("2026-11-27T14:02:00Z"), "refresh", "id",
                "secret", Instant.parse("2027-01-01T00:00:00Z")));

        SsoSessions.Status status = new SsoSessions(cache, clock).status(sessionProfile()).orElseThrow();

        assertThat(status.state()).isEqualTo(SsoSessions.State.REFRESHABLE);
        assertThat(status.needsSignIn()).isFalse();
    }

    @Test
    void signedInSignedOutUnreadableAndNotSso() throws Exception {
        SsoTokenCache cache = new SsoTokenCache(dir);
        SsoSessions sessions = new SsoSessions(cache, clock);
        assertThat(sessions.status(sessionProfile()).orElseThrow().explanation())
                .isEqualTo("You are not signed in to the SSO session 'corp'; sign in with "
                        + "`aws sso login --sso-session corp` or the console's Sign in button.");

        cache.write("corp", new SsoToken("u", "r", "t", Instant.parse("2026-11-27T16:00:00Z"), null, null, null,
                null));
        assertThat(sessions.status(sessionProfile()).orElseThrow().state()).isEqualTo(SsoSessions.State.SIGNED_IN);

        Files.writeString(cache.fileFor("corp"), "garbage");
        assertThat(sessions.status(sessionProfile()).orElseThrow().state()).isEqualTo(SsoSessions.State.UNREADABLE);

        AwsProfile keys = new AwsProfile("k", ProfileKind.STATIC_KEYS, "us-west-2", false, null, null, null, null,
                null, null);
        assertThat(sessions.status(keys)).isEmpty();
    }
}
