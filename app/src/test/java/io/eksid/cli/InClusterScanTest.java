package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.sandbox.PodEnvironment;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.eksid.sandbox.aws.PodIdentityAgent;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eksid scan --in-cluster} as the CronJob runs it: a separate JVM whose environment is a sandbox pod's
 * (in-cluster API server over HTTPS with the pod's service account token, AWS only through the emulated Pod
 * Identity agent: no profile file, no keys), with the deploy/kubernetes RBAC applied through fabric8 and the
 * scanner's IAM role built from deploy/kubernetes/iam.
 */
class InClusterScanTest {

    static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");
    static final String CLUSTER = "acme-prod";
    static final String NAMESPACE = "eksid-system";
    static final String SERVICE_ACCOUNT = "eksid-scanner";

    static Sandbox sandbox;
    static String roleArn;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.acme(Files.createTempDirectory("eksid-in-cluster")));
        try (KubernetesClient admin = adminClient(CLUSTER)) {
            for (String file : List.of("namespace.yaml", "serviceaccount.yaml", "clusterrole.yaml",
                    "clusterrolebinding.yaml")) {
                admin.resourceList(Files.readString(DEPLOY.resolve(file))).create();
            }
        }
        var world = sandbox.awsWorld();
        String account = world.cluster(CLUSTER).accountId();
        roleArn = world.createRole(account, "/", "eksid-scanner-" + CLUSTER,
                Files.readString(DEPLOY.resolve("iam/trust-policy.json")), "in-cluster scanner");
        world.putRolePolicy(roleArn, "eksid-read", Files.readString(DEPLOY.resolve("iam/scanner-policy.json")));
        world.createPodIdentityAssociation(CLUSTER, NAMESPACE, SERVICE_ACCOUNT, roleArn, null, false, null);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static KubernetesClient adminClient(String cluster) throws IOException {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(cluster,
                Files.readString(sandbox.kubeconfigPath()), null)).build();
    }

    @Test
    void aScanInsideThePodGetsTheWholeReportThroughPodIdentityCredentials() throws Exception {
        PodEnvironment pod = sandbox.podEnvironment(CLUSTER, NAMESPACE, SERVICE_ACCOUNT, tmp.resolve("pod"));
        Map<String, String> env = new HashMap<>(pod.variables());
        env.put("EKSID_CLUSTER_NAME", CLUSTER);
        int before = sandbox.podIdentityAgent().grants().size();

        Result r = runInPod(env, "scan", "--in-cluster", "--output", "json", "--timeout", "90s");

        assertThat(r.code).as(r.err).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out);
        // Read-only by design: the only gap is the conversion permissions the preflight names.
        assertThat(report.get("ready").asBoolean()).as(r.err).isTrue();
        report.get("sources").forEach(s -> {
            if (s.get("source").asText().equals("kube/permissions")) {
                assertThat(s.get("state").asText()).isEqualTo("DEGRADED");
                assertThat(s.get("reason").asText()).startsWith("missing: patch serviceaccounts");
            } else {
                assertThat(s.get("state").asText()).as(s.toString()).isEqualTo("LIVE");
            }
        });
        assertThat(report.get("context").asText()).isEqualTo("in-cluster");
        assertThat(report.path("cluster").path("name").asText()).isEqualTo(CLUSTER);
        assertThat(report.path("cluster").path("account").asText()).isEqualTo("111122223333");
        assertThat(report.path("counts").path("irsaMappings").asInt()).isPositive();
        assertThat(report.path("counts").path("associations").asInt()).isPositive();
        List<String> accounts = new ArrayList<>();
        report.get("serviceAccounts").forEach(sa -> accounts.add(sa.get("namespace").asText() + "/"
                + sa.get("name").asText()));
        assertThat(accounts).contains("payments/payments-api", "checkout/checkout-worker", NAMESPACE + "/"
                + SERVICE_ACCOUNT);
        List<String> codes = new ArrayList<>();
        report.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).isNotEmpty();

        List<PodIdentityAgent.Grant> grants = sandbox.podIdentityAgent().grants();
        assertThat(grants.size()).isGreaterThan(before);
        PodIdentityAgent.Grant grant = grants.get(grants.size() - 1);
        assertThat(grant.roleArn()).isEqualTo(roleArn);
        assertThat(grant.sessionTags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "eks-cluster-arn", sandbox.awsWorld().cluster(CLUSTER).arn(),
                "eks-cluster-name", CLUSTER,
                "kubernetes-namespace", NAMESPACE,
                "kubernetes-service-account", SERVICE_ACCOUNT,
                "kubernetes-pod-name", pod.podName(),
                "kubernetes-pod-uid", pod.podUid()));
        assertThat(sandbox.podIdentityAgent().requestsSignedWith(grant.accessKeyId()))
                .as("EKS, IAM and STS calls signed with the Pod Identity session").isGreaterThan(3);
        assertThat(r.out + r.err).doesNotContain(grant.accessKeyId());
    }

    @Test
    void withoutTheClusterNameTheScanRefusesToGuess() throws Exception {
        PodEnvironment pod = sandbox.podEnvironment(CLUSTER, NAMESPACE, SERVICE_ACCOUNT, tmp.resolve("pod"));
        Result r = inProcess(pod.variables(), "--in-cluster", "--timeout", "5s");
        assertThat(r.code).isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(r.err).contains("--in-cluster needs the EKS cluster's name").contains("EKSID_CLUSTER_NAME");
    }

    @Test
    void outsideAPodTheScanSaysWhatIsMissing() throws Exception {
        Result r = inProcess(Map.of("EKSID_CLUSTER_NAME", CLUSTER), "--in-cluster", "--timeout", "5s");
        assertThat(r.code).isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(r.err).contains("not running in a Kubernetes pod").contains("KUBERNETES_SERVICE_HOST");
        Result mixed = inProcess(Map.of(), "--in-cluster", "--context", "acme-prod", "--cluster", CLUSTER);
        assertThat(mixed.code).isEqualTo(ScanCommand.USAGE_ERROR);
        assertThat(mixed.err).contains("cannot be combined with --kubeconfig, --context or --profile");
    }

    @Test
    void aServiceAccountWithoutTheBindingIsForbiddenAndTheReportSaysSo() throws Exception {
        try (KubernetesClient admin = adminClient(CLUSTER)) {
            admin.serviceAccounts().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model
                    .ServiceAccountBuilder().withNewMetadata().withName("unbound").endMetadata().build()).create();
        }
        PodEnvironment pod = sandbox.podEnvironment(CLUSTER, NAMESPACE, "unbound", tmp.resolve("pod"));
        Map<String, String> env = new HashMap<>(pod.variables());
        env.put("EKSID_CLUSTER_NAME", CLUSTER);
        Result r = inProcess(env, "--in-cluster", "--output", "json", "--timeout", "20s");
        JsonNode report = new ObjectMapper().readTree(r.out);
        List<String> reasons = new ArrayList<>();
        report.get("sources").forEach(s -> reasons.add(s.get("source").asText() + " " + s.get("state").asText()
                + " " + s.path("reason").asText()));
        assertThat(String.join("\n", reasons)).contains("FORBIDDEN");
    }

    record Result(int code, String out, String err) {
    }

    /** In this JVM: enough for what the scan decides before any AWS credentials are needed. */
    Result inProcess(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new ScanCommand(env, tmp));
        cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * In a fresh JVM with only the pod's environment: the AWS SDK reads the container-credentials variables from
     * the real process environment, as it does in a pod.
     */
    Result runInPod(Map<String, String> podEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.eksid.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(podEnv);
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        pb.environment().put("HOME", home.toString());
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the in-cluster scan did not finish: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
