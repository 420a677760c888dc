package io.eksid.aws;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM Identity Center token as the AWS CLI v2 caches it under {@code ~/.aws/sso/cache/}. {@link #toString()}
 * never shows the secrets.
 */
public record SsoToken(String startUrl, String region, String accessToken, Instant expiresAt, String refreshToken,
                       String clientId, String clientSecret, Instant registrationExpiresAt) {

    public SsoToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The SDK can get a new access token without the browser: a refresh token and a live client registration. */
    public boolean refreshable(Instant now) {
        return refreshToken != null && clientId != null && clientSecret != null
                && registrationExpiresAt != null && now.isBefore(registrationExpiresAt);
    }

    /** A client registration that can be reused for the next sign-in. */
    public boolean registrationValid(Instant now) {
        return clientId != null && clientSecret != null && registrationExpiresAt != null
                && now.plusSeconds(60).isBefore(registrationExpiresAt);
    }

    @Override
    public String toString() {
        return "SsoToken[startUrl=" + startUrl + ", region=" + region + ", expiresAt=" + expiresAt
                + ", refreshable=" + (refreshToken != null) + "]";
    }
}
