package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.sandbox.aws.AwsEmulator;
import io.eksid.sandbox.aws.AwsWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The sandbox AWS emulator, reached the way an admin reaches AWS: through profiles in a temporary
 * {@code ~/.aws/config} whose {@code endpoint_url} points at the emulator. Two accounts: the cluster account and
 * another one for cross-account roles.
 */
final class SandboxAws implements AutoCloseable {

    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String KEY = "AKIASANDBOXAWSLIVE01";
    static final String OTHER_KEY = "AKIASANDBOXAWSLIVE02";
    static final String SECRET = "sandbox-secret-for-tests-only";
    static final String REGION = "us-west-2";
    static final String CLUSTER = "prod";
    static final String CLUSTER_SERVER = "https://127.0.0.1:6443";
    static final String ISSUER = "https://oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
    static final String ISSUER_HOST_PATH = "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
    static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + ISSUER_HOST_PATH;
    static final String POD_IDENTITY_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\","
            + "\"sts:TagSession\"]}]}";

    final AwsWorld world = new AwsWorld();
    final AwsEmulator emulator = new AwsEmulator(world);
    final Path home;

    SandboxAws(Path home) {
        this.home = home;
        world.addAccount(ACCOUNT, KEY, SECRET, 2048);
        world.addAccount(OTHER_ACCOUNT, OTHER_KEY, SECRET, 2048);
        world.addCluster(ACCOUNT, REGION, CLUSTER, "1.31", "eks.12", ISSUER, CLUSTER_SERVER, false);
        emulator.start(0);
        writeProfiles(true);
    }

    String endpoint() {
        return emulator.endpoint().toString();
    }

    /**
     * Writes {@code sandbox} (cluster account) and, when asked, {@code other} (second account) with static keys in
     * the credentials file and {@code endpoint_url} in the config file. One attempt per call keeps throttling
     * visible to the pollers, whose own backoff is under test.
     */
    void writeProfiles(boolean withOtherAccount) {
        StringBuilder config = new StringBuilder();
        StringBuilder creds = new StringBuilder();
        config.append("[profile sandbox]\nregion = ").append(REGION).append("\nendpoint_url = ").append(endpoint())
                .append("\nretry_mode = standard\nmax_attempts = 1\n\n");
        creds.append("[sandbox]\naws_access_key_id = ").append(KEY).append("\naws_secret_access_key = ")
                .append(SECRET).append("\n\n");
        if (withOtherAccount) {
            config.append("[profile other]\nregion = ").append(REGION).append("\nendpoint_url = ").append(endpoint())
                    .append("\nmax_attempts = 1\n\n");
            creds.append("[other]\naws_access_key_id = ").append(OTHER_KEY).append("\naws_secret_access_key = ")
                    .append(SECRET).append("\n");
        }
        write(config.toString(), creds.toString());
    }

    void write(String config, String credentials) {
        try {
            Path aws = Files.createDirectories(home.resolve(".aws"));
            Files.writeString(aws.resolve("config"), config);
            Files.writeString(aws.resolve("credentials"), credentials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AwsEnvironment environment() {
        return AwsEnvironment.of(Map.of(), home);
    }

    AwsConnections connections() {
        return new AwsConnections(new AwsProfiles(environment()));
    }

    AwsFailures failures() {
        return new AwsFailures(new SsoSessions(new SsoTokenCache(environment().ssoCacheDirectory()),
                Clock.systemUTC()));
    }

    String podIdentityRole(String path, String name) {
        return world.createRole(ACCOUNT, path, name, POD_IDENTITY_TRUST, null);
    }

    static String irsaTrust(String providerArn, String hostPath, String sub) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
                + hostPath + ":sub\":\"" + sub + "\",\"" + hostPath + ":aud\":\"sts.amazonaws.com\"}}}]}";
    }

    @Override
    public void close() {
        emulator.close();
        assertThat(emulator.unexpectedErrors()).as("emulator-side bugs while answering").isEmpty();
    }
}
