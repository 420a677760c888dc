package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Exec credential plugins that hang, print garbage or carry shell metacharacters, run as real processes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileExecPluginTest {

    @TempDir
    Path dir;

    private final ExecCredentialRunner runner = new ExecCredentialRunner(Duration.ofSeconds(1));

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private static ExecPlugin plugin(String command, String... args) {
        return new ExecPlugin(command, List.of(args), Map.of(), "client.authentication.k8s.io/v1beta1", null);
    }

    @Test
    void aPluginThatHangsIsStoppedAfterTheTimeoutWithItsChildren() throws Exception {
        Path pids = dir.resolve("pids");
        Path hang = script("hang.sh", "echo $$ > '" + pids + "'\nsleep 600 &\necho $! >> '" + pids + "'\n"
                + "echo 'waiting for the browser' >&2\nwait\n");
        assertThatThrownBy(() -> runner.run(plugin(hang.toString())))
                .isInstanceOf(ExecPluginException.class)
                .hasMessage("exec plugin '" + hang + "' did not finish within 1 s: waiting for the browser");
        for (String pid : Files.readAllLines(pids)) {
            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(p -> {
                p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
                assertThat(p.isAlive()).as("process " + pid).isFalse();
            });
        }
    }

    @Test
    void garbageOutputIsNamedNotParsed() throws Exception {
        Path garbage = script("garbage.sh", "head -c 300 /dev/urandom\n");
        assertThatThrownBy(() -> runner.run(plugin(garbage.toString())))
                .isInstanceOf(ExecPluginException.class)
                .hasMessageStartingWith("exec plugin '" + garbage + "' printed");
    }

    @Test
    void shellMetacharactersAreArgumentsNeverShellSyntax() throws Exception {
        Path pwned = dir.resolve("pwned");
        ExecPlugin echo = plugin("echo", "$(touch " + pwned + ")", "`touch " + pwned + "`", "; touch " + pwned,
                "| touch " + pwned, "&& touch " + pwned);
        assertThatThrownBy(() -> runner.run(echo)).isInstanceOf(ExecPluginException.class)
                .hasMessageContaining("printed no ExecCredential JSON");
        ExecPlugin command = plugin("no-such-plugin; touch " + pwned);
        assertThatThrownBy(() -> runner.run(command)).isInstanceOf(ExecPluginException.class)
                .hasMessageContaining("could not be started");
        assertThat(pwned).doesNotExist();
    }

    @Test
    void argumentsReachThePluginExactlyAsWritten() throws Exception {
        Path seen = dir.resolve("seen");
        Path record = script("record.sh", "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + seen + "'; done\n"
                + "echo '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
                + "\"status\":{\"token\":\"t\"}}'\n");
        List<String> hostile = List.of("$(id)", "a b", "'quoted'", "\"dq\"", "*", "~", "x;y", "$HOME");
        ExecCredential c = runner.run(plugin(record.toString(), hostile.toArray(String[]::new)));
        assertThat(c.hasToken()).isTrue();
        assertThat(Files.readAllLines(seen)).containsExactlyElementsOf(hostile);
    }
}
