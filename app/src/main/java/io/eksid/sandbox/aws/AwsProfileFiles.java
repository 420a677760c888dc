package io.eksid.sandbox.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an AWS CLI/SDK profile that points at the emulator: {@code region} and {@code endpoint_url}
 * in the config file, the account's key pair in the credentials file. Other profiles in both files
 * stay as they were; the profile's own section is replaced.
 */
public final class AwsProfileFiles {

    private AwsProfileFiles() {
    }

    public static void writeProfile(Path configFile, Path credentialsFile, String profileName, Account account,
                                    String region, URI endpoint) {
        if (profileName == null || !profileName.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("invalid profile name: " + profileName);
        }
        String configHeader = profileName.equals("default") ? "[default]" : "[profile " + profileName + "]";
        replaceSection(configFile, configHeader, List.of(
                "region = " + region,
                "output = json",
                "endpoint_url = " + endpoint));
        replaceSection(credentialsFile, "[" + profileName + "]", List.of(
                "aws_access_key_id = " + account.accessKeyId(),
                "aws_secret_access_key = " + account.secretAccessKey()));
        restrictToOwner(credentialsFile);
    }

    private static void replaceSection(Path file, String header, List<String> body) {
        try {
            List<String> kept = new ArrayList<>();
            if (Files.exists(file)) {
                boolean inSection = false;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String t = line.trim();
                    if (t.startsWith("[") && t.endsWith("]")) {
                        inSection = t.replaceAll("\\s+", " ").equals(header);
                    }
                    if (!inSection) {
                        kept.add(line);
                    }
                }
            }
            while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
                kept.remove(kept.size() - 1);
            }
            if (!kept.isEmpty()) {
                kept.add("");
            }
            kept.add(header);
            kept.addAll(body);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".aws-profile", ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write AWS profile file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }
}
