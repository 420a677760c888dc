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

    @Override
    public void close() {
        client.close();
    }
}
