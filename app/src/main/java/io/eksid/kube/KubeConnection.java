package io.eksid.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/** A live, verified client for one context. Close it to release its connections and threads. */
public final class KubeConnection implements AutoCloseable {

    private final KubeContext context;
    private final KubernetesClient client;
    private final String serverVersion;

    KubeConnection(KubeContext context, KubernetesClient client, String serverVersion) {
        this.context = Objects.requireNonNull(context);
        this.client = Objects.requireNonNull(client);
        this.serverVersion = serverVersion;
    }

    public KubeContext context() {
        return context;
    }

    public KubernetesClient client() {
        return client;
    }

    /** The API server's git version ({@code v1.30.2-eks-...}), or empty when the server does not say. */
    public String serverVersion() {
        return serverVersion == null ? "" : serverVersion;
    }

    /**
     * The context's cluster sets {@code insecure-skip-tls-verify: true}: the client honours it as kubectl does
     * (the server's certificate is not checked), and whoever shows the connection says so.
     */
    public boolean tlsVerificationSkipped() {
        return client.getConfiguration() != null && client.getConfiguration().isTrustCerts();
    }

    /** "Kubernetes v1.31.2", with the TLS warning when the kubeconfig turned verification off. */
    public String describe() {
        return "Kubernetes " + serverVersion() + (tlsVerificationSkipped()
                ? " - TLS verification is off (insecure-skip-tls-verify in the kubeconfig): the API server's "
                + "certificate is not checked" : "");
    }

    @Override
    public void close() {
        client.close();
    }
}
