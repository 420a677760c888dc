package io.eksid.aws;

/** How a profile gets its credentials, as the AWS CLI and SDKs decide it from the profile's keys. */
public enum ProfileKind {
    /** {@code aws_access_key_id} + {@code aws_secret_access_key} (optionally a session token). */
    STATIC_KEYS("static access keys"),
    /** {@code role_arn} + {@code source_profile}: assume a role with another profile's credentials. */
    ASSUME_ROLE("assumes a role from another profile"),
    /** {@code role_arn} + {@code credential_source} (Environment, Ec2InstanceMetadata, EcsContainer). */
    ASSUME_ROLE_FROM_SOURCE("assumes a role from the environment"),
    /** {@code role_arn} + {@code web_identity_token_file}. */
    WEB_IDENTITY("web identity token file"),
    /** {@code credential_process}: an external program prints the credentials. */
    CREDENTIAL_PROCESS("credential process"),
    /** IAM Identity Center via an {@code [sso-session]} section (refreshable tokens). */
    SSO_SESSION("IAM Identity Center session"),
    /** IAM Identity Center with the legacy {@code sso_start_url} keys on the profile itself. */
    SSO_LEGACY("IAM Identity Center (legacy settings)"),
    /** Settings only (region, output): credentials must come from elsewhere. */
    NO_CREDENTIALS("no credentials in the profile");

    private final String description;

    ProfileKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
