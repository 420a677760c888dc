package io.eksid.engine.live;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.eksid.model.ClusterSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The last complete snapshot of each context, kept in the state folder so the console can paint it the moment it
 * opens, marked with its age, while the live connection comes up. One file per context, owner-only (0600 in a
 * 0700 folder): it names the cluster's roles, trust policies and workloads, so it stays the user's alone. It
 * holds what the snapshot holds and nothing else: no tokens, keys or session credentials ever reach the model.
 *
 * <p>A file that cannot be read as ours — corrupt, of another format or version, written for another context, or
 * owned by another user — is ignored with a message saying which, never trusted and never fatal.
 */
public final class SnapshotCache {

    /** The source a state painted from the cache carries first, with the snapshot's age as its reason. */
    public static final String SHOWN_SOURCE = "cache/snapshot";
    static final String FORMAT = "eksid-cluster-snapshot";
    static final int VERSION = 1;

    private final Path folder;
    private final ObjectMapper json;

    /** A cached snapshot and when it was saved. */
    public record Cached(ClusterSnapshot snapshot, Instant savedAt) {
    }

    /** What loading found: the snapshot, or nothing and (when a file was there) why it was not used. */
    public record Loaded(Optional<Cached> cached, List<String> problems) {
        static Loaded none() {
            return new Loaded(Optional.empty(), List.of());
        }

        static Loaded ignored(String problem) {
            return new Loaded(Optional.empty(), List.of(problem));
        }
    }

    public SnapshotCache(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // The model's records, by their components only: a convenience accessor is not data.
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    }

    public Path folder() {
        return folder;
    }

    /** The file of {@code context}: a readable prefix and a digest, since context names may hold any character. */
    public Path fileFor(String context) {
        String safe = context.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 40) {
            safe = safe.substring(0, 40);
        }
        return folder.resolve(safe + "-" + digest(context).substring(0, 16) + ".json");
    }

    /** The snapshot last saved for {@code context}. */
    public Loaded load(String context) {
        Path file = fileFor(context);
        byte[] bytes;
        try {
            String foreignOwner = foreignOwner(file);
            if (foreignOwner != null) {
                return Loaded.ignored("Ignored the cached snapshot " + file + ": it belongs to " + foreignOwner
                        + ", not to this user");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Loaded.none();
        } catch (AccessDeniedException e) {
            return Loaded.ignored("Ignored the cached snapshot " + file + ": it cannot be read (" + e.getMessage()
                    + ")");
        } catch (IOException e) {
            return Loaded.ignored("Ignored the cached snapshot " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {
            return Loaded.ignored("Ignored the cached snapshot " + file + ": it is not valid JSON (corrupt: "
                    + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            return Loaded.ignored("Ignored " + file + ": it is not a cluster snapshot of this console (no \"format\": \""
                    + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            return Loaded.ignored("Ignored the cached snapshot " + file + ": it is version "
                    + root.path("version").asText("?") + ", this console reads version " + VERSION);
        }
        if (!context.equals(root.path("context").asText(null))) {
            return Loaded.ignored("Ignored the cached snapshot " + file + ": it was saved for context '"
                    + root.path("context").asText("?") + "', not '" + context + "'");
        }
        try {
            Instant savedAt = Instant.parse(root.path("savedAt").asText(""));
            ClusterSnapshot snapshot = json.treeToValue(root.path("snapshot"), ClusterSnapshot.class);
            if (snapshot == null) {
                throw new IllegalArgumentException("no snapshot in it");
            }
            return new Loaded(Optional.of(new Cached(snapshot, savedAt)), List.of());
        } catch (JsonProcessingException | RuntimeException e) {
            return Loaded.ignored("Ignored the cached snapshot " + file + ": its content does not read as a snapshot"
                    + " (corrupt: " + firstLine(e.getMessage()) + ")");
        }
    }

    /** Replaces the snapshot of {@code context}, atomically, readable and writable by the owner only. */
    public void save(String context, ClusterSnapshot snapshot, Instant savedAt) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("context", context);
        root.put("savedAt", savedAt.toString());
        root.set("snapshot", json.valueToTree(snapshot));
        byte[] bytes = json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        boolean posix = posix();
        if (posix) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
        // A temporary file is created owner-only on POSIX systems; the move keeps its permissions.
        Path tmp = Files.createTempFile(folder, ".snapshot-", ".tmp");
        try {
            if (posix) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(tmp, bytes);
            Files.move(tmp, fileFor(context), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The owner's name when the file exists and belongs to someone else, else null. */
    private static String foreignOwner(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        UserPrincipal owner = Files.getOwner(file);
        String me = System.getProperty("user.name");
        if (!posix() || me == null || owner == null) {
            return null;
        }
        UserPrincipal self;
        try {
            self = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(me);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        return owner.equals(self) ? null : owner.getName();
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8))).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
