package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsProfilesTest {

    @TempDir
    Path home;

    private AwsProfiles.Listing load(String config, String credentials) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        if (config != null) {
            Files.writeString(aws.resolve("config"), config);
        }
        if (credentials != null) {
            Files.writeString(aws.resolve("credentials"), credentials);
        }
        return new AwsProfiles(AwsEnvironment.of(Map.of(), home)).load();
    }

    @Test
    void recognisesEveryKindOfProfile() throws IOException {
        AwsProfiles.Listing listing = load("""
                [default]
                region = eu-west-1

                [profile admin]
                role_arn = arn:aws:iam::444455556666:role/Admin
                source_profile = default
                region = us-east-1

                [profile ci]
                role_arn = arn:aws:iam::111122223333:role/ci
                credential_source = Ec2InstanceMetadata

                [profile proc]
                credential_process = /usr/local/bin/get-creds --json

                [profile corp-dev]
                sso_session = corp
                sso_account_id = 777788889999
                sso_role_name = PlatformAdmin
                region = us-west-2

                [profile legacy]
                sso_start_url = https://legacy.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 123456789012
                sso_role_name = ReadOnly

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-central-1
                sso_registration_scopes = sso:account:access
                """, """
                [default]
                aws_access_key_id = AKIAEXAMPLEEXAMPLE01
                aws_secret_access_key = secret
                """);

        assertThat(listing.problems()).isEmpty();
        assertThat(listing.profiles()).extracting(AwsProfile::name)
                .containsExactly("admin", "ci", "corp-dev", "default", "legacy", "proc");
        assertThat(listing.profile("default").orElseThrow().kind()).isEqualTo(ProfileKind.STATIC_KEYS);
        assertThat(listing.profile("default").orElseThrow().region()).isEqualTo("eu-west-1");
        AwsProfile admin = listing.profile("admin").orElseThrow();
        assertThat(admin.kind()).isEqualTo(ProfileKind.ASSUME_ROLE);
        assertThat(admin.sourceProfile()).isEqualTo("default");
        assertThat(admin.declaredAccount()).contains("444455556666");
        assertThat(listing.profile("ci").orElseThrow().kind()).isEqualTo(ProfileKind.ASSUME_ROLE_FROM_SOURCE);
        assertThat(listing.profile("proc").orElseThrow().kind()).isEqualTo(ProfileKind.CREDENTIAL_PROCESS);
        AwsProfile sso = listing.profile("corp-dev").orElseThrow();
        assertThat(sso.kind()).isEqualTo(ProfileKind.SSO_SESSION);
        assertThat(sso.ssoSession()).isEqualTo("corp");
        assertThat(sso.ssoStartUrl()).isEqualTo("https://corp.awsapps.com/start");
        assertThat(sso.ssoRegion()).isEqualTo("eu-central-1");
        assertThat(sso.ssoCacheKey()).contains("corp");
        assertThat(sso.declaredAccount()).contains("777788889999");
        AwsProfile legacy = listing.profile("legacy").orElseThrow();
        assertThat(legacy.kind()).isEqualTo(ProfileKind.SSO_LEGACY);
        assertThat(legacy.ssoCacheKey()).contains("https://legacy.awsapps.com/start");
        assertThat(listing.profile("legacy").orElseThrow().hasEndpointUrl()).isFalse();
    }

    @Test
    void seesEndpointUrlOnTheProfileAndInItsServicesSection() throws IOException {
        AwsProfiles.Listing listing = load("""
                [profile direct]
                endpoint_url = http://127.0.0.1:4566

                [profile via-services]
                services = local

                [services local]
                eks =
                  endpoint_url = http://127.0.0.1:4566

                [profile plain]
                region = us-west-2
                """, null);

        assertThat(listing.profile("direct").orElseThrow().hasEndpointUrl()).isTrue();
        assertThat(listing.profile("via-services").orElseThrow().hasEndpointUrl()).isTrue();
        assertThat(listing.profile("plain").orElseThrow().hasEndpointUrl()).isFalse();
        assertThat(listing.profile("plain").orElseThrow().kind()).isEqualTo(ProfileKind.NO_CREDENTIALS);
    }

    @Test
    void aMalformedSectionIsReportedWithItsLineAndTheOtherProfilesStayListed() throws IOException {
        AwsProfiles.Listing listing = load("""
                [profile good]
                region = us-west-2

                [profile broken]
                this line has no equals sign
                region = eu-west-1

                [profile also-good]
                region = ap-south-1
                """, """
                [keys]
                aws_access_key_id = AKIAEXAMPLEEXAMPLE01
                aws_secret_access_key = secret
                """);

        assertThat(listing.profiles()).extracting(AwsProfile::name).containsExactly("also-good", "good", "keys");
        assertThat(listing.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(home.resolve(".aws/config"));
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("[profile broken]").contains("line 5");
        });
    }

    @Test
    void honoursAwsConfigFileAndSharedCredentialsFile() throws IOException {
        Path config = Files.writeString(home.resolve("team-config"), "[profile team]\nregion = us-east-2\n");
        Path creds = Files.writeString(home.resolve("team-creds"),
                "[team]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key = s\n");
        AwsEnvironment env = AwsEnvironment.of(Map.of("AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", creds.toString()), home);

        AwsProfiles.Listing listing = new AwsProfiles(env).load();

        assertThat(listing.profiles()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("team");
            assertThat(p.region()).isEqualTo("us-east-2");
            assertThat(p.kind()).isEqualTo(ProfileKind.STATIC_KEYS);
        });
    }

    @Test
    void missingFilesMeanNoProfilesAndNoProblems() {
        AwsProfiles.Listing listing = new AwsProfiles(AwsEnvironment.of(Map.of(), home)).load();

        assertThat(listing.profiles()).isEmpty();
        assertThat(listing.problems()).isEmpty();
    }

    @Test
    void aMissingRegionIsASpecificSetupError() throws IOException {
        AwsProfiles.Listing listing = load("[profile noregion]\nendpoint_url = http://127.0.0.1:1\n", null);
        AwsEnvironment env = AwsEnvironment.of(Map.of(), home);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwsClients.forProfile(listing, env, "noregion", null))
                .isInstanceOf(AwsSetupException.class)
                .hasMessageContaining("'noregion' has no region");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwsClients.forProfile(listing, env, "nope", null))
                .isInstanceOf(AwsSetupException.class)
                .hasMessageContaining("no AWS profile named 'nope'");
    }

    @Test
    void brokenReferencesBetweenProfilesAreReported() throws IOException {
        AwsProfiles.Listing listing = load("""
                [profile admin]
                role_arn = arn:aws:iam::444455556666:role/Admin
                source_profile = base

                [profile dev]
                sso_session = nowhere
                """, null);

        assertThat(listing.profiles()).extracting(AwsProfile::name).containsExactly("admin", "dev");
        assertThat(listing.problems()).extracting(AwsProfiles.FileProblem::message).containsExactly(
                "profile 'admin' names source_profile 'base', which does not exist; it cannot get credentials",
                "profile 'dev' names sso_session 'nowhere', but there is no [sso-session nowhere] section");
    }

    @Test
    void aSourceProfileLoopIsASetupError() throws IOException {
        AwsProfiles.Listing listing = load("""
                [profile a]
                role_arn = arn:aws:iam::111122223333:role/A
                source_profile = b
                region = us-west-2

                [profile b]
                role_arn = arn:aws:iam::111122223333:role/B
                source_profile = a
                region = us-west-2
                """, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwsClients.forProfile(listing,
                        AwsEnvironment.of(Map.of(), home), "a", null))
                .isInstanceOf(AwsSetupException.class)
                .hasMessage("The AWS profiles a -> b -> a name each other as source_profile in a loop.");
    }
}
