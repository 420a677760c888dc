package io.eksid.aws;

import io.eksid.model.time.Sleeper;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Signs a profile in to IAM Identity Center with the OIDC device flow and caches the token where the AWS CLI
 * does, so both share it. One call for the CLI's {@code eksid login} and the console's Sign in button.
 */
public final class SsoLogin {

    private final AwsEnvironment environment;
    private final Clock clock;

    public SsoLogin(AwsEnvironment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    /**
     * @param profileName the profile to sign in, or null for the default profile
     * @param show        receives the verification URL and user code to show the user
     * @return the token's expiry, for the message after sign-in
     * @throws SsoSignInException for a profile that is not an IAM Identity Center profile, or a refused sign-in
     */
    public SsoToken signIn(String profileName, Consumer<SsoSignIn.DeviceAuthorization> show, BooleanSupplier cancelled)
            throws InterruptedException {
        AwsProfiles.Listing listing = new AwsProfiles(environment).load();
        String name = profileName != null ? profileName : environment.defaultProfileName();
        AwsProfile profile = listing.profile(name).orElseThrow(() -> new SsoSignInException(
                "no AWS profile named '" + name + "' in " + environment.configFile()));
        if (!profile.usesSso()) {
            throw new SsoSignInException("profile '" + name + "' does not use IAM Identity Center (no sso_session or "
                    + "sso_start_url): there is nothing to sign in to");
        }
        SsoSignIn flow = new SsoSignIn(new SsoTokenCache(environment.ssoCacheDirectory()), clock, Sleeper.system());
        return flow.signIn(profile, SsoSignIn.clientFor(profile, listing.profileFile()), show, cancelled);
    }
}
