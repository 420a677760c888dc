package io.eksid.sandbox.kube;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts an API server with cluster "c1" (two EC2 nodes) on a free port, and a real fabric8 client for it. */
abstract class SandboxKubeTestSupport {

    /** (cluster/namespace/serviceAccount) entries with a Pod Identity association. */
    protected final Set<String> associations = ConcurrentHashMap.newKeySet();
    protected KubeApiServer server;
    protected SimulatedCluster cluster;
    protected KubernetesClient client;

    @BeforeEach
    void startServer() {
        server = new KubeApiServer((c, ns, sa) -> associations.contains(c + "/" + ns + "/" + sa), Clock.systemUTC());
        configure(server);
        cluster = server.addCluster("c1");
        cluster.node("ip-10-0-1-10.ec2.internal", Map.of());
        cluster.node("ip-10-0-1-11.ec2.internal", Map.of());
        server.start(0);
        client = clientFor("c1", false);
    }

    /** Hook to tune the server before clusters are added. */
    protected void configure(KubeApiServer apiServer) {
    }

    protected KubernetesClient clientFor(String clusterName, boolean httpWatches) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.serverUrl(clusterName))
                .withTrustCerts(true).withOnlyHttpWatches(httpWatches).withRequestRetryBackoffLimit(0).build()).build();
    }

    @AfterEach
    void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
