package io.eksid.engine.settings;

import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * logback's rolling file appender, except that the active file is created readable by its owner only (rolled
 * files are renamed from it and keep that). logback opens files with the process umask, usually world-readable.
 */
public final class OwnerOnlyRollingFileAppender<E> extends RollingFileAppender<E> {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (posix(parent)) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            try {
                Files.createFile(file, attr);
            } catch (FileAlreadyExistsException e) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
        super.openFile(fileName);
    }

    static boolean posix(Path anyPath) {
        return anyPath != null
                && anyPath.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
