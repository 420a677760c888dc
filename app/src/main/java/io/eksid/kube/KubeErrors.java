package io.eksid.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns whatever the client threw into a {@link KubeException} with a reason an admin can act on. */
public final class KubeErrors {

    private KubeErrors() {
    }

    /**
     * @param what   what was being done, for the message ("list pods", "connect to https://...")
     * @param thrown the failure from fabric8 (any wrapping)
     */
    public static KubeException classify(String what, Throwable thrown) {
        if (thrown instanceof KubeException k) {
            return k;
        }
        Throwable t = thrown;
        KubernetesClientException kce = null;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof KubeException k) {
                return k;
            }
            if (t instanceof ExecPluginException e) {
                return new KubeException(KubeFailure.EXEC_PLUGIN_FAILED, what + " failed: " + e.getMessage(), 0,
                        thrown);
            }
            if (t instanceof WatcherException w && kce == null) {
                kce = w.asClientException();
            }
            if (t instanceof KubernetesClientException k && kce == null && k.getCode() > 0) {
                kce = k;
            }
            boolean httpAnswer = t instanceof KubernetesClientException k && k.getCode() > 0;
            KubeException network = httpAnswer ? null : network(what, t, thrown);
            if (network != null) {
                return network;
            }
        }
        if (kce == null && thrown instanceof KubernetesClientException k) {
            kce = k;
        }
        if (kce != null && kce.getCode() > 0) {
            return http(what, kce);
        }
        String msg = thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
        return new KubeException(KubeFailure.OTHER, what + " failed: " + msg, 0, thrown);
    }

    private static KubeException network(String what, Throwable t, Throwable root) {
        String m = t.getMessage() == null ? "" : t.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (t instanceof SSLException || t instanceof CertificateException) {
            if (lower.contains("pkix") || lower.contains("unable to find valid certification path")) {
                return new KubeException(KubeFailure.CERTIFICATE, what + " failed: the server's certificate is not "
                        + "trusted (PKIX path building failed); check certificate-authority-data in the kubeconfig ("
                        + m + ")", 0, root);
            }
            if (lower.contains("subject alternative") || lower.contains("hostname") || lower.contains("host name")) {
                return new KubeException(KubeFailure.CERTIFICATE, what + " failed: the server's certificate does not "
                        + "match its host name (" + m + ")", 0, root);
            }
            if (t instanceof CertificateException || lower.contains("certificate")) {
                return new KubeException(KubeFailure.CERTIFICATE, what + " failed: certificate problem (" + m + ")",
                        0, root);
            }
        }
        if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                || lower.contains("failed to resolve") || lower.contains("nodename nor servname")) {
            return new KubeException(KubeFailure.UNREACHABLE, what + " failed: the API server's host name does not "
                    + "resolve (" + m + ")", 0, root);
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || lower.contains("connection refused")) {
            return new KubeException(KubeFailure.UNREACHABLE, what + " failed: connection refused or no route to "
                    + "the API server (" + m + ")", 0, root);
        }
        if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                || t instanceof KubernetesClientTimeoutException
                || t.getClass().getSimpleName().contains("Timeout") || lower.contains("timed out")) {
            return new KubeException(KubeFailure.UNREACHABLE, what + " failed: the API server did not answer in time ("
                    + (m.isEmpty() ? t.getClass().getSimpleName() : m) + ")", 0, root);
        }
        return null;
    }

    private static KubeException http(String what, KubernetesClientException e) {
        int code = e.getCode();
        String serverMessage = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        return switch (code) {
            case 401 -> new KubeException(KubeFailure.UNAUTHORIZED, what + " failed: 401 Unauthorized: the API server "
                    + "did not accept the credentials (expired token, or no access entry / aws-auth mapping for this "
                    + "identity)", code, e);
            case 403 -> new KubeException(KubeFailure.FORBIDDEN, what + " failed: 403 Forbidden: " + serverMessage,
                    code, e);
            case 404 -> new KubeException(KubeFailure.NOT_FOUND, what + " failed: 404 Not Found: " + serverMessage,
                    code, e);
            case 409 -> new KubeException(KubeFailure.CONFLICT, what + " failed: 409 Conflict: " + serverMessage,
                    code, e);
            case 410 -> new KubeException(KubeFailure.GONE, what + " failed: 410 Gone: " + serverMessage, code, e);
            default -> new KubeException(code >= 500 ? KubeFailure.SERVER_ERROR : KubeFailure.OTHER,
                    what + " failed: HTTP " + code + ": " + serverMessage, code, e);
        };
    }
}
