package io.eksid.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxStateDirectoryTest {

    private static final Path HOME = Path.of("/home/ana");

    @Test
    void linuxUsesXdgStateHomeWhenAbsolute() {
        assertThat(SandboxStateDirectory.resolve("Linux", Map.of("XDG_STATE_HOME", "/var/state/ana"), HOME))
                .isEqualTo(Path.of("/var/state/ana/eksid/sandbox"));
    }

    @Test
    void linuxFallsBackToLocalStateAndIgnoresRelativeXdg() {
        assertThat(SandboxStateDirectory.resolve("Linux", Map.of(), HOME))
                .isEqualTo(HOME.resolve(".local/state/eksid/sandbox"));
        assertThat(SandboxStateDirectory.resolve("Linux", Map.of("XDG_STATE_HOME", "state"), HOME))
                .isEqualTo(HOME.resolve(".local/state/eksid/sandbox"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(SandboxStateDirectory.resolve("Mac OS X", Map.of("XDG_STATE_HOME", "/x"), HOME))
                .isEqualTo(HOME.resolve("Library").resolve("Application Support").resolve("eksid").resolve("sandbox"));
    }

    @Test
    void windowsUsesLocalAppData() {
        Path local = Path.of("/users/ana/AppData/Local");
        assertThat(SandboxStateDirectory.resolve("Windows 11", Map.of("LOCALAPPDATA", local.toString()), HOME))
                .isEqualTo(local.resolve("eksid").resolve("sandbox"));
        assertThat(SandboxStateDirectory.resolve("Windows 11", Map.of(), HOME))
                .isEqualTo(HOME.resolve("AppData").resolve("Local").resolve("eksid").resolve("sandbox"));
    }
}
