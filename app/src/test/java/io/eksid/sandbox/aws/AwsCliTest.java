package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code aws} CLI (botocore), pointed at the emulator through a profile's {@code endpoint_url}. */
class AwsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private EmulatorFixture f;
    private Path aws;

    @BeforeEach
    void setUp() throws Exception {
        Optional<Path> binary = onPath("aws");
        assumeTrue(binary.isPresent(), "the aws CLI is not installed");
        aws = binary.get();
        f = new EmulatorFixture();
        AwsProfileFiles.writeProfile(home.resolve("config"), home.resolve("credentials"), "sandbox",
                f.world.account(EmulatorFixture.ACCOUNT), EmulatorFixture.REGION, f.emulator.endpoint());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void listPodIdentityAssociations() throws Exception {
        String role = f.podIdentityRole("app");
        String id = f.world.createPodIdentityAssociation(CLUSTER, "payments", "api", role, null, false, null);
        JsonNode out = run("eks", "list-pod-identity-associations", "--cluster-name", CLUSTER);
        assertThat(out.get("associations")).hasSize(1);
        JsonNode a = out.get("associations").get(0);
        assertThat(a.get("associationId").asText()).isEqualTo(id);
        assertThat(a.get("namespace").asText()).isEqualTo("payments");
        assertThat(a.has("roleArn")).isFalse();

        JsonNode created = run("eks", "create-pod-identity-association", "--cluster-name", CLUSTER,
                "--namespace", "payments", "--service-account", "worker", "--role-arn", role);
        assertThat(created.at("/association/associationId").asText()).matches("a-[a-z0-9]{17}");
        assertThat(f.world.hasPodIdentityAssociation(CLUSTER, "payments", "worker")).isTrue();
    }

    @Test
    void getRoleDecodesTheTrustPolicy() throws Exception {
        f.world.createRole(EmulatorFixture.ACCOUNT, "/teams/", "payments-api", IamApiTest.IRSA_TRUST, null);
        JsonNode out = run("iam", "get-role", "--role-name", "payments-api");
        assertThat(out.at("/Role/Arn").asText()).endsWith(":role/teams/payments-api");
        // botocore URL-decodes the document and parses it: it must be the very JSON we stored
        assertThat(out.at("/Role/AssumeRolePolicyDocument")).isEqualTo(JSON.readTree(IamApiTest.IRSA_TRUST));

        JsonNode cluster = run("eks", "describe-cluster", "--name", CLUSTER);
        assertThat(cluster.at("/cluster/identity/oidc/issuer").asText()).isEqualTo(EmulatorFixture.ISSUER);
        assertThat(cluster.at("/cluster/createdAt").asText()).isNotBlank();
    }

    @Test
    void assumeRoleProfileChainsThroughTheEmulator() throws Exception {
        String role = f.world.createRole(EmulatorFixture.OTHER_ACCOUNT, "/", "auditor",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + EmulatorFixture.ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}", null);
        Files.writeString(home.resolve("config"), "\n[profile auditor]\nrole_arn = " + role
                + "\nsource_profile = sandbox\nregion = us-west-2\nendpoint_url = " + f.emulator.endpoint() + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        JsonNode me = runAs("auditor", "sts", "get-caller-identity");
        assertThat(me.get("Account").asText()).isEqualTo(EmulatorFixture.OTHER_ACCOUNT);
        assertThat(me.get("Arn").asText()).startsWith("arn:aws:sts::" + EmulatorFixture.OTHER_ACCOUNT + ":assumed-role/auditor/");
    }

    private JsonNode run(String... args) throws Exception {
        return runAs("sandbox", args);
    }

    private JsonNode runAs(String profile, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(aws.toString(), "--profile", profile));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("AWS_CONFIG_FILE", home.resolve("config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().put("AWS_MAX_ATTEMPTS", "1");
        // the CLI caches assumed-role credentials under ~/.aws/cli/cache: keep that inside the test folder
        Path userHome = Path.of(System.getProperty("user.home"));
        pb.environment().put("HOME", home.toString());
        if (!pb.environment().containsKey("PYENV_ROOT") && Files.isDirectory(userHome.resolve(".pyenv"))) {
            pb.environment().put("PYENV_ROOT", userHome.resolve(".pyenv").toString()); // shims find Python here
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("aws %s failed: %s", String.join(" ", args), stderr).isZero();
        return JSON.readTree(stdout);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
