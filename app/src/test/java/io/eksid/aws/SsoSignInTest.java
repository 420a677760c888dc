package io.eksid.aws;

import io.eksid.model.time.Sleeper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenRequest;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientRequest;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationRequest;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

class SsoSignInTest {

    @TempDir
    Path dir;

    /** A clock the fake sleeper advances, so deadlines are tested without waiting. */
    private static final class FakeTime implements Sleeper {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        final List<Duration> sleeps = new ArrayList<>();

        Clock clock() {
            return new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }

        @Override
        public void sleep(Duration d) {
            sleeps.add(d);
            now = now.plus(d);
        }
    }

    /** The IAM Identity Center OIDC service as the device flow sees it; CreateToken answers come from a script. */
    private static final class FakeOidc implements SsoOidcClient {
        final List<RegisterClientRequest> registrations = new ArrayList<>();
        final List<StartDeviceAuthorizationRequest> authorizations = new ArrayList<>();
        final List<CreateTokenRequest> tokenRequests = new ArrayList<>();
        final Deque<Supplier<CreateTokenResponse>> script = new ArrayDeque<>();

        @Override
        public RegisterClientResponse registerClient(RegisterClientRequest request) {
            registrations.add(request);
            return RegisterClientResponse.builder().clientId("cid-" + registrations.size()).clientSecret("csecret")
                    .clientSecretExpiresAt(Instant.parse("2027-02-25T12:00:00Z").getEpochSecond()).build();
        }

        @Override
        public StartDeviceAuthorizationResponse startDeviceAuthorization(StartDeviceAuthorizationRequest request) {
            authorizations.add(request);
            return StartDeviceAuthorizationResponse.builder().deviceCode("device-code").userCode("WXYZ-1234")
                    .verificationUri("https://device.sso.eu-central-1.amazonaws.com/")
                    .verificationUriComplete("https://device.sso.eu-central-1.amazonaws.com/?user_code=WXYZ-1234")
                    .expiresIn(600).interval(1).build();
        }

        @Override
        public CreateTokenResponse createToken(CreateTokenRequest request) {
            tokenRequests.add(request);
            return script.isEmpty() ? pending() : script.poll().get();
        }

        @Override
        public String serviceName() {
            return "sso-oauth";
        }

        @Override
        public void close() {
        }
    }

    private static CreateTokenResponse pending() {
        throw AuthorizationPendingException.builder().message("pending").build();
    }

    private static CreateTokenResponse slowDown() {
        throw SlowDownException.builder().message("slow down").build();
    }

    private static CreateTokenResponse granted() {
        return CreateTokenResponse.builder().accessToken("new-access").refreshToken("new-refresh").expiresIn(28_800)
                .tokenType("Bearer").build();
    }

    private static AwsProfile profile() {
        return new AwsProfile("corp-dev", ProfileKind.SSO_SESSION, "us-west-2", false, "corp",
                "https://corp.awsapps.com/start", "eu-central-1", "PlatformAdmin", null, "777788889999");
    }

    @Test
    void pollsThroughPendingAndSlowDownThenCachesTheTokenWhereTheCliReadsIt() throws Exception {
        FakeTime time = new FakeTime();
        FakeOidc oidc = new FakeOidc();
        oidc.script.add(SsoSignInTest::pending);
        oidc.script.add(SsoSignInTest::slowDown);
        oidc.script.add(SsoSignInTest::pending);
        oidc.script.add(SsoSignInTest::granted);
        SsoTokenCache cache = new SsoTokenCache(dir);
        List<SsoSignIn.DeviceAuthorization> shown = new ArrayList<>();

        SsoToken token = new SsoSignIn(cache, time.clock(), time).signIn(profile(), oidc, shown::add, () -> false);

        assertThat(shown).singleElement().satisfies(d -> {
            assertThat(d.userCode()).isEqualTo("WXYZ-1234");
            assertThat(d.verificationUriComplete()).endsWith("user_code=WXYZ-1234");
        });
        // interval 1 s; slow_down adds 5 s for every later poll (RFC 8628 section 3.5).
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(6),
                Duration.ofSeconds(6));
        assertThat(oidc.tokenRequests).allSatisfy(r -> {
            assertThat(r.grantType()).isEqualTo(SsoSignIn.DEVICE_CODE_GRANT);
            assertThat(r.deviceCode()).isEqualTo("device-code");
            assertThat(r.clientId()).isEqualTo("cid-1");
        });
        assertThat(oidc.registrations).singleElement().satisfies(r -> {
            assertThat(r.grantTypes()).containsExactly(SsoSignIn.DEVICE_CODE_GRANT, SsoSignIn.REFRESH_TOKEN_GRANT);
            assertThat(r.issuerUrl()).isEqualTo("https://corp.awsapps.com/start");
        });
        assertThat(oidc.authorizations).singleElement()
                .satisfies(a -> assertThat(a.startUrl()).isEqualTo("https://corp.awsapps.com/start"));
        assertThat(token.expiresAt()).isEqualTo(time.now.plusSeconds(28_800));
        SsoToken cached = cache.read("corp").orElseThrow();
        assertThat(cached).isEqualTo(token);
        assertThat(cached.accessToken()).isEqualTo("new-access");
        assertThat(cached.refreshToken()).isEqualTo("new-refresh");
        assertThat(cached.clientId()).isEqualTo("cid-1");
        assertThat(cached.registrationExpiresAt()).isEqualTo(Instant.parse("2027-02-25T12:00:00Z"));
        assertThat(cached.region()).isEqualTo("eu-central-1");
        assertThat(new SsoSessions(cache, time.clock()).status(profile()).orElseThrow().state())
                .isEqualTo(SsoSessions.State.SIGNED_IN);
    }

    @Test
    void reusesAValidClientRegistrationFromTheCache() throws Exception {
        FakeTime time = new FakeTime();
        SsoTokenCache cache = new SsoTokenCache(dir);
        cache.write("corp", new SsoToken("https://corp.awsapps.com/start", "eu-central-1", "old",
                time.now.minusSeconds(60), "r", "cached-client", "cached-secret", time.now.plus(Duration.ofDays(30))));
        FakeOidc oidc = new FakeOidc();
        oidc.script.add(SsoSignInTest::granted);

        SsoToken token = new SsoSignIn(cache, time.clock(), time).signIn(profile(), oidc, d -> { }, () -> false);

        assertThat(oidc.registrations).isEmpty();
        assertThat(oidc.authorizations.get(0).clientId()).isEqualTo("cached-client");
        assertThat(token.clientId()).isEqualTo("cached-client");
    }

    @Test
    void stopsWhenTheCodeExpiresIsDeniedOrIsCancelled() {
        FakeTime time = new FakeTime();
        SsoTokenCache cache = new SsoTokenCache(dir);
        SsoSignIn signIn = new SsoSignIn(cache, time.clock(), time);

        FakeOidc neverConfirmed = new FakeOidc(); // pending forever: the 600 s code lifetime runs out
        assertThatThrownBy(() -> signIn.signIn(profile(), neverConfirmed, d -> { }, () -> false))
                .isInstanceOf(SsoSignInException.class).hasMessageContaining("expired before it was confirmed");
        assertThat(neverConfirmed.tokenRequests).hasSize(600);

        FakeOidc expired = new FakeOidc();
        expired.script.add(() -> {
            throw ExpiredTokenException.builder().message("expired").build();
        });
        assertThatThrownBy(() -> signIn.signIn(profile(), expired, d -> { }, () -> false))
                .isInstanceOf(SsoSignInException.class).hasMessageContaining("start the sign-in again");

        FakeOidc denied = new FakeOidc();
        denied.script.add(() -> {
            throw AccessDeniedException.builder().message("denied").build();
        });
        assertThatThrownBy(() -> signIn.signIn(profile(), denied, d -> { }, () -> false))
                .isInstanceOf(SsoSignInException.class).hasMessageContaining("was denied");

        assertThatThrownBy(() -> signIn.signIn(profile(), new FakeOidc(), d -> { }, () -> true))
                .isInstanceOf(SsoSignInException.class).hasMessageContaining("cancelled");
        assertThat(cache.read("corp")).isEmpty();
    }

    @Test
    void refusesProfilesThatDoNotUseIdentityCenter() {
        FakeTime time = new FakeTime();
        AwsProfile keys = new AwsProfile("k", ProfileKind.STATIC_KEYS, "us-west-2", false, null, null, null, null,
                null, null);

        assertThatThrownBy(() -> new SsoSignIn(new SsoTokenCache(dir), time.clock(), time)
                .signIn(keys, new FakeOidc(), d -> { }, () -> false))
                .isInstanceOf(AwsSetupException.class).hasMessageContaining("does not use IAM Identity Center");
    }
}
