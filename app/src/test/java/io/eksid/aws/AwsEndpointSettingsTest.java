package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The clients reach the emulator only through standard endpoint settings: a profile's {@code endpoint_url}, a
 * {@code services} section, and {@code AWS_ENDPOINT_URL[_<SERVICE>]} (set here through the SDK's equivalent system
 * properties, since a test cannot change its own environment).
 */
class AwsEndpointSettingsTest {

    @TempDir
    Path home;

    private SandboxAws sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxAws(home);
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("aws.endpointUrlSts");
        System.clearProperty("aws.endpointUrlEks");
        System.clearProperty("aws.endpointUrlIam");
        sandbox.close();
    }

    private AwsClients clients(String profile) {
        AwsProfiles profiles = new AwsProfiles(sandbox.environment());
        return AwsClients.forProfile(profiles.load(), sandbox.environment(), profile, null);
    }

    @Test
    void theProfilesEndpointUrlReachesStsEksAndIam() {
        try (AwsClients c = clients("sandbox")) {
            assertThat(c.sts().getCallerIdentity().account()).isEqualTo(SandboxAws.ACCOUNT);
            assertThat(c.eks().listClusters().clusters()).containsExactly(SandboxAws.CLUSTER);
            assertThat(c.iam().listRoles().roles()).isNotNull();
            assertThat(c.region()).isEqualTo(SandboxAws.REGION);
        }
        try (AwsClients c = clients("other")) {
            assertThat(c.sts().getCallerIdentity().account()).isEqualTo(SandboxAws.OTHER_ACCOUNT);
        }
    }

    @Test
    void aServicesSectionSetsTheEndpointPerService() {
        String e = sandbox.endpoint();
        sandbox.write("[profile svc]\nregion = us-west-2\nservices = local\nmax_attempts = 1\n\n"
                + "[services local]\nsts =\n  endpoint_url = " + e + "\neks =\n  endpoint_url = " + e + "\n",
                "[svc]\naws_access_key_id = " + SandboxAws.KEY + "\naws_secret_access_key = x\n");

        try (AwsClients c = clients("svc")) {
            assertThat(c.profile().hasEndpointUrl()).isTrue();
            assertThat(c.sts().getCallerIdentity().account()).isEqualTo(SandboxAws.ACCOUNT);
            assertThat(c.eks().listClusters().clusters()).containsExactly(SandboxAws.CLUSTER);
        }
    }

    @Test
    void awsEndpointUrlSettingsApplyToAProfileWithoutEndpointUrl() {
        sandbox.write("[profile plain]\nregion = us-west-2\nmax_attempts = 1\n",
                "[plain]\naws_access_key_id = " + SandboxAws.KEY + "\naws_secret_access_key = x\n");

        System.setProperty("aws.endpointUrlSts", sandbox.endpoint());
        try (AwsClients c = clients("plain")) {
            assertThat(c.profile().hasEndpointUrl()).isFalse();
            assertThat(c.sts().getCallerIdentity().account()).isEqualTo(SandboxAws.ACCOUNT);
        }
        System.clearProperty("aws.endpointUrlSts");

        System.setProperty("aws.endpointUrl", sandbox.endpoint());
        try (AwsClients c = clients("plain")) {
            assertThat(c.eks().listClusters().clusters()).containsExactly(SandboxAws.CLUSTER);
            assertThat(c.sts().getCallerIdentity().account()).isEqualTo(SandboxAws.ACCOUNT);
        }
    }

    @Test
    void aRegionFromTheCallerOrAwsRegionWinsOverTheProfiles() {
        AwsProfiles.Listing listing = new AwsProfiles(sandbox.environment()).load();
        try (AwsClients c = AwsClients.forProfile(listing, sandbox.environment(), "sandbox", "eu-west-1")) {
            assertThat(c.region()).isEqualTo("eu-west-1");
            // The emulator's cluster lives in us-west-2; the same endpoint answers for the region asked.
            assertThat(c.sts().getCallerIdentity().account()).isEqualTo(SandboxAws.ACCOUNT);
        }
        AwsEnvironment env = AwsEnvironment.of(Map.of("AWS_REGION", "ap-south-1"), home);
        try (AwsClients c = AwsClients.forProfile(listing, env, "sandbox", null)) {
            assertThat(c.region()).isEqualTo("ap-south-1");
        }
    }

    @Test
    void withoutAnyEndpointSettingTheSandboxIsNotReached() {
        sandbox.write("[profile plain]\nregion = us-west-2\nmax_attempts = 1\n",
                "[plain]\naws_access_key_id = " + SandboxAws.KEY + "\naws_secret_access_key = x\n");
        // A deliberately unreachable endpoint stands in for "the real AWS": the point is that nothing in our code
        // silently redirects a profile without endpoint settings to the sandbox.
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:9");
        try (AwsClients c = clients("plain")) {
            assertThatThrownBy(() -> c.sts().getCallerIdentity()).isInstanceOf(SdkClientException.class);
        }
    }
}
