package io.eksid.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ExecHintsTest {

    private static final String SERVER = "https://ABC.gr7.us-west-2.eks.amazonaws.com";

    @Test
    void readsAwsEksGetToken() {
        ExecHints h = ExecHints.fromExec("ctx", SERVER, "aws", List.of("--region", "us-west-2", "eks", "get-token",
                "--cluster-name", "prod", "--output", "json", "--role-arn", "arn:aws:iam::111122223333:role/k8s"),
                Map.of("AWS_PROFILE", "corp-dev"));

        assertThat(h).isEqualTo(new ExecHints("ctx", SERVER, "prod", "us-west-2", "corp-dev",
                "arn:aws:iam::111122223333:role/k8s"));
    }

    @Test
    void flagsWinOverTheEnvironmentAndEqualsFormIsRead() {
        ExecHints h = ExecHints.fromExec("ctx", SERVER, "/usr/local/bin/aws", List.of("eks", "get-token",
                "--cluster-name=prod", "--region=eu-west-1", "--profile=admin"),
                Map.of("AWS_PROFILE", "ignored", "AWS_REGION", "ignored-too"));

        assertThat(h.clusterNameIfSet()).contains("prod");
        assertThat(h.regionIfSet()).contains("eu-west-1");
        assertThat(h.profileIfSet()).contains("admin");
    }

    @Test
    void readsAwsIamAuthenticatorAndAwsVault() {
        ExecHints auth = ExecHints.fromExec("ctx", SERVER, "C:\\tools\\aws-iam-authenticator.exe",
                List.of("token", "-i", "legacy", "-r", "arn:aws:iam::111122223333:role/k8s"),
                Map.of("AWS_DEFAULT_REGION", "ap-south-1"));
        assertThat(auth.clusterNameIfSet()).contains("legacy");
        assertThat(auth.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/k8s");
        assertThat(auth.regionIfSet()).contains("ap-south-1");

        ExecHints vault = ExecHints.fromExec("ctx", SERVER, "aws-vault", List.of("exec", "prod-admin", "--", "aws",
                "eks", "get-token", "--cluster-name", "prod"), Map.of());
        assertThat(vault.profileIfSet()).contains("prod-admin");
        assertThat(vault.clusterNameIfSet()).contains("prod");
    }

    @Test
    void aContextWithoutExecPluginHasOnlyItsServer() {
        ExecHints h = ExecHints.fromExec("ctx", SERVER, null, null, null);

        assertThat(h).isEqualTo(ExecHints.none("ctx", SERVER));
        assertThat(h.clusterNameIfSet()).isEmpty();
        assertThat(h.profileIfSet()).isEmpty();
        assertThat(h.serverUrlIfSet()).contains(SERVER);
    }

    @Test
    void theAuthenticatorsRegionFlagAndTheEnvironmentsRegion() {
        assertThat(ExecHints.fromExec("ctx", SERVER, "aws-iam-authenticator", List.of("token", "-i", "legacy",
                "--region", "eu-central-1"), Map.of()))
                .isEqualTo(new ExecHints("ctx", SERVER, "legacy", "eu-central-1", null, null));
        assertThat(ExecHints.fromExec("ctx", SERVER, "aws-iam-authenticator", List.of("token", "-i", "x"),
                Map.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "eu-west-1")).region()).isEqualTo("us-west-2");
    }

    @Test
    void aClusterIdFlagNamesTheClusterForAnyCommandButDashIOnlyForTheAuthenticator() {
        assertThat(ExecHints.fromExec("ctx", SERVER, "wrapper", List.of("token", "--cluster-id", "legacy2"), Map.of())
                .clusterName()).isEqualTo("legacy2");
        assertThat(ExecHints.fromExec("ctx", SERVER, "kubelogin", List.of("get-token", "-i", "x"), Map.of())
                .clusterName()).isNull();
    }

    @Test
    void aFlagWithoutValueOrAForeignPluginGivesNothing() {
        assertThat(ExecHints.fromExec("ctx", SERVER, "aws", List.of("--cluster-name"), Map.of()).clusterName())
                .isNull();
        assertThat(ExecHints.fromExec("ctx", SERVER, "kubectl", List.of("oidc-login", "get-token"), Map.of()))
                .isEqualTo(ExecHints.none("ctx", SERVER));
    }

    @Test
    void theUsersChoiceOverridesRegionAndProfileOnly() {
        ExecHints h = new ExecHints("ctx", SERVER, "prod", "us-west-2", "corp-dev", null);

        assertThat(h.withOverrides("eu-west-1", null))
                .isEqualTo(new ExecHints("ctx", SERVER, "prod", "eu-west-1", "corp-dev", null));
        assertThat(h.withOverrides(null, "admin"))
                .isEqualTo(new ExecHints("ctx", SERVER, "prod", "us-west-2", "admin", null));
        assertThat(h.withOverrides(null, null)).isEqualTo(h);
    }

    @Property(tries = 200)
    void clusterNameRoundTrips(@ForAll @AlphaChars @StringLength(min = 1, max = 40) String name,
                               @ForAll boolean equalsForm) {
        List<String> args = equalsForm ? List.of("eks", "get-token", "--cluster-name=" + name)
                : List.of("eks", "get-token", "--cluster-name", name);
        assertThat(ExecHints.fromExec("ctx", SERVER, "aws", args, Map.of()).clusterName()).isEqualTo(name);
    }
}
