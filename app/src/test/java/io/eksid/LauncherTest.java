package io.eksid;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.cli.EksidCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void versionNamesTheFilteredProjectVersion() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = EksidCommand.run(new String[] {"--version"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("(?s)eksid \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EksidCommand.run(new String[] {"frobnicate"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("frobnicate");
    }
}
