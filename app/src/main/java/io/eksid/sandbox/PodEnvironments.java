package io.eksid.sandbox;

import io.eksid.sandbox.aws.PodIdentityAgent;
import io.eksid.sandbox.kube.KubeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Writes a {@link PodEnvironment}: the kubelet's mounts and the pod's variables. */
final class PodEnvironments {

    private PodEnvironments() {
    }

    static PodEnvironment write(Sandbox sandbox, String cluster, String namespace, String serviceAccount, Path dir) {
        KubeApiServer kube = sandbox.kube();
        String saToken = kube.issueServiceAccountToken(cluster, namespace, serviceAccount);
        KubeApiServer.InClusterEndpoint endpoint = kube.serveInCluster(cluster);
        String podUid = UUID.randomUUID().toString();
        String podName = serviceAccount + "-" + podUid.substring(0, 5);
        PodIdentityAgent agent = sandbox.podIdentityAgent();
        String podIdentityToken = agent.issueToken(new PodIdentityAgent.PodRef(cluster, namespace, serviceAccount,
                podName, podUid));
        Path saDir = dir.resolve("kubernetes.io").resolve("serviceaccount");
        Path podIdentityTokenFile = dir.resolve("pods.eks.amazonaws.com").resolve("serviceaccount")
                .resolve("eks-pod-identity-token");
        try {
            Files.createDirectories(saDir);
            Files.createDirectories(podIdentityTokenFile.getParent());
            Files.writeString(saDir.resolve("token"), saToken, StandardCharsets.UTF_8);
            Files.writeString(saDir.resolve("ca.crt"), endpoint.caPem(), StandardCharsets.UTF_8);
            Files.writeString(saDir.resolve("namespace"), namespace, StandardCharsets.UTF_8);
            Files.writeString(podIdentityTokenFile, podIdentityToken, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pod's files under " + dir + ": " + e.getMessage(), e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBERNETES_SERVICE_HOST", endpoint.host());
        env.put("KUBERNETES_SERVICE_PORT", Integer.toString(endpoint.port()));
        env.put("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", saDir.resolve("token").toString());
        env.put("KUBERNETES_CERTS_CA_FILE", saDir.resolve("ca.crt").toString());
        env.put("KUBERNETES_NAMESPACE_FILE", saDir.resolve("namespace").toString());
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.credentialsUri().toString());
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", podIdentityTokenFile.toString());
        String region = sandbox.awsWorld().cluster(cluster).region();
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ENDPOINT_URL", sandbox.awsEndpoint());
        return new PodEnvironment(cluster, namespace, serviceAccount, podName, podUid, saDir, podIdentityTokenFile, env);
    }
}
