package io.eksid.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * One named AWS profile as an admin configured it.
 *
 * @param region         the profile's {@code region}, or null
 * @param hasEndpointUrl the profile (or its {@code services} section) sets {@code endpoint_url}
 * @param ssoSession     the {@code sso_session} name, for {@link ProfileKind#SSO_SESSION}
 * @param ssoStartUrl    the IAM Identity Center start URL (from the profile or its sso-session section)
 * @param ssoRegion      the IAM Identity Center region (from the profile or its sso-session section)
 * @param roleArn        {@code role_arn} for assume-role kinds, or the SSO role name for SSO kinds
 * @param sourceProfile  {@code source_profile} for {@link ProfileKind#ASSUME_ROLE}
 * @param ssoAccountId   {@code sso_account_id} for SSO kinds
 */
public record AwsProfile(String name, ProfileKind kind, String region, boolean hasEndpointUrl, String ssoSession,
                         String ssoStartUrl, String ssoRegion, String roleArn, String sourceProfile,
                         String ssoAccountId) {

    public AwsProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The account this profile's credentials belong to when the profile itself says so ({@code role_arn}'s
     * account, {@code sso_account_id}), without calling STS.
     */
    public Optional<String> declaredAccount() {
        if (ssoAccountId != null && !ssoAccountId.isBlank()) {
            return Optional.of(ssoAccountId.strip());
        }
        if (roleArn != null && roleArn.startsWith("arn:")) {
            String[] parts = roleArn.split(":", 6);
            if (parts.length == 6 && parts[4].matches("\\d{12}")) {
                return Optional.of(parts[4]);
            }
        }
        return Optional.empty();
    }

    public Optional<String> regionIfSet() {
        return Optional.ofNullable(region);
    }

    public boolean usesSso() {
        return kind == ProfileKind.SSO_SESSION || kind == ProfileKind.SSO_LEGACY;
    }

    /** The key the SSO token cache file is named by: the session name, or the start URL for legacy profiles. */
    public Optional<String> ssoCacheKey() {
        if (kind == ProfileKind.SSO_SESSION) {
            return Optional.ofNullable(ssoSession);
        }
        if (kind == ProfileKind.SSO_LEGACY) {
            return Optional.ofNullable(ssoStartUrl);
        }
        return Optional.empty();
    }
}
