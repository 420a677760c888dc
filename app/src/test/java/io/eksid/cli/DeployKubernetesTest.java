package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes: the real kubectl applies the kustomize base to the sandbox (and re-applies it unchanged),
 * and its RBAC and IAM policy are exactly what docs/permissions.md says.
 */
class DeployKubernetesTest {

    static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");
    static final Path PERMISSIONS = Path.of("..", "docs", "permissions.md");

    @TempDir
    Path tmp;

    @Test
    void kubectlAppliesTheKustomizeBaseToTheSandbox() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(tmp.resolve("sbx")))) {
            String kubeconfig = sandbox.kubeconfigPath().toString();
            // The sandbox serves no OpenAPI document, so kubectl's client-side schema check is turned off.
            Run first = kubectl(kubeconfig, "apply", "-k", DEPLOY.toString(), "--validate=false");
            assertThat(first.code).as(first.output).isZero();
            assertThat(first.output).contains("namespace/eksid-system created",
                    "serviceaccount/eksid-scanner created", "clusterrole.rbac.authorization.k8s.io/eksid-read created",
                    "clusterrolebinding.rbac.authorization.k8s.io/eksid-scanner-read created",
                    "cronjob.batch/eksid-scanner created");
            assertThat(first.output).containsPattern("configmap/eksid-scanner-[a-z0-9]+ created");

            Run again = kubectl(kubeconfig, "apply", "-k", DEPLOY.toString(), "--validate=false");
            assertThat(again.code).as(again.output).isZero();
            assertThat(again.output).contains("cronjob.batch/eksid-scanner unchanged",
                    "clusterrole.rbac.authorization.k8s.io/eksid-read unchanged");

            Run cronJob = kubectl(kubeconfig, "get", "cronjob", "-n", "eksid-system", "eksid-scanner", "-o", "json");
            assertThat(cronJob.code).as(cronJob.output).isZero();
            JsonNode pod = new ObjectMapper().readTree(cronJob.output).path("spec").path("jobTemplate").path("spec")
                    .path("template").path("spec");
            assertThat(pod.path("serviceAccountName").asText()).isEqualTo("eksid-scanner");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            JsonNode container = pod.path("containers").get(0);
            assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("1Gi");
            assertThat(container.path("args").toString()).contains("--in-cluster");

            Run table = kubectl(kubeconfig, "get", "cronjobs,clusterroles", "-A");
            assertThat(table.code).as(table.output).isZero();
            assertThat(table.output).contains("17 * * * *").contains("eksid-read");
        }
    }

    @Test
    void theAssociationScriptCreatesTheRoleAndTheAssociationWithTheAwsCli() throws Exception {
        assumeTrue(onPath("aws"), "the aws CLI is not installed");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.acme(tmp.resolve("sbx")))) {
            ProcessBuilder pb = new ProcessBuilder("sh", DEPLOY.resolve("iam/pod-identity-association.sh").toString())
                    .redirectErrorStream(true);
            pb.environment().put("CLUSTER", "acme-prod");
            pb.environment().put("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString());
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
            pb.environment().put("AWS_PROFILE", "sandbox");
            pb.environment().put("HOME", tmp.toString());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            var association = sandbox.awsWorld().podIdentityAssociation("acme-prod", "eksid-system", "eksid-scanner")
                    .orElseThrow();
            assertThat(output.strip()).isEqualTo(association.associationArn());
            assertThat(association.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/eksid-scanner-acme-prod");
            var role = sandbox.awsWorld().role(association.roleArn()).orElseThrow();
            assertThat(role.inlinePolicies()).containsKey("eksid-read");
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(role.inlinePolicies().get("eksid-read")))
                    .isEqualTo(json.readTree(Files.readString(DEPLOY.resolve("iam/scanner-policy.json"))));
            assertThat(json.readTree(role.trustPolicy()))
                    .isEqualTo(json.readTree(Files.readString(DEPLOY.resolve("iam/trust-policy.json"))));
        }
    }

    @Test
    void theTerraformModulePassesTerraformValidateAgainstTheMirroredProvider() throws Exception {
        assumeTrue(onPath("terraform"), "terraform is not installed");
        Path mirror = null;
        String env = System.getenv("TF_PROVIDER_MIRROR");
        for (Path root : List.of(Path.of(env == null || env.isBlank() ? "/nonexistent" : env),
                Path.of("/opt/tf-plugins"), Path.of("/usr/share/terraform/plugins"),
                Path.of("/usr/local/share/terraform/plugins"),
                Path.of(System.getProperty("user.home"), ".terraform.d", "plugins"))) {
            if (mirror == null && Files.isDirectory(root.resolve("registry.terraform.io/hashicorp/aws"))) {
                mirror = root;
            }
        }
        assumeTrue(mirror != null, "no local mirror of the AWS provider (set TF_PROVIDER_MIRROR)");
        Path module = Files.createDirectories(tmp.resolve("module"));
        for (String f : List.of("pod-identity-association.tf", "trust-policy.json", "scanner-policy.json")) {
            Files.copy(DEPLOY.resolve("iam").resolve(f), module.resolve(f));
        }
        Path rc = tmp.resolve("terraform.rc");
        Files.writeString(rc, """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/hashicorp/aws"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/hashicorp/aws"]
                  }
                }
                """.formatted(mirror));
        for (List<String> args : List.of(List.of("init", "-backend=false", "-input=false", "-no-color"),
                List.of("validate", "-no-color"))) {
            List<String> command = new ArrayList<>(List.of("terraform"));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).directory(module.toFile()).redirectErrorStream(true);
            pb.environment().put("TF_CLI_CONFIG_FILE", rc.toString());
            pb.environment().put("CHECKPOINT_DISABLE", "1");
            pb.environment().remove("TF_PLUGIN_CACHE_DIR");
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
        }
    }

    @Test
    void theClusterRoleIsExactlyTheDocumentedReadOnlyRole() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode documented = yaml.readTree(block(Files.readString(PERMISSIONS), "## Kubernetes: read-only", "yaml"));
        JsonNode deployed = yaml.readTree(Files.readString(DEPLOY.resolve("clusterrole.yaml")));
        assertThat(deployed.get("rules")).isEqualTo(documented.get("rules"));
        assertThat(deployed.path("metadata").path("name")).isEqualTo(documented.path("metadata").path("name"));
        JsonNode binding = yaml.readTree(Files.readString(DEPLOY.resolve("clusterrolebinding.yaml")));
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo("eksid-read");
    }

    @Test
    void theScannerPolicyIsExactlyTheDocumentedReadOnlyPolicy() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode documented = json.readTree(block(Files.readString(PERMISSIONS), "## AWS: read-only", "json"));
        JsonNode deployed = json.readTree(Files.readString(DEPLOY.resolve("iam/scanner-policy.json")));
        assertThat(deployed).isEqualTo(documented);
    }

    /** The first fenced block of a language after a heading. */
    static String block(String markdown, String heading, String language) {
        int at = markdown.indexOf(heading);
        assertThat(at).as(heading).isNotNegative();
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find(at)).as("a " + language + " block after " + heading).isTrue();
        return m.group(1);
    }

    record Run(int code, String output) {
    }

    Run kubectl(String kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig, "--context",
                "acme-prod"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
