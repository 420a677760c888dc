package io.eksid.ui.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Asks the desktop whether it prefers dark mode (JavaFX 21 has no platform preference API). Best effort, with
 * a short timeout: GNOME's color-scheme and GTK theme name, macOS AppleInterfaceStyle, Windows
 * AppsUseLightTheme. Anything unknown means light.
 */
public final class OsThemeDetector {

    private final String osName;

    public OsThemeDetector(String osName) {
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    public boolean prefersDark() {
        try {
            if (osName.contains("mac")) {
                return run(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).contains("dark");
            }
            if (osName.contains("win")) {
                String out = run(List.of("reg", "query",
                        "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                        "/v", "AppsUseLightTheme"));
                return out.contains("0x0");
            }
            String scheme = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
            if (scheme.contains("dark")) {
                return true;
            }
            String gtk = System.getenv("GTK_THEME");
            if (gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark")) {
                return true;
            }
            return run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme")).contains("dark");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            if (!p.waitFor(800, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        }
    }
}
