package io.eksid.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a fabric8 client for one kubeconfig context and proves it works with one cheap request
 * ({@code GET /version}), classifying any failure (unreachable, 401, 403, exec plugin, certificate) with a reason
 * an admin can act on. The exec plugin is run here, not inside fabric8, so it gets a timeout and its stderr.
 */
public final class KubeConnector {

    private final Clock clock;
    private final KubeConnectOptions options;

    public KubeConnector(Clock clock, KubeConnectOptions options) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Connects and verifies; throws {@link KubeException} with the classified reason. */
    public KubeConnection connect(Kubeconfig kubeconfig, KubeContext context) {
        KubernetesClient client = buildClient(kubeconfig, context);
        try {
            String version = probe(context, client);
            return new KubeConnection(context, client, version);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Builds the client without a request (the exec plugin, if any, does run once). */
    public KubernetesClient buildClient(Kubeconfig kubeconfig, KubeContext context) {
        if (!context.usable()) {
            throw new KubeException(KubeFailure.INVALID_CONTEXT, "context '" + context.name() + "' in "
                    + context.sourceFile() + " cannot be used: " + context.problem(), 0, null);
        }
        Config config;
        try {
            // No file path: fabric8 would re-read the original file and run the exec plugin itself, without a
            // timeout. The single-context YAML already has absolute paths.
            config = Config.fromKubeconfig(context.name(), kubeconfig.singleContextYaml(context, true), null);
        } catch (RuntimeException e) {
            throw new KubeException(KubeFailure.INVALID_CONTEXT, "context '" + context.name() + "' in "
                    + context.sourceFile() + " cannot be used: " + e.getMessage(), 0, e);
        }
        tune(config);
        if (context.exec() != null) {
            try {
                configureExec(config, context.exec());
            } catch (ExecPluginException e) {
                throw KubeErrors.classify("get credentials for context '" + context.name() + "'", e);
            }
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * Connects from inside a pod with the standard in-cluster configuration (service account token re-read as
     * the kubelet rotates it, the mounted CA bundle) and verifies with {@code GET /version}.
     *
     * @param clusterName the EKS cluster's name, which the pod cannot learn from Kubernetes
     */
    public KubeConnection connectInCluster(InClusterConfig inCluster, String clusterName) {
        KubeContext context = inCluster.asContext(clusterName);
        Config config = Config.empty();
        config.setMasterUrl(inCluster.server());
        config.setCaCertFile(inCluster.caFile().toString());
        if (inCluster.namespace() != null) {
            config.setNamespace(inCluster.namespace());
        }
        config.setOauthTokenProvider(new ServiceAccountTokenFile(inCluster.tokenFile(), clock));
        tune(config);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            return new KubeConnection(context, client, probe(context, client));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void tune(Config config) {
        config.setConnectionTimeout(millis(options.connectTimeout()));
        config.setRequestTimeout(millis(options.requestTimeout()));
        // Watches are re-opened by our own reflector, which reports the gap as DEGRADED; fabric8's silent
        // reconnects would hide it. HTTP watches avoid a WebSocket upgrade some proxies refuse.
        config.setWatchReconnectLimit(0);
        config.setOnlyHttpWatches(true);
        // One retry layer for Kubernetes calls (engine.run.RetryPolicy): fabric8's own retries would multiply it.
        config.setRequestRetryBackoffLimit(0);
    }

    private void configureExec(Config config, ExecPlugin exec) {
        ExecCredentialRunner runner = new ExecCredentialRunner(options.execTimeout());
        ExecCredential credential = runner.run(exec);
        if (credential.hasToken()) {
            ExecTokenProvider provider = new ExecTokenProvider(exec, runner, clock, Duration.ofMinutes(10));
            provider.accept(credential);
            config.setOauthTokenProvider(provider);
        } else {
            config.setClientCertData(credential.clientCertificateData());
            config.setClientKeyData(credential.clientKeyData());
        }
    }

    private String probe(KubeContext context, KubernetesClient client) {
        try {
            VersionInfo v = client.getKubernetesVersion();
            return v == null ? "" : v.getGitVersion();
        } catch (RuntimeException e) {
            KubeException k = KubeErrors.classify("connect to " + context.server() + " (context " + context.name()
                    + ")", e);
            if (k.failure() == KubeFailure.NOT_FOUND) {
                return "";
            }
            throw k;
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
