package io.eksid.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the emulated API server, through a temporary kubeconfig. */
class KubectlCompatibilityTest extends SandboxKubeTestSupport {

    private record Result(int exitCode, String out, String err) {
    }

    @TempDir
    Path home;
    private Path kubeconfig;

    @BeforeEach
    void kubeconfigAndScenario() throws IOException {
        Assumptions.assumeTrue(kubectlAvailable(), "kubectl is not on PATH");
        kubeconfig = home.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c1
                  cluster:
                    server: %s
                contexts:
                - name: c1
                  context: {cluster: c1, user: sandbox}
                current-context: c1
                users:
                - name: sandbox
                  user: {token: sandbox-token}
                """.formatted(server.serverUrl("c1")));
        cluster.namespace("shop", Map.of());
        cluster.serviceAccount("shop", "cart", Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/cart"));
        cluster.deployment("shop", "web", "cart", 2, PodTemplateOptions.defaults());
    }

    @Test
    void getListsAcrossNamespacesAndPrintsYaml() throws Exception {
        Result all = kubectl("get", "ns,sa,pods", "-A");
        assertThat(all.exitCode).as(all.err).isZero();
        assertThat(all.out).contains("namespace/shop", "serviceaccount/cart", "pod/web-", "Running", "2/2");
        Result yaml = kubectl("get", "sa", "-n", "shop", "cart", "-o", "yaml");
        assertThat(yaml.exitCode).as(yaml.err).isZero();
        assertThat(yaml.out).contains("kind: ServiceAccount", "name: cart",
                "eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/cart");
        Result shortNames = kubectl("get", "deploy,rs,po", "-n", "shop", "-o", "name");
        assertThat(shortNames.exitCode).as(shortNames.err).isZero();
        assertThat(shortNames.out).contains("deployment.apps/web", "replicaset.apps/web-", "pod/web-");
    }

    @Test
    void annotateLabelAndMergePatchServiceAccounts() throws Exception {
        Result annotate = kubectl("annotate", "sa", "-n", "shop", "cart", "--overwrite",
                "eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/other");
        assertThat(annotate.exitCode).as(annotate.err).isZero();
        assertThat(annotate.out).contains("serviceaccount/cart annotated");
        Result label = kubectl("label", "sa", "-n", "shop", "cart", "team=payments");
        assertThat(label.exitCode).as(label.err).isZero();
        Result patch = kubectl("patch", "sa", "cart", "-n", "shop", "--type=merge", "-p",
                "{\"metadata\":{\"annotations\":{\"eks.amazonaws.com/audience\":\"custom\"}}}");
        assertThat(patch.exitCode).as(patch.err).isZero();
        ObjectNode sa = cluster.store().get(ResourceCatalog.SERVICE_ACCOUNTS, "shop", "cart").orElseThrow();
        assertThat(sa.path("metadata").path("annotations").path("eks.amazonaws.com/role-arn").asText())
                .isEqualTo("arn:aws:iam::111122223333:role/other");
        assertThat(sa.path("metadata").path("annotations").path("eks.amazonaws.com/audience").asText()).isEqualTo("custom");
        assertThat(sa.path("metadata").path("labels").path("team").asText()).isEqualTo("payments");
        Result remove = kubectl("annotate", "sa", "-n", "shop", "cart", "eks.amazonaws.com/audience-");
        assertThat(remove.exitCode).as(remove.err).isZero();
        assertThat(cluster.store().get(ResourceCatalog.SERVICE_ACCOUNTS, "shop", "cart").orElseThrow()
                .path("metadata").path("annotations").has("eks.amazonaws.com/audience")).isFalse();
    }

    @Test
    void createFromFileAndDeletePods() throws Exception {
        Path manifest = home.resolve("pod.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: debug
                  namespace: shop
                spec:
                  serviceAccountName: cart
                  containers:
                  - name: shell
                    image: public.ecr.aws/amazonlinux/amazonlinux:2023
                """);
        Result create = kubectl("create", "--validate=false", "-f", manifest.toString());
        assertThat(create.exitCode).as(create.err).isZero();
        assertThat(create.out).contains("pod/debug created");
        ObjectNode pod = cluster.store().get(ResourceCatalog.PODS, "shop", "debug").orElseThrow();
        assertThat(pod.path("spec").path("containers").get(0).path("env").toString()).contains("AWS_ROLE_ARN");
        Result again = kubectl("create", "--validate=false", "-f", manifest.toString());
        assertThat(again.exitCode).isNotZero();
        assertThat(again.err).contains("AlreadyExists");
        Result delete = kubectl("delete", "pod", "-n", "shop", "debug");
        assertThat(delete.exitCode).as(delete.err).isZero();
        assertThat(delete.out).contains("pod \"debug\" deleted");
        assertThat(cluster.store().get(ResourceCatalog.PODS, "shop", "debug")).isEmpty();
        Result missing = kubectl("get", "pod", "-n", "shop", "debug");
        assertThat(missing.exitCode).isNotZero();
        assertThat(missing.err).contains("NotFound", "pods \"debug\" not found");
    }

    @Test
    void rolloutRestartReplacesPodsAndScaleWorks() throws Exception {
        Set<String> before = podUids();
        Result restart = kubectl("rollout", "restart", "deployment/web", "-n", "shop");
        assertThat(restart.exitCode).as(restart.err).isZero();
        assertThat(restart.out).contains("deployment.apps/web restarted");
        Set<String> after = podUids();
        assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before);
        Result scale = kubectl("scale", "deployment/web", "-n", "shop", "--replicas=4");
        assertThat(scale.exitCode).as(scale.err).isZero();
        assertThat(podUids()).hasSize(4);
    }

    @Test
    void deniedResourcesAreForbidden() throws Exception {
        cluster.denyAccess("list", "pods", null);
        Result denied = kubectl("get", "pods", "-A");
        assertThat(denied.exitCode).isNotZero();
        assertThat(denied.err).contains("Forbidden", "cannot list resource \"pods\"");
        Result canI = kubectl("auth", "can-i", "list", "pods");
        assertThat(canI.out.trim()).startsWith("no");
        Result canPatch = kubectl("auth", "can-i", "patch", "deployments", "-n", "shop");
        assertThat(canPatch.exitCode).as(canPatch.err).isZero();
        assertThat(canPatch.out.trim()).isEqualTo("yes");
    }

    @Test
    void watchPrintsNewPods() throws Exception {
        Path out = home.resolve("watch.out");
        Process watch = new ProcessBuilder(command("get", "pods", "-n", "shop", "-w"))
                .redirectOutput(out.toFile()).redirectError(home.resolve("watch.err").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("web-"));
            cluster.deployment("shop", "late", "cart", 1, PodTemplateOptions.defaults());
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("late-"));
            assertThat(watch.isAlive()).isTrue();
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Set<String> podUids() {
        return cluster.pods("shop").stream().map(p -> p.path("metadata").path("uid").asText()).collect(Collectors.toSet());
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", home.resolve("cache").toString(), "--request-timeout", "20s"));
        command.addAll(List.of(args));
        return command;
    }

    private Result kubectl(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.environment().put("HOME", home.toString());
        pb.redirectOutput(home.resolve("out").toFile()).redirectError(home.resolve("err").toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(home.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(home.resolve("err"), StandardCharsets.UTF_8));
    }

    private static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
