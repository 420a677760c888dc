package io.eksid.aws;

import io.eksid.model.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * Signs in to IAM Identity Center with the OAuth device authorization flow, as {@code aws sso login} does:
 * RegisterClient (reusing a cached registration while it is valid), StartDeviceAuthorization (the admin opens the
 * verification URL and confirms the code), then CreateToken polled at the server's interval (RFC 8628:
 * {@code authorization_pending} keeps waiting, {@code slow_down} adds five seconds). The token is written to the
 * cache the AWS CLI v2 and the SDKs read, so they are signed in too. Tokens are never logged.
 */
public final class SsoSignIn {

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final String REFRESH_TOKEN_GRANT = "refresh_token";
    static final String CLIENT_NAME = "eksid";
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    /** What the admin must do in the browser. Contains no secret: the user code is shown on screen by design. */
    public record DeviceAuthorization(String verificationUri, String verificationUriComplete, String userCode,
                                      Instant expiresAt) {
    }

    private final SsoTokenCache cache;
    private final Clock clock;
    private final Sleeper sleeper;

    public SsoSignIn(SsoTokenCache cache, Clock clock, Sleeper sleeper) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * An OIDC client for the profile's IAM Identity Center region; endpoint settings of the profile apply.
     *
     * @throws AwsSetupException when the profile is not an SSO profile or lacks its start URL or region
     */
    public static SsoOidcClient clientFor(AwsProfile profile, ProfileFile profileFile) {
        requireSso(profile);
        return SsoOidcClient.builder()
                .region(Region.of(profile.ssoRegion()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .defaultProfileFile(profileFile).defaultProfileName(profile.name()).build())
                .build();
    }

    /**
     * Runs the whole sign-in and caches the token.
     *
     * @param show      receives the URL and code to show the admin (called once, before polling starts)
     * @param cancelled polled between attempts; when true the sign-in stops with {@link SsoSignInException}
     */
    public SsoToken signIn(AwsProfile profile, SsoOidcClient oidc, Consumer<DeviceAuthorization> show,
                           BooleanSupplier cancelled) throws InterruptedException {
        requireSso(profile);
        String cacheKey = profile.ssoCacheKey().orElseThrow();
        Instant now = clock.instant();
        Optional<SsoToken> previous = readQuietly(cacheKey);
        String clientId;
        String clientSecret;
        Instant registrationExpiresAt;
        if (previous.isPresent() && previous.get().registrationValid(now)) {
            clientId = previous.get().clientId();
            clientSecret = previous.get().clientSecret();
            registrationExpiresAt = previous.get().registrationExpiresAt();
        } else {
            RegisterClientResponse reg = oidc.registerClient(r -> {
                r.clientName(CLIENT_NAME).clientType("public");
                if (profile.kind() == ProfileKind.SSO_SESSION) {
                    // Refreshable sessions, as the CLI registers them for sso-session profiles.
                    r.grantTypes(List.of(DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT)).issuerUrl(profile.ssoStartUrl())
                            .scopes(List.of("sso:account:access"));
                }
            });
            clientId = reg.clientId();
            clientSecret = reg.clientSecret();
            registrationExpiresAt = reg.clientSecretExpiresAt() == null ? null
                    : Instant.ofEpochSecond(reg.clientSecretExpiresAt());
        }
        StartDeviceAuthorizationResponse device = oidc.startDeviceAuthorization(r -> r.clientId(clientId)
                .clientSecret(clientSecret).startUrl(profile.ssoStartUrl()));
        Instant deadline = clock.instant().plusSeconds(device.expiresIn() == null ? 600 : device.expiresIn());
        show.accept(new DeviceAuthorization(device.verificationUri(), device.verificationUriComplete(),
                device.userCode(), deadline));
        Duration interval = Duration.ofSeconds(device.interval() == null || device.interval() < 1
                ? 5 : device.interval());
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new SsoSignInException("Sign-in to " + describe(profile) + " was cancelled.");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new SsoSignInException("The sign-in code for " + describe(profile)
                        + " expired before it was confirmed; start the sign-in again.");
            }
            sleeper.sleep(interval);
            try {
                CreateTokenResponse token = oidc.createToken(r -> r.clientId(clientId).clientSecret(clientSecret)
                        .grantType(DEVICE_CODE_GRANT).deviceCode(device.deviceCode()));
                Instant issued = clock.instant();
                SsoToken t = new SsoToken(profile.ssoStartUrl(), profile.ssoRegion(), token.accessToken(),
                        issued.plusSeconds(token.expiresIn() == null ? 3600 : token.expiresIn()),
                        token.refreshToken(), clientId, clientSecret, registrationExpiresAt);
                cache.write(cacheKey, t);
                return t;
            } catch (AuthorizationPendingException e) {
                // The admin has not confirmed yet: keep polling at the same interval.
            } catch (SlowDownException e) {
                interval = interval.plus(SLOW_DOWN_STEP);
            } catch (ExpiredTokenException e) {
                throw new SsoSignInException("The sign-in code for " + describe(profile)
                        + " expired before it was confirmed; start the sign-in again.", e);
            } catch (AccessDeniedException e) {
                throw new SsoSignInException("The sign-in to " + describe(profile) + " was denied in the browser.",
                        e);
            }
        }
    }

    private Optional<SsoToken> readQuietly(String cacheKey) {
        try {
            return cache.read(cacheKey);
        } catch (AwsSetupException e) {
            return Optional.empty(); // a broken cache file is simply replaced by the new sign-in
        }
    }

    private static String describe(AwsProfile profile) {
        return profile.kind() == ProfileKind.SSO_SESSION ? "SSO session '" + profile.ssoSession() + "'"
                : "profile '" + profile.name() + "'";
    }

    private static void requireSso(AwsProfile profile) {
        if (!profile.usesSso()) {
            throw new AwsSetupException("The AWS profile '" + profile.name() + "' does not use IAM Identity Center ("
                    + profile.kind().description() + "); there is nothing to sign in to.");
        }
        if (profile.ssoStartUrl() == null || profile.ssoRegion() == null) {
            throw new AwsSetupException("The AWS profile '" + profile.name()
                    + "' needs sso_start_url and sso_region (in the profile or its sso-session section).");
        }
    }
}
