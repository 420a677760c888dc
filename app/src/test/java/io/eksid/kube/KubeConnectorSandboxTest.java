package io.eksid.kube;

import io.eksid.model.ExecHints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contexts from several kubeconfig files, exec plugins and failures, against the sandbox API server. */
class KubeConnectorSandboxTest {

    static SandboxKube sandbox;

    @TempDir
    Path dir;

    private final KubeConnector connector = new KubeConnector(Clock.systemUTC(),
            new KubeConnectOptions(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(5)));

    @BeforeAll
    static void start() {
        sandbox = new SandboxKube();
        sandbox.server.addCluster("alpha");
        sandbox.server.addCluster("beta", "eu-west-1");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private Path script(String name, String body) throws Exception {
        Path p = SandboxKube.write(dir, name, "#!/bin/sh\n" + body);
        java.nio.file.Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private KubeconfigLoader loader(Path... files) {
        StringBuilder env = new StringBuilder();
        for (Path f : files) {
            env.append(env.length() == 0 ? "" : File.pathSeparator).append(f);
        }
        return new KubeconfigLoader(Map.of("KUBECONFIG", env.toString()), dir);
    }

    @Test
    void connectsToEveryContextOfSeveralFiles() throws Exception {
        Path a = SandboxKube.write(dir, "a.yaml", SandboxKube.kubeconfig("alpha", "alpha",
                sandbox.server.serverUrl("alpha"), "default", "token: sandbox-token"));
        Path b = SandboxKube.write(dir, "b.yaml", SandboxKube.kubeconfig("beta", "beta",
                sandbox.server.serverUrl("beta"), "kube-system", "token: other"));
        Kubeconfig kc = loader(a, b).load();
        assertThat(kc.contexts()).extracting(KubeContext::name).containsExactly("alpha", "beta");
        for (KubeContext ctx : kc.contexts()) {
            try (KubeConnection c = connector.connect(kc, ctx)) {
                assertThat(c.serverVersion()).startsWith("v1.");
                assertThat(c.client().namespaces().withName(ctx.defaultNamespace()).get()).isNotNull();
            }
        }
    }

    @Test
    void execPluginSuppliesTheToken() throws Exception {
        Path plugin = script("token.sh", """
                echo "$KUBERNETES_EXEC_INFO" > "$(dirname "$0")/exec-info.json"
                echo "$AWS_PROFILE" > "$(dirname "$0")/profile.txt"
                cat <<JSON
                {"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",
                 "status":{"token":"k8s-aws-v1.abc","expirationTimestamp":"2099-01-01T00:00:00Z"}}
                JSON
                """);
        Path a = SandboxKube.write(dir, "exec.yaml", SandboxKube.kubeconfig("exec", "alpha",
                sandbox.server.serverUrl("alpha"), "default", """
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: %s
                  args: [eks, get-token, --cluster-name, alpha, --region, us-east-1]
                  env:
                  - name: AWS_PROFILE
                    value: sandbox-admin
                """.formatted(plugin)));
        Kubeconfig kc = loader(a).load();
        KubeContext ctx = kc.contexts().get(0);
        assertThat(ctx.execHints()).isEqualTo(new ExecHints(ctx.name(), ctx.server(), "alpha", "us-east-1",
                "sandbox-admin", null));
        try (KubeConnection c = connector.connect(kc, ctx)) {
            assertThat(c.client().getConfiguration().getOauthTokenProvider().getToken()).isEqualTo("k8s-aws-v1.abc");
            assertThat(c.client().namespaces().list().getItems()).isNotEmpty();
        }
        assertThat(java.nio.file.Files.readString(dir.resolve("profile.txt")).strip()).isEqualTo("sandbox-admin");
        assertThat(java.nio.file.Files.readString(dir.resolve("exec-info.json"))).contains("\"kind\":\"ExecCredential\"");
    }

    @Test
    void failingExecPluginReportsItsStderr() throws Exception {
        Path plugin = script("expired.sh", """
                echo "Error when retrieving token from sso: Token has expired and refresh failed" >&2
                exit 255
                """);
        Path a = SandboxKube.write(dir, "bad-exec.yaml", SandboxKube.kubeconfig("sso", "alpha",
                sandbox.server.serverUrl("alpha"), "default", """
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: %s
                  args: [eks, get-token, --cluster-name, alpha]
                """.formatted(plugin)));
        Kubeconfig kc = loader(a).load();
        assertThatThrownBy(() -> connector.connect(kc, kc.contexts().get(0)))
                .isInstanceOfSatisfying(KubeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(KubeFailure.EXEC_PLUGIN_FAILED);
                    assertThat(e.getMessage()).contains("context 'sso'").contains("exited with code 255")
                            .contains("Token has expired and refresh failed");
                });
    }

    @Test
    void hangingExecPluginTimesOut() throws Exception {
        Path plugin = script("hang.sh", "echo 'Waiting for browser login...' >&2\nsleep 30\n");
        Path a = SandboxKube.write(dir, "hang.yaml", SandboxKube.kubeconfig("hang", "alpha",
                sandbox.server.serverUrl("alpha"), "default", "exec:\n  command: " + plugin + "\n"));
        Kubeconfig kc = loader(a).load();
        KubeConnector quick = new KubeConnector(Clock.systemUTC(),
                new KubeConnectOptions(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(500)));
        assertThatThrownBy(() -> quick.connect(kc, kc.contexts().get(0)))
                .isInstanceOfSatisfying(KubeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(KubeFailure.EXEC_PLUGIN_FAILED);
                    assertThat(e.getMessage()).contains("did not finish").contains("Waiting for browser login");
                });
    }

    @Test
    void missingExecCommandSaysSoWithTheInstallHint() throws Exception {
        Path a = SandboxKube.write(dir, "missing.yaml", SandboxKube.kubeconfig("missing", "alpha",
                sandbox.server.serverUrl("alpha"), "default", """
                exec:
                  command: /nonexistent/aws-iam-authenticator
                  args: [token, -i, alpha]
                  installHint: Install aws-iam-authenticator from the EKS docs
                """));
        Kubeconfig kc = loader(a).load();
        assertThatThrownBy(() -> connector.connect(kc, kc.contexts().get(0)))
                .isInstanceOfSatisfying(KubeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(KubeFailure.EXEC_PLUGIN_FAILED);
                    assertThat(e.getMessage()).contains("could not be started").contains("Install aws-iam-authenticator");
                });
    }

    @Test
    void unreachableServerIsClassified() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path a = SandboxKube.write(dir, "down.yaml", SandboxKube.kubeconfig("down", "down",
                "http://127.0.0.1:" + port, "default", "token: t"));
        Kubeconfig kc = loader(a).load();
        assertThatThrownBy(() -> connector.connect(kc, kc.contexts().get(0)))
                .isInstanceOfSatisfying(KubeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(KubeFailure.UNREACHABLE);
                    assertThat(e.getMessage()).contains("context down");
                });
    }

    @Test
    void unusableContextIsRefusedBeforeAnyRequest() throws Exception {
        Path a = SandboxKube.write(dir, "ghost.yaml", """
                contexts: [{name: ghost, context: {cluster: nowhere, user: nobody}}]
                """);
        Kubeconfig kc = loader(a).load();
        assertThatThrownBy(() -> connector.connect(kc, kc.contexts().get(0)))
                .isInstanceOfSatisfying(KubeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(KubeFailure.INVALID_CONTEXT);
                    assertThat(e.getMessage()).contains("cluster 'nowhere' is not defined");
                });
    }
}
