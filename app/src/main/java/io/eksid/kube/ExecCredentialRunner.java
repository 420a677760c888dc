package io.eksid.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a kubeconfig exec credential plugin the way kubectl does (client-go credential plugins): the command with
 * its args, the kubeconfig's env entries added to ours, {@code KUBERNETES_EXEC_INFO} describing the request, stdin
 * closed. Unlike running it inline, stderr is kept apart so a failure message carries what the plugin said (for
 * example "The SSO session associated with this profile has expired"), and a plugin that hangs (waiting for a
 * browser login, say) is stopped after the timeout instead of blocking the console.
 */
public final class ExecCredentialRunner {

    private static final int MAX_STDERR_CHARS = 2000;

    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public ExecCredentialRunner(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Runs the plugin; throws {@link ExecPluginException} with the plugin's own words when it fails. */
    public ExecCredential run(ExecPlugin exec) {
        List<String> argv = new ArrayList<>();
        argv.add(exec.command());
        argv.addAll(exec.args());
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.putAll(exec.env());
        String apiVersion = exec.apiVersion().isEmpty() ? "client.authentication.k8s.io/v1beta1" : exec.apiVersion();
        env.put("KUBERNETES_EXEC_INFO", "{\"apiVersion\":\"" + apiVersion
                + "\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            String hint = exec.installHint().isBlank() ? "" : " " + exec.installHint().strip();
            throw new ExecPluginException("exec plugin '" + exec.command() + "' could not be started: "
                    + e.getMessage() + hint, e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // a plugin that has already exited does not need stdin
        }
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ExecPluginException("exec plugin '" + exec.commandLine() + "' was interrupted", e);
        }
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new ExecPluginException("exec plugin '" + exec.commandLine() + "' did not finish within "
                    + timeout.toSeconds() + " s" + stderrSuffix(await(stderr)));
        }
        String out = await(stdout);
        String err = await(stderr);
        if (process.exitValue() != 0) {
            throw new ExecPluginException("exec plugin '" + exec.commandLine() + "' exited with code "
                    + process.exitValue() + stderrSuffix(err));
        }
        return parse(exec, out, err);
    }

    ExecCredential parse(ExecPlugin exec, String out, String err) {
        JsonNode root;
        try {
            root = json.readTree(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ExecPluginException("exec plugin '" + exec.commandLine() + "' printed no ExecCredential JSON "
                    + "(" + e.getOriginalMessage() + ")" + stderrSuffix(err));
        }
        if (root == null || !root.isObject() || !"ExecCredential".equals(root.path("kind").asText())) {
            throw new ExecPluginException("exec plugin '" + exec.commandLine() + "' printed something that is not "
                    + "an ExecCredential" + stderrSuffix(err));
        }
        String version = root.path("apiVersion").asText("");
        if (!exec.apiVersion().isEmpty() && !exec.apiVersion().equals(version)) {
            throw new ExecPluginException("exec plugin '" + exec.commandLine() + "' answered with apiVersion '"
                    + version + "' but the kubeconfig asks for '" + exec.apiVersion() + "'");
        }
        JsonNode status = root.path("status");
        String token = text(status, "token");
        String cert = text(status, "clientCertificateData");
        String key = text(status, "clientKeyData");
        Instant expires = null;
        String exp = text(status, "expirationTimestamp");
        if (exp != null) {
            try {
                expires = Instant.parse(exp);
            } catch (DateTimeParseException e) {
                throw new ExecPluginException("exec plugin '" + exec.commandLine()
                        + "' gave an unreadable expirationTimestamp '" + exp + "'");
            }
        }
        ExecCredential credential = new ExecCredential(token, cert, key, expires);
        if (!credential.hasToken() && !credential.hasClientCertificate()) {
            throw new ExecPluginException("exec plugin '" + exec.commandLine() + "' returned neither a token nor a "
                    + "client certificate" + stderrSuffix(err));
        }
        return credential;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String stderrSuffix(String err) {
        if (err == null || err.isBlank()) {
            return "";
        }
        String s = err.strip();
        if (s.length() > MAX_STDERR_CHARS) {
            s = s.substring(0, MAX_STDERR_CHARS) + " ...";
        }
        return ": " + s;
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, r -> {
            Thread t = new Thread(r, "exec-plugin-output");
            t.setDaemon(true);
            t.start();
        });
    }

    private static String await(CompletableFuture<String> f) {
        try {
            return f.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }
}
