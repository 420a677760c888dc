package io.eksid.aws;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;

/**
 * The EKS, IAM and STS clients of one profile, built only from the standard settings an admin already uses:
 * the profile's credentials (static keys, assume-role, credential_process, IAM Identity Center), the region
 * ({@code AWS_REGION}, else the profile's) and endpoint resolution left entirely to the SDK. The SDK is handed the
 * same {@link ProfileFile} we listed, so a profile's {@code endpoint_url}, its {@code services} section,
 * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>} (or the {@code aws.endpointUrl*} system
 * properties) all apply; nothing here ever names an endpoint, a region or an account.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsProfile profile;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final ClientOverrideConfiguration override;
    private final EksClient eks;
    private final IamClient iam;
    /** Built on first use: only cross-account lookups need it, and building a client costs startup time. */
    private StsClient sts;
    private boolean closed;
    private final List<AutoCloseable> resources;
    private final SdkAttempts attempts;

    private AwsClients(AwsProfile profile, String region, AwsCredentialsProvider credentials,
                       ClientOverrideConfiguration override, SdkAttempts attempts, List<AutoCloseable> resources) {
        this.resources = List.copyOf(resources);
        this.attempts = attempts;
        this.profile = profile;
        this.region = region;
        this.credentials = credentials;
        this.override = override;
        this.eks = configure(EksClient.builder()).build();
        this.iam = configure(IamClient.builder()).build();
    }

    /**
     * Builds the clients for {@code profileName} from {@code listing}.
     *
     * @param regionOverride a region chosen by the caller (for example from a kubeconfig exec argument), or null
     * @throws AwsSetupException when the profile does not exist or no region can be determined
     */
    public static AwsClients forProfile(AwsProfiles.Listing listing, AwsEnvironment env, String profileName,
                                        String regionOverride) {
        AwsProfile profile = listing.profile(profileName).or(() -> implicitDefault(env, profileName))
                .orElseThrow(() -> new AwsSetupException(
                "There is no AWS profile named '" + profileName + "' in " + env.configFile() + " or "
                        + env.credentialsFile() + "."));
        String region = Optional.ofNullable(regionOverride).filter(r -> !r.isBlank())
                .or(env::regionOverride)
                .or(profile::regionIfSet)
                .orElseThrow(() -> new AwsSetupException("The AWS profile '" + profileName
                        + "' has no region. Add 'region = <region>' to it or set AWS_REGION."));
        List<AutoCloseable> resources = new ArrayList<>();
        AwsCredentialsProvider credentials = credentials(listing, profile, region, resources, new LinkedHashSet<>());
        SdkAttempts attempts = new SdkAttempts();
        return new AwsClients(profile, region, credentials, overrideFor(listing.profileFile(), profileName)
                .toBuilder().addExecutionInterceptor(attempts).build(), attempts, resources);
    }

    /**
     * The SDK's default profile exists even without any profile file: then the standard chain alone decides
     * (environment keys, web identity, container credentials such as Pod Identity, instance profile), which is
     * how a pod gets its credentials. A profile named explicitly must still exist.
     */
    private static Optional<AwsProfile> implicitDefault(AwsEnvironment env, String profileName) {
        if (!"default".equals(profileName) || !"default".equals(env.defaultProfileName())) {
            return Optional.empty();
        }
        return Optional.of(new AwsProfile("default", ProfileKind.NO_CREDENTIALS, null, false, null, null, null, null,
                null, null));
    }

    private static ClientOverrideConfiguration overrideFor(ProfileFile file, String profileName) {
        return ClientOverrideConfiguration.builder()
                .defaultProfileFileSupplier(() -> file)
                .defaultProfileName(profileName)
                .retryStrategy(retryStrategy(file, profileName))
                .build();
    }

    /**
     * The profile's credentials. {@code role_arn} + {@code source_profile} is resolved here rather than inside the
     * SDK so that the AssumeRole call goes through an STS client with this profile's endpoint settings (the SDK's
     * own assume-role provider builds its STS client from the default profile, ignoring {@code endpoint_url} of a
     * named profile). Everything else, including MFA-protected roles, is left to the SDK's profile provider.
     */
    private static AwsCredentialsProvider credentials(AwsProfiles.Listing listing, AwsProfile profile, String region,
                                                      List<AutoCloseable> resources, Set<String> visiting) {
        ProfileFile file = listing.profileFile();
        Supplier<ProfileFile> files = () -> file;
        if (!visiting.add(profile.name())) {
            throw new AwsSetupException("The AWS profiles " + String.join(" -> ", visiting) + " -> " + profile.name()
                    + " name each other as source_profile in a loop.");
        }
        Optional<Profile> raw = file.profile(profile.name());
        boolean mfa = raw.flatMap(p -> p.property("mfa_serial")).isPresent();
        if (profile.kind() == ProfileKind.ASSUME_ROLE && !mfa && !profile.name().equals(profile.sourceProfile())) {
            AwsProfile source = listing.profile(profile.sourceProfile()).orElseThrow(() -> new AwsSetupException(
                    "The AWS profile '" + profile.name() + "' names source_profile '" + profile.sourceProfile()
                            + "', which does not exist."));
            AwsCredentialsProvider sourceCredentials = credentials(listing, source, region, resources, visiting);
            StsClient sts = StsClient.builder().region(Region.of(region)).credentialsProvider(sourceCredentials)
                    .overrideConfiguration(overrideFor(file, profile.name())).build();
            resources.add(sts);
            String sessionName = raw.flatMap(p -> p.property(ProfileProperty.ROLE_SESSION_NAME))
                    .orElse("eksid-" + System.currentTimeMillis());
            Optional<String> externalId = raw.flatMap(p -> p.property(ProfileProperty.EXTERNAL_ID));
            Optional<Integer> duration = raw.flatMap(p -> p.property("duration_seconds"))
                    .flatMap(AwsClients::positiveInt);
            StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(r -> {
                        r.roleArn(profile.roleArn()).roleSessionName(sessionName);
                        externalId.ifPresent(r::externalId);
                        duration.ifPresent(r::durationSeconds);
                    }).build();
            resources.add(provider);
            return provider;
        }
        AwsCredentialsProvider provider = profile.kind() == ProfileKind.NO_CREDENTIALS
                ? DefaultCredentialsProvider.builder().profileFile(files).profileName(profile.name()).build()
                : ProfileCredentialsProvider.builder().profileFile(files).profileName(profile.name()).build();
        if (provider instanceof AutoCloseable c) {
            resources.add(c);
        }
        return provider;
    }

    /** Attempts per call unless the profile says otherwise: enough to ride out sustained throttling. */
    static final int DEFAULT_MAX_ATTEMPTS = 10;

    /**
     * The one retry layer for every AWS call (the console's reads, planning and the conversion's steps alike): the
     * SDK's standard strategy (exponential backoff with jitter, throttling recognised by error code) with
     * {@value #DEFAULT_MAX_ATTEMPTS} attempts and no retry quota, so a burst of throttling slows calls down
     * instead of failing them once the quota is spent. Client-side rate limiting is not the SDK's job here: the
     * conversion has its own per-service limiter. An admin's {@code retry_mode} / {@code AWS_RETRY_MODE} and
     * {@code max_attempts} win.
     */
    static RetryStrategy retryStrategy(ProfileFile file, String profileName) {
        Optional<Integer> maxAttempts = file.profile(profileName)
                .flatMap(p -> p.property(ProfileProperty.MAX_ATTEMPTS))
                .flatMap(AwsClients::positiveInt);
        boolean chosen = file.profile(profileName).flatMap(p -> p.property(ProfileProperty.RETRY_MODE)).isPresent()
                || System.getenv("AWS_RETRY_MODE") != null || System.getProperty("aws.retryMode") != null;
        RetryStrategy strategy;
        if (chosen) {
            strategy = AwsRetryStrategy.forRetryMode(RetryMode.resolver().profileFile(() -> file)
                    .profileName(profileName).defaultRetryMode(RetryMode.STANDARD).resolve());
        } else {
            strategy = AwsRetryStrategy.standardRetryStrategy().toBuilder().circuitBreakerEnabled(false)
                    .maxAttempts(DEFAULT_MAX_ATTEMPTS).build();
        }
        return maxAttempts.<RetryStrategy>map(n -> strategy.toBuilder().maxAttempts(n).build()).orElse(strategy);
    }

    private static Optional<Integer> positiveInt(String s) {
        try {
            int n = Integer.parseInt(s.strip());
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return builder.region(Region.of(region)).credentialsProvider(credentials).overrideConfiguration(override);
    }

    public AwsProfile profile() {
        return profile;
    }

    public String region() {
        return region;
    }

    public EksClient eks() {
        return eks;
    }

    public IamClient iam() {
        return iam;
    }

    public synchronized StsClient sts() {
        if (closed) {
            throw new IllegalStateException("the AWS clients of profile " + profile.name() + " are closed");
        }
        if (sts == null) {
            sts = configure(StsClient.builder()).build();
        }
        return sts;
    }

    /** What these clients have sent so far, attempt by attempt. */
    public SdkAttempts attempts() {
        return attempts;
    }

    @Override
    public void close() {
        IoUtils.closeQuietly(eks, null);
        IoUtils.closeQuietly(iam, null);
        synchronized (this) {
            closed = true;
            IoUtils.closeQuietly(sts, null);
        }
        // Providers before the STS clients they use, in reverse order of creation.
        for (int i = resources.size() - 1; i >= 0; i--) {
            IoUtils.closeQuietly(resources.get(i), null);
        }
    }

    @Override
    public String toString() {
        return "AwsClients[profile=" + profile.name() + ", region=" + region + "]";
    }

}
