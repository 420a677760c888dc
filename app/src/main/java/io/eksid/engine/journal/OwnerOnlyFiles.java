package io.eksid.engine.journal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Journals hold trust documents, role ARNs and account ids: their folders are 0700 and the files 0600, also when
 * the folder or file existed before (an older eksid, or a folder made by hand). On file systems without POSIX
 * permissions the platform's defaults apply.
 */
public final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code folder} (and missing parents) and makes it owner-only. */
    public static void folder(Path folder) throws IOException {
        Path abs = folder.toAbsolutePath();
        if (!Files.isDirectory(abs)) {
            if (posix()) {
                Files.createDirectories(abs, PosixFilePermissions.asFileAttribute(FOLDER));
            } else {
                Files.createDirectories(abs);
            }
        }
        restrict(abs, FOLDER);
    }

    /** Makes an existing file owner-only. */
    public static void file(Path file) throws IOException {
        restrict(file, FILE);
    }

    /** The attribute to create a file with, so it is never readable by others, not even for a moment. */
    public static FileAttribute<?>[] fileAttributes() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (posix() && Files.exists(path) && !Files.getPosixFilePermissions(path).equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
        }
    }
}
