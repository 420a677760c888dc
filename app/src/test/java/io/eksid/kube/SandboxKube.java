package io.eksid.kube;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.Partition;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceStatus;
import io.eksid.sandbox.kube.AssociationLookup;
import io.eksid.sandbox.kube.KubeApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Test helpers: the sandbox's Kubernetes API server over HTTP, kubeconfig files pointing at it. */
final class SandboxKube implements AutoCloseable {

    static final ReflectorSettings FAST = new ReflectorSettings(50, java.time.Duration.ofMillis(50),
            java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(10));

    final Set<String> associations = ConcurrentHashMap.newKeySet();
    final KubeApiServer server;

    SandboxKube() {
        server = new KubeApiServer(
                (AssociationLookup) (cluster, ns, sa) -> associations.contains(cluster + "/" + ns + "/" + sa),
                Clock.systemUTC());
        server.start(0);
    }

    static String kubeconfig(String context, String cluster, String server, String namespace, String userBlock) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %2$s
                  cluster:
                    server: %3$s
                users:
                - name: %2$s-user
                  user:
                %5$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %2$s
                    user: %2$s-user
                    namespace: %4$s
                current-context: %1$s
                """.formatted(context, cluster, server, namespace, userBlock.indent(4).stripTrailing());
    }

    static Path write(Path dir, String file, String text) throws Exception {
        Path p = dir.resolve(file);
        Files.writeString(p, text);
        return p;
    }

    static ClusterSnapshot snapshot(ClusterStore store) {
        return store.snapshot(new ClusterInfo("sandbox", null, "111122223333", Partition.AWS, "us-east-1", null,
                null, null, false));
    }

    static Map<String, SourceStatus> sources(ClusterStore store) {
        Map<String, SourceStatus> m = new java.util.HashMap<>();
        store.sources().forEach(s -> m.put(s.source(), s));
        return m;
    }

    @Override
    public void close() {
        server.close();
    }
}
