package io.eksid.engine.settings;

import ch.qos.logback.core.PropertyDefinerBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Tells the logging configuration ({@link ConsoleLogging}, or an admin's own logback file as a {@code <define>})
 * where the log folder is: {@code <state folder>/logs} ({@code ~/.local/state/eksid/logs} on Linux), or the
 * {@code eksid.log.dir} system property (the build points the tests at {@code target/}). The folder is created
 * owner-only, since a log can name accounts, roles and clusters.
 */
public final class LogFolderDefiner extends PropertyDefinerBase {

    public static final String PROPERTY = "eksid.log.dir";

    @Override
    public String getPropertyValue() {
        String override = System.getProperty(PROPERTY);
        Path dir = override != null && !override.isBlank() ? Path.of(override)
                : AppFolders.system().logDir();
        try {
            ensureOwnerOnlyFolder(dir);
        } catch (IOException | RuntimeException e) {
            addWarn("cannot prepare the log folder " + dir + ": " + e.getMessage());
        }
        return dir.toString();
    }

    static void ensureOwnerOnlyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        if (OwnerOnlyRollingFileAppender.posix(dir)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
