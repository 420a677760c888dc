package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eksid access check} and {@code who-can} against the acme sandbox, over HTTP with the real fabric8 and AWS
 * SDK clients: ABAC on the namespace session tag, per-pod conditions, a session policy, disabled session tags.
 */
class AccessCommandsTest {

    static final String TENANT_A_OBJECT = "arn:aws:s3:::acme-tenant-data/tenant-a/orders/2026-12.csv";
    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")));
        System.setProperty("aws.configFile", sandbox.awsConfigPath().toString());
        System.setProperty("aws.sharedCredentialsFile", sandbox.awsCredentialsPath().toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.configFile");
        System.clearProperty("aws.sharedCredentialsFile");
        sandbox.close();
    }

    record Run(int exit, String out, String err) {
    }

    static Run eksid(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", sandbox.kubeconfigPath().toString(), "--profile", "sandbox"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EksidCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode principal(JsonNode answer, String namespace, String serviceAccount) {
        return StreamSupport.stream(answer.path("principals").spliterator(), false)
                .filter(p -> p.path("namespace").asText().equals(namespace)
                        && p.path("serviceAccount").asText().equals(serviceAccount))
                .findFirst().orElseThrow(() -> new AssertionError("no " + namespace + "/" + serviceAccount));
    }

    private static List<String> podDecisions(JsonNode principal) {
        return StreamSupport.stream(principal.path("pods").spliterator(), false)
                .map(p -> p.path("name").asText().replaceAll("-[a-z0-9]+-[a-z0-9]+$", "") + "=" + p.path("decision").asText())
                .toList();
    }

    @Test
    void whoCanReadATenantPrefixListsExactlyTheNamespaceWhoseTagMatchesPerPod() throws Exception {
        Run run = eksid("access", "who-can", "--context", "acme-staging", "--action", "s3:GetObject",
                "--resource", TENANT_A_OBJECT, "--output", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode answer = JSON.readTree(run.out());
        assertThat(answer.path("action").asText()).isEqualTo("s3:GetObject");
        assertThat(answer.path("cluster").asText()).isEqualTo("acme-staging");

        List<String> allowedTenants = StreamSupport.stream(answer.path("principals").spliterator(), false)
                .filter(p -> p.path("namespace").asText().startsWith("tenant-"))
                .filter(p -> p.path("decision").asText().equals("ALLOWED"))
                .map(p -> p.path("namespace").asText() + "/" + p.path("serviceAccount").asText()).toList();
        assertThat(allowedTenants).containsExactly("tenant-a/tenant-api");
        JsonNode tenantA = principal(answer, "tenant-a", "tenant-api");
        assertThat(tenantA.path("mechanism").asText()).isEqualTo("POD_IDENTITY");
        assertThat(tenantA.path("roleArn").asText()).isEqualTo("arn:aws:iam::111122223333:role/acme-staging-tenant-data");
        assertThat(podDecisions(tenantA)).containsExactlyInAnyOrder("tenant-api=ALLOWED", "tenant-api=ALLOWED",
                "tenant-migrate=ALLOWED");
        JsonNode tenantB = principal(answer, "tenant-b", "tenant-api");
        assertThat(tenantB.path("decision").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(podDecisions(tenantB)).containsOnly("tenant-api=IMPLICIT_DENY").hasSize(2);
        // the same ABAC policy without session tags never matches
        assertThat(principal(answer, "tenant-exports", "exporter").path("decision").asText()).isEqualTo("IMPLICIT_DENY");
        // the session policy narrows a read-everything role to the reports bucket
        JsonNode reporting = principal(answer, "reporting", "report-reader");
        assertThat(reporting.path("decision").asText()).isNotEqualTo("ALLOWED");
        assertThat(reporting.path("reason").asText()).containsIgnoringCase("session policy");
        // an IRSA role with an AWS managed policy
        JsonNode orders = principal(answer, "orders", "orders-api");
        assertThat(orders.path("mechanism").asText()).isEqualTo("IRSA");
        assertThat(orders.path("decision").asText()).isEqualTo("ALLOWED");
        assertThat(orders.path("reason").asText()).contains("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        assertThat(orders.path("pods")).isNotEmpty().allSatisfy(p -> assertThat(p.path("decision").asText()).isEqualTo("ALLOWED"));
        // allowed ones first
        List<String> decisions = StreamSupport.stream(answer.path("principals").spliterator(), false)
                .map(p -> p.path("decision").asText()).toList();
        assertThat(decisions.indexOf("IMPLICIT_DENY")).isGreaterThan(decisions.lastIndexOf("ALLOWED"));
        assertThat(answer.path("unknown").toString()).contains("bucket policy of acme-tenant-data");
    }

    @Test
    void writingIsDecidedPerPodByThePodNameTag() throws Exception {
        Run run = eksid("access", "who-can", "--context", "acme-staging", "--action", "s3:PutObject",
                "--resource", TENANT_A_OBJECT, "--namespace", "tenant-a", "--namespace", "tenant-b", "--output", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode answer = JSON.readTree(run.out());
        assertThat(answer.path("principals")).hasSize(2);
        JsonNode tenantA = principal(answer, "tenant-a", "tenant-api");
        assertThat(tenantA.path("decision").asText()).isEqualTo("UNKNOWN");
        assertThat(tenantA.path("reason").asText()).contains("tenant-api-*");
        assertThat(podDecisions(tenantA)).containsExactlyInAnyOrder("tenant-api=ALLOWED", "tenant-api=ALLOWED",
                "tenant-migrate=IMPLICIT_DENY");

        Run table = eksid("access", "who-can", "--context", "acme-staging", "--action", "s3:PutObject",
                "--resource", TENANT_A_OBJECT, "--namespace", "tenant-a");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("1 of 1 service account(s) can", "tenant-a/tenant-api", "POD_IDENTITY")
                .containsPattern("IMPLICIT_DENY +pod tenant-migrate-");
    }

    @Test
    void checkOnePodWithItsSessionTagsAndTheDecidingStatement() throws Exception {
        Run list = eksid("access", "who-can", "--context", "acme-staging", "--action", "s3:GetObject",
                "--resource", TENANT_A_OBJECT, "--namespace", "tenant-b", "--output", "json");
        String pod = principal(JSON.readTree(list.out()), "tenant-b", "tenant-api").path("pods").get(0).path("name").asText();
        assertThat(pod).startsWith("tenant-api-");
        Run run = eksid("access", "check", "--context", "acme-staging", "--pod", "tenant-b/" + pod,
                "--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-tenant-data/tenant-b/x.json", "--output", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode d = JSON.readTree(run.out());
        assertThat(d.path("allowed").asBoolean()).isTrue();
        assertThat(d.path("decision").asText()).isEqualTo("ALLOWED");
        assertThat(d.path("mechanism").asText()).isEqualTo("POD_IDENTITY");
        assertThat(d.path("sessionTags").path("kubernetes-namespace").asText()).isEqualTo("tenant-b");
        assertThat(d.path("sessionTags").path("kubernetes-pod-name").asText()).isEqualTo(pod);
        assertThat(d.path("statements").toString()).contains("ReadOwnNamespacePrefix");

        Run other = eksid("access", "check", "--context", "acme-staging", "--pod", "tenant-b/" + pod,
                "--action", "s3:GetObject", "--resource", TENANT_A_OBJECT);
        assertThat(other.exit()).isZero();
        assertThat(other.out()).contains("Decision: IMPLICIT_DENY").contains("kubernetes-namespace=tenant-b");
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        Run badAction = eksid("access", "who-can", "--context", "acme-staging", "--action", "GetObject",
                "--resource", TENANT_A_OBJECT);
        assertThat(badAction.exit()).isEqualTo(2);
        assertThat(badAction.err()).contains("--action must look like service:Action");
        Run badResource = eksid("access", "who-can", "--context", "acme-staging", "--action", "s3:GetObject",
                "--resource", "tenant-data/x");
        assertThat(badResource.exit()).isEqualTo(2);
        assertThat(badResource.err()).contains("--resource must be an ARN");
        Run noPod = eksid("access", "check", "--context", "acme-staging", "--pod", "tenant-a/ghost",
                "--action", "s3:GetObject", "--resource", TENANT_A_OBJECT);
        assertThat(noPod.exit()).isEqualTo(2);
        assertThat(noPod.err()).contains("no pod tenant-a/ghost in cluster acme-staging").contains("tenant-api-");
        Run badPod = eksid("access", "check", "--context", "acme-staging", "--pod", "ghost",
                "--action", "s3:GetObject", "--resource", TENANT_A_OBJECT);
        assertThat(badPod.exit()).isEqualTo(2);
        assertThat(badPod.err()).contains("--pod must be NAMESPACE/NAME");
        Run noContext = eksid("access", "who-can", "--context", "acme-qa", "--action", "s3:GetObject",
                "--resource", TENANT_A_OBJECT);
        assertThat(noContext.exit()).isEqualTo(2);
        assertThat(noContext.err()).contains("acme-qa");
    }
}
