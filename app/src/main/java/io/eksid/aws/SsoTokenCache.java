package io.eksid.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The IAM Identity Center token cache shared with the AWS CLI v2 and the SDKs: one JSON file per session under
 * {@code ~/.aws/sso/cache/}, named by the SHA-1 (hex) of the {@code sso_session} name, or of the start URL for
 * legacy profiles. Writing the same file in the same format means a sign-in here also signs in the CLI and
 * the SDK's {@code SsoCredentialsProvider}, and the other way round.
 */
public final class SsoTokenCache {

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper();

    public SsoTokenCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public Path directory() {
        return directory;
    }

    /** The cache file for a session name (or a legacy start URL). */
    public Path fileFor(String cacheKey) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(cacheKey.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(sha1) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }

    /**
     * Reads the token for {@code cacheKey}; empty when there is no file.
     *
     * @throws AwsSetupException when the file exists but is not a token the CLI would accept
     */
    public Optional<SsoToken> read(String cacheKey) {
        Path file = fileFor(cacheKey);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AwsSetupException("Cannot read the SSO token cache " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode n = json.readTree(text);
            String access = textOf(n, "accessToken");
            String expires = textOf(n, "expiresAt");
            if (access == null || expires == null) {
                throw new AwsSetupException("The SSO token cache " + file + " has no accessToken or expiresAt.");
            }
            return Optional.of(new SsoToken(textOf(n, "startUrl"), textOf(n, "region"), access,
                    instant(expires), textOf(n, "refreshToken"), textOf(n, "clientId"), textOf(n, "clientSecret"),
                    Optional.ofNullable(textOf(n, "registrationExpiresAt")).map(SsoTokenCache::instant).orElse(null)));
        } catch (IOException | DateTimeParseException e) {
            throw new AwsSetupException("The SSO token cache " + file + " is not valid JSON of the AWS CLI's format: "
                    + e.getMessage(), e);
        }
    }

    /** Writes the token atomically, readable by the owner only, in the AWS CLI v2 format. */
    public Path write(String cacheKey, SsoToken token) {
        Path file = fileFor(cacheKey);
        ObjectNode n = json.createObjectNode();
        putIfSet(n, "startUrl", token.startUrl());
        putIfSet(n, "region", token.region());
        n.put("accessToken", token.accessToken());
        n.put("expiresAt", token.expiresAt().toString());
        putIfSet(n, "refreshToken", token.refreshToken());
        putIfSet(n, "clientId", token.clientId());
        putIfSet(n, "clientSecret", token.clientSecret());
        if (token.registrationExpiresAt() != null) {
            n.put("registrationExpiresAt", token.registrationExpiresAt().toString());
        }
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, ".eksid-", ".tmp");
            try {
                restrictToOwner(tmp);
                Files.writeString(tmp, json.writeValueAsString(n), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (IOException e) {
            throw new AwsSetupException("Cannot write the SSO token cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the user profile folder is already private.
        }
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static String textOf(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The CLI writes {@code 2024-01-01T00:00:00Z} and older versions {@code 2024-01-01T00:00:00UTC}. */
    private static Instant instant(String text) {
        String t = text.strip();
        if (t.endsWith("UTC")) {
            t = t.substring(0, t.length() - 3) + "Z";
        }
        return Instant.parse(t);
    }
}
