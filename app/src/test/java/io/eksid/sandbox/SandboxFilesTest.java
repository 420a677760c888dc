package io.eksid.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

class SandboxFilesTest {

    @TempDir
    Path dir;

    @Test
    void kubeconfigHasAContextPerClusterAndReadsBackWithFabric8() throws Exception {
        SandboxFiles files = new SandboxFiles(dir);
        files.writeKubeconfig(List.of(
                new SandboxFiles.KubeContext("acme-prod", "http://127.0.0.1:40001/clusters/acme-prod", "tok-prod"),
                new SandboxFiles.KubeContext("acme-staging", "http://127.0.0.1:40001/clusters/acme-staging", "tok-stg")),
                "acme-prod");

        String yaml = Files.readString(files.kubeconfigPath());
        Config current = Config.fromKubeconfig(null, yaml, files.kubeconfigPath().toString());
        assertThat(current.getMasterUrl()).startsWith("http://127.0.0.1:40001/clusters/acme-prod");
        assertThat(current.getAutoOAuthToken()).isEqualTo("tok-prod");
        assertThat(current.getContexts()).extracting(c -> c.getName()).containsExactlyInAnyOrder("acme-prod", "acme-staging");
        Config staging = Config.fromKubeconfig("acme-staging", yaml, files.kubeconfigPath().toString());
        assertThat(staging.getMasterUrl()).startsWith("http://127.0.0.1:40001/clusters/acme-staging");
        assertThat(staging.getAutoOAuthToken()).isEqualTo("tok-stg");
    }

    @Test
    void currentContextMustBeACluster() {
        SandboxFiles files = new SandboxFiles(dir);
        assertThatThrownBy(() -> files.writeKubeconfig(
                List.of(new SandboxFiles.KubeContext("a", "http://h", "t")), "acme-prod"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acme-prod");
        assertThat(files.kubeconfigPath()).doesNotExist();
    }

    @Test
    void awsProfilesReadBackWithTheSdk() throws Exception {
        SandboxFiles files = new SandboxFiles(dir);
        files.writeAwsProfiles(List.of(
                new SandboxFiles.AwsProfile("sandbox", "us-west-2", "http://127.0.0.1:40002", "AKIAONE", "secret1"),
                new SandboxFiles.AwsProfile("sandbox-444455556666", "us-west-2", "http://127.0.0.1:40002",
                        "AKIATWO", "secret2")));

        ProfileFile config = ProfileFile.builder().content(files.awsConfigPath())
                .type(ProfileFile.Type.CONFIGURATION).build();
        Profile sandbox = config.profile("sandbox").orElseThrow();
        assertThat(sandbox.property(ProfileProperty.REGION)).contains("us-west-2");
        assertThat(sandbox.property(ProfileProperty.ENDPOINT_URL)).contains("http://127.0.0.1:40002");
        assertThat(config.profile("sandbox-444455556666")).isPresent();

        ProfileFile credentials = ProfileFile.builder().content(files.awsCredentialsPath())
                .type(ProfileFile.Type.CREDENTIALS).build();
        assertThat(credentials.profile("sandbox").orElseThrow().property(ProfileProperty.AWS_ACCESS_KEY_ID))
                .contains("AKIAONE");
        assertThat(credentials.profile("sandbox-444455556666").orElseThrow()
                .property(ProfileProperty.AWS_SECRET_ACCESS_KEY)).contains("secret2");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(files.awsCredentialsPath()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }
}
