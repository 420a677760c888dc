package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecCredentialRunnerTest {

    private final ExecCredentialRunner runner = new ExecCredentialRunner(Duration.ofSeconds(5));
    private final ExecPlugin plugin = new ExecPlugin("aws", List.of("eks", "get-token"), Map.of(),
            "client.authentication.k8s.io/v1beta1", null);

    @Test
    void parsesTokenAndExpiry() {
        ExecCredential c = runner.parse(plugin, """
                {"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{},
                 "status":{"expirationTimestamp":"2030-01-01T00:14:00Z","token":"k8s-aws-v1.secret"}}
                """, "");
        assertThat(c.token()).isEqualTo("k8s-aws-v1.secret");
        assertThat(c.expirationTimestamp()).isEqualTo(Instant.parse("2030-01-01T00:14:00Z"));
        assertThat(c.toString()).doesNotContain("secret");
    }

    @Test
    void rejectsWhatIsNotACredential() {
        assertThatThrownBy(() -> runner.parse(plugin, "Please run aws sso login", "warning: profile"))
                .isInstanceOf(ExecPluginException.class).hasMessageContaining("printed no ExecCredential JSON")
                .hasMessageContaining("warning: profile");
        assertThatThrownBy(() -> runner.parse(plugin, "{\"kind\":\"Other\"}", ""))
                .hasMessageContaining("not an ExecCredential");
        assertThatThrownBy(() -> runner.parse(plugin,
                "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"t\"}}",
                "")).hasMessageContaining("answered with apiVersion 'client.authentication.k8s.io/v1'");
        assertThatThrownBy(() -> runner.parse(plugin,
                "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"status\":{}}",
                "")).hasMessageContaining("neither a token nor a client certificate");
    }

    @TempDir
    Path dir;

    @Test
    void tokenProviderRefreshesBeforeExpiry() throws Exception {
        Path script = dir.resolve("token.sh");
        Files.writeString(script, """
                #!/bin/sh
                echo x >> "$(dirname "$0")/runs"
                n=$(wc -l < "$(dirname "$0")/runs" | tr -d ' ')
                echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1",'
                echo ' "status":{"token":"token-'$n'"}}'
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        ExecPlugin exec = new ExecPlugin(script.toString(), List.of(), Map.of(),
                "client.authentication.k8s.io/v1beta1", null);
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(now);
        ExecTokenProvider provider = new ExecTokenProvider(exec, runner, clock, Duration.ofMinutes(10));
        provider.accept(new ExecCredential("first", null, null, now.plus(Duration.ofMinutes(15))));
        assertThat(provider.getToken()).isEqualTo("first");
        clock.now = now.plus(Duration.ofMinutes(13));
        assertThat(provider.getToken()).isEqualTo("first");
        clock.now = now.plus(Duration.ofMinutes(14).plusSeconds(1));
        assertThat(provider.getToken()).isEqualTo("token-1");
        // no expiry in the plugin's answer: kept for the default lifetime
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(provider.getToken()).isEqualTo("token-1");
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(provider.getToken()).isEqualTo("token-2");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
