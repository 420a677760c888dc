package io.eksid.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the files that point {@code kubectl}, the {@code aws} CLI and the console at a running sandbox:
 * {@code kubeconfig} (one context per cluster, named after it) and {@code aws/config} + {@code aws/credentials}
 * (one profile per account, with {@code endpoint_url} set to the emulator). Each file is written to a temporary
 * name and moved into place, so a reader never sees half a file.
 */
public final class SandboxFiles {

    /** One kubeconfig context: cluster, server URL and the static bearer token of its user. */
    public record KubeContext(String cluster, String serverUrl, String token) {
    }

    /** One AWS profile: its name, region, emulator endpoint and static keys. */
    public record AwsProfile(String name, String region, String endpointUrl, String accessKeyId, String secretKey) {
    }

    private final Path dir;

    public SandboxFiles(Path dir) {
        this.dir = dir;
    }

    public Path kubeconfigPath() {
        return dir.resolve("kubeconfig");
    }

    public Path awsConfigPath() {
        return dir.resolve("aws").resolve("config");
    }

    public Path awsCredentialsPath() {
        return dir.resolve("aws").resolve("credentials");
    }

    /** Writes the kubeconfig; {@code currentContext} must be one of the contexts. */
    public void writeKubeconfig(List<KubeContext> contexts, String currentContext) {
        if (contexts.stream().noneMatch(c -> c.cluster().equals(currentContext))) {
            throw new IllegalArgumentException("current context " + currentContext + " is not among the clusters");
        }
        List<Object> clusters = new ArrayList<>();
        List<Object> users = new ArrayList<>();
        List<Object> ctxs = new ArrayList<>();
        for (KubeContext c : contexts) {
            String user = c.cluster() + "-admin";
            clusters.add(Map.of("name", c.cluster(), "cluster", Map.of("server", c.serverUrl())));
            users.add(Map.of("name", user, "user", Map.of("token", c.token())));
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("cluster", c.cluster());
            context.put("user", user);
            context.put("namespace", "default");
            ctxs.add(Map.of("name", c.cluster(), "context", context));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("preferences", Map.of());
        root.put("clusters", clusters);
        root.put("users", users);
        root.put("contexts", ctxs);
        root.put("current-context", currentContext);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        try {
            writePrivate(kubeconfigPath(), yaml.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + kubeconfigPath() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code aws/config} and {@code aws/credentials} in the AWS CLI's shared-file format. */
    public void writeAwsProfiles(List<AwsProfile> profiles) {
        StringBuilder config = new StringBuilder();
        StringBuilder credentials = new StringBuilder();
        for (AwsProfile p : profiles) {
            config.append("[profile ").append(p.name()).append("]\n")
                    .append("region = ").append(p.region()).append('\n')
                    .append("endpoint_url = ").append(p.endpointUrl()).append('\n')
                    .append("output = json\n\n");
            credentials.append('[').append(p.name()).append("]\n")
                    .append("aws_access_key_id = ").append(p.accessKeyId()).append('\n')
                    .append("aws_secret_access_key = ").append(p.secretKey()).append("\n\n");
        }
        try {
            writePrivate(awsConfigPath(), config.toString());
            writePrivate(awsCredentialsPath(), credentials.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the AWS profile files under " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes owner-readable only where the file system knows POSIX permissions: the files hold keys. */
    private static void writePrivate(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
