package io.eksid.sandbox;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The default sandbox directory, in the user's per-OS state folder: {@code $XDG_STATE_HOME/eksid/sandbox} or
 * {@code ~/.local/state/eksid/sandbox} on Linux and other Unixes, {@code %LOCALAPPDATA%\eksid\sandbox} on
 * Windows, {@code ~/Library/Application Support/eksid/sandbox} on macOS.
 */
public final class SandboxStateDirectory {

    private SandboxStateDirectory() {
    }

    /** The default for this process's OS, environment and home directory. */
    public static Path forCurrentUser() {
        return resolve(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Pure resolution, so every OS can be tested on any OS. */
    public static Path resolve(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String localAppData = env.get("LOCALAPPDATA");
            Path base = isSet(localAppData) ? Path.of(localAppData) : home.resolve("AppData").resolve("Local");
            return base.resolve("eksid").resolve("sandbox");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("eksid").resolve("sandbox");
        }
        String xdgState = env.get("XDG_STATE_HOME");
        // The XDG base directory spec says relative values are invalid and must be ignored.
        Path base = isSet(xdgState) && Path.of(xdgState).isAbsolute()
                ? Path.of(xdgState) : home.resolve(".local").resolve("state");
        return base.resolve("eksid").resolve("sandbox");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
