package io.eksid.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real fabric8 and AWS SDK clients built only from the files a sandbox wrote, as a user's tools would. */
final class SandboxClients {

    private SandboxClients() {
    }

    static KubernetesClient kube(Sandbox sandbox, String context) {
        try {
            String yaml = Files.readString(sandbox.kubeconfigPath());
            Config config = Config.fromKubeconfig(context, yaml, sandbox.kubeconfigPath().toString());
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProfileFile profiles(Sandbox sandbox) {
        return ProfileFile.aggregator()
                .addFile(ProfileFile.builder().content(sandbox.awsConfigPath())
                        .type(ProfileFile.Type.CONFIGURATION).build())
                .addFile(ProfileFile.builder().content(sandbox.awsCredentialsPath())
                        .type(ProfileFile.Type.CREDENTIALS).build())
                .build();
    }

    private static ProfileCredentialsProvider credentials(Sandbox sandbox, String profile) {
        return ProfileCredentialsProvider.builder().profileFile(profiles(sandbox)).profileName(profile).build();
    }

    private static java.net.URI endpoint(Sandbox sandbox, String profile) {
        return java.net.URI.create(profiles(sandbox).profile(profile).orElseThrow()
                .property(ProfileProperty.ENDPOINT_URL).orElseThrow());
    }

    static EksClient eks(Sandbox sandbox, String profile) {
        return EksClient.builder().region(Region.US_WEST_2).credentialsProvider(credentials(sandbox, profile))
                .endpointOverride(endpoint(sandbox, profile)).build();
    }

    static IamClient iam(Sandbox sandbox, String profile) {
        return IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials(sandbox, profile))
                .endpointOverride(endpoint(sandbox, profile)).build();
    }

    static StsClient sts(Sandbox sandbox, String profile) {
        return StsClient.builder().region(Region.US_WEST_2).credentialsProvider(credentials(sandbox, profile))
                .endpointOverride(endpoint(sandbox, profile)).build();
    }

    /** For fault tests: the first answer counts, no retries with back-off. */
    static StsClient stsWithoutRetries(Sandbox sandbox, String profile) {
        return StsClient.builder().region(Region.US_WEST_2).credentialsProvider(credentials(sandbox, profile))
                .endpointOverride(endpoint(sandbox, profile))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
