package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ExecHintsTest {

    private static ExecHints hints(List<String> args, Map<String, String> env) {
        return new ExecPlugin("aws", args, env, "client.authentication.k8s.io/v1beta1", null).hints();
    }

    @Test
    void awsEksGetToken() {
        assertThat(hints(List.of("--region", "us-east-2", "eks", "get-token", "--cluster-name", "prod", "--profile",
                "ops"), Map.of())).isEqualTo(new ExecHints("prod", "us-east-2", "ops"));
    }

    @Test
    void equalsSyntaxAndEnvProfile() {
        assertThat(hints(List.of("eks", "get-token", "--cluster-name=prod", "--region=ap-south-1"),
                Map.of("AWS_PROFILE", "team"))).isEqualTo(new ExecHints("prod", "ap-south-1", "team"));
    }

    @Test
    void explicitProfileArgumentBeatsEnv() {
        assertThat(hints(List.of("eks", "get-token", "--cluster-name", "a", "--profile", "arg"),
                Map.of("AWS_PROFILE", "env")).profile()).isEqualTo("arg");
    }

    @Test
    void awsIamAuthenticator() {
        assertThat(hints(List.of("token", "-i", "legacy", "--region", "eu-central-1"), Map.of()))
                .isEqualTo(new ExecHints("legacy", "eu-central-1", null));
        assertThat(hints(List.of("token", "--cluster-id", "legacy2"), Map.of()).clusterName()).isEqualTo("legacy2");
    }

    @Test
    void regionFromEnvWhenNoArgument() {
        assertThat(hints(List.of("token", "-i", "x"), Map.of("AWS_REGION", "us-west-2")).region())
                .isEqualTo("us-west-2");
    }

    @Test
    void nothingKnown() {
        assertThat(hints(List.of("oidc-login", "get-token"), Map.of())).isEqualTo(ExecHints.NONE);
        assertThat(ExecHints.NONE.isEmpty()).isTrue();
        assertThat(hints(List.of("--cluster-name"), Map.of()).clusterName()).isNull();
    }

    @Property(tries = 200)
    void clusterNameRoundTrips(@ForAll @AlphaChars @StringLength(min = 1, max = 40) String name,
                               @ForAll boolean equalsForm) {
        List<String> args = equalsForm ? List.of("eks", "get-token", "--cluster-name=" + name)
                : List.of("eks", "get-token", "--cluster-name", name);
        assertThat(hints(args, Map.of()).clusterName()).isEqualTo(name);
    }
}
