package io.eksid.engine.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the console keeps its files, by the platform's conventions: preferences in the config folder
 * ({@code $XDG_CONFIG_HOME/eksid} or {@code ~/.config/eksid} on Linux, {@code %APPDATA%\eksid} on Windows,
 * {@code ~/Library/Application Support/eksid} on macOS), journals and sandbox files in the state folder
 * ({@code $XDG_STATE_HOME/eksid} or {@code ~/.local/state/eksid}, {@code %LOCALAPPDATA%\eksid}, the same
 * Application Support folder on macOS).
 */
public record AppFolders(Path config, Path state) {

    public AppFolders {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(state, "state");
    }

    public static AppFolders of(Map<String, String> env, Path home, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path roaming = env.containsKey("APPDATA") ? Path.of(env.get("APPDATA"))
                    : home.resolve("AppData").resolve("Roaming");
            Path local = env.containsKey("LOCALAPPDATA") ? Path.of(env.get("LOCALAPPDATA"))
                    : home.resolve("AppData").resolve("Local");
            return new AppFolders(roaming.resolve("eksid"), local.resolve("eksid"));
        }
        if (os.contains("mac")) {
            Path support = home.resolve("Library").resolve("Application Support").resolve("eksid");
            return new AppFolders(support, support);
        }
        Path config = nonBlank(env.get("XDG_CONFIG_HOME")) ? Path.of(env.get("XDG_CONFIG_HOME"))
                : home.resolve(".config");
        Path state = nonBlank(env.get("XDG_STATE_HOME")) ? Path.of(env.get("XDG_STATE_HOME"))
                : home.resolve(".local").resolve("state");
        return new AppFolders(config.resolve("eksid"), state.resolve("eksid"));
    }

    public static AppFolders system() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty("os.name"));
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    public Path preferencesFile() {
        return config.resolve("preferences.json");
    }

    /** The tables' remembered column choices. */
    public Path tableLayoutsFile() {
        return config.resolve("tables.json");
    }

    /** The default journal folder, used unless the preferences name another. */
    public Path defaultJournalDir() {
        return state.resolve("journal");
    }

    /** The log folder, {@code eksid.log} and its rolled predecessors (see ConsoleLogging). */
    public Path logDir() {
        return state.resolve("logs");
    }

    /** The last complete snapshot of each context, which the console paints while it connects. */
    public Path snapshotsDir() {
        return state.resolve("snapshots");
    }

    public Path sandboxDir() {
        return state.resolve("sandbox");
    }
}
