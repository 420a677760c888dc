package io.eksid.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The standard in-cluster configuration of a pod: the API server from {@code KUBERNETES_SERVICE_HOST} and
 * {@code KUBERNETES_SERVICE_PORT} (always HTTPS), the service account token, CA bundle and namespace the kubelet
 * mounts under {@code /var/run/secrets/kubernetes.io/serviceaccount/}. The file locations can be moved with the
 * variables fabric8 itself honours ({@code KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN}, {@code KUBERNETES_CERTS_CA_FILE},
 * {@code KUBERNETES_NAMESPACE_FILE}), so the same code runs in a pod and against a sandbox pod environment.
 *
 * @param namespace the pod's namespace, or null when the namespace file is missing
 */
public record InClusterConfig(String host, int port, Path tokenFile, Path caFile, String namespace) {

    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    public InClusterConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(caFile, "caFile");
    }

    /**
     * Reads the configuration from a process environment.
     *
     * @throws KubeException ({@link KubeFailure#INVALID_CONTEXT}) naming what is missing: not in a pod, no token,
     *                       no CA bundle, a bad port
     */
    public static InClusterConfig fromEnvironment(Map<String, String> env) {
        String host = blankToNull(env.get("KUBERNETES_SERVICE_HOST"));
        String portText = blankToNull(env.get("KUBERNETES_SERVICE_PORT"));
        if (host == null || portText == null) {
            throw invalid("not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are "
                    + "not set (--in-cluster reads the pod's service account; outside a pod, use --kubeconfig/--context)");
        }
        int port;
        try {
            port = Integer.parseInt(portText.strip());
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw invalid("KUBERNETES_SERVICE_PORT is not a port number: '" + portText + "'");
        }
        Path token = path(env, "KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", "token");
        Path ca = path(env, "KUBERNETES_CERTS_CA_FILE", "ca.crt");
        Path namespaceFile = path(env, "KUBERNETES_NAMESPACE_FILE", "namespace");
        if (!Files.isReadable(token)) {
            throw invalid("the service account token " + token + " cannot be read: is automountServiceAccountToken "
                    + "off without a projected token volume at that path?");
        }
        if (!Files.isReadable(ca)) {
            throw invalid("the cluster CA bundle " + ca + " cannot be read");
        }
        String namespace = null;
        try {
            namespace = blankToNull(Files.readString(namespaceFile, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            // The namespace only sets a default; every read the scanner does is cluster-wide.
        }
        return new InClusterConfig(host.strip(), port, token, ca, namespace);
    }

    /** {@code https://host:port}, with an IPv6 host in brackets. */
    public String server() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "https://" + h + ":" + port;
    }

    /** The context the rest of the console sees: named {@code in-cluster}, its user the pod's service account. */
    public KubeContext asContext(String clusterName) {
        return new KubeContext("in-cluster", tokenFile, clusterName, server(), "service-account", namespace, null,
                null);
    }

    private static Path path(Map<String, String> env, String variable, String file) {
        String given = blankToNull(env.get(variable));
        return given != null ? Path.of(given.strip()) : SERVICE_ACCOUNT_DIR.resolve(file);
    }

    private static KubeException invalid(String message) {
        return new KubeException(KubeFailure.INVALID_CONTEXT, message, 0, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
