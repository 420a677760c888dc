package io.eksid.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A running emulator with two accounts (the cluster account and a second one for cross-account
 * cases) and a cluster, plus real SDK clients pointed at it. Closing it checks that no request
 * hit an unexpected server-side exception.
 */
final class EmulatorFixture implements AutoCloseable {

    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String KEY = "AKIASANDBOXEXAMPLE01";
    static final String SECRET = "sandbox/secret/key/for/tests/only000000";
    static final String OTHER_KEY = "AKIASANDBOXEXAMPLE02";
    static final String REGION = "us-west-2";
    static final String CLUSTER = "prod";
    static final String ISSUER = "https://oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
    static final String POD_IDENTITY_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

    final AwsWorld world;
    final AwsEmulator emulator;
    private final List<AutoCloseable> clients = new ArrayList<>();

    EmulatorFixture() {
        this(java.time.Clock.systemUTC());
    }

    EmulatorFixture(java.time.Clock clock) {
        world = new AwsWorld(clock);
        emulator = new AwsEmulator(world);
        world.addAccount(ACCOUNT, KEY, SECRET, 2048);
        world.addAccount(OTHER_ACCOUNT, OTHER_KEY, SECRET, 2048);
        world.addCluster(ACCOUNT, REGION, CLUSTER, "1.31", "eks.12", ISSUER, "https://127.0.0.1:6443", false);
        emulator.start(0);
    }

    EksClient eks() {
        return eks(KEY, true);
    }

    EksClient eks(String accessKey, boolean retries) {
        return track(EksClient.builder().endpointOverride(emulator.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, SECRET)))
                .overrideConfiguration(override(retries)).build());
    }

    IamClient iam() {
        return iam(KEY, true);
    }

    IamClient iam(String accessKey, boolean retries) {
        return track(IamClient.builder().endpointOverride(emulator.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, SECRET)))
                .overrideConfiguration(override(retries)).build());
    }

    StsClient sts(String accessKey) {
        return sts(AwsBasicCredentials.create(accessKey, SECRET));
    }

    StsClient sts(AwsCredentials credentials) {
        return track(StsClient.builder().endpointOverride(emulator.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(override(false)).build());
    }

    IamClient iam(AwsCredentials credentials) {
        return track(IamClient.builder().endpointOverride(emulator.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(override(false)).build());
    }

    EksClient eks(AwsCredentials credentials) {
        return track(EksClient.builder().endpointOverride(emulator.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(override(false)).build());
    }

    /** Without retries: one attempt. With: the SDK's standard AWS strategy, patient but with short back-offs. */
    private static ClientOverrideConfiguration override(boolean retries) {
        ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder();
        if (retries) {
            BackoffStrategy quick = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50));
            b.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(12).backoffStrategy(quick).throttlingBackoffStrategy(quick).circuitBreakerEnabled(false)
                    .build());
        } else {
            b.retryStrategy(s -> s.maxAttempts(1));
        }
        return b.build();
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    String podIdentityRole(String name) {
        return world.createRole(ACCOUNT, "/", name, POD_IDENTITY_TRUST, null);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        emulator.close();
        assertThat(emulator.unexpectedErrors()).as("server-side bugs while answering").isEmpty();
    }
}
