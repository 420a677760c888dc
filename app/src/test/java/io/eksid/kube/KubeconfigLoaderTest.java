package io.eksid.kube;

import io.eksid.model.ExecHints;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigLoaderTest {

    @TempDir
    Path dir;

    private static final String EKS = """
            apiVersion: v1
            kind: Config
            current-context: arn:aws:eks:eu-west-1:111122223333:cluster/payments
            clusters:
            - name: arn:aws:eks:eu-west-1:111122223333:cluster/payments
              cluster:
                server: https://ABC.gr7.eu-west-1.eks.amazonaws.com
                certificate-authority: certs/ca.crt
            users:
            - name: arn:aws:eks:eu-west-1:111122223333:cluster/payments
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
                  args: [--region, eu-west-1, eks, get-token, --cluster-name, payments, --output, json]
                  env:
                  - name: AWS_PROFILE
                    value: prod-admin
            contexts:
            - name: arn:aws:eks:eu-west-1:111122223333:cluster/payments
              context:
                cluster: arn:aws:eks:eu-west-1:111122223333:cluster/payments
                user: arn:aws:eks:eu-west-1:111122223333:cluster/payments
                namespace: payments
            """;

    private static final String OTHER = """
            apiVersion: v1
            kind: Config
            current-context: staging
            clusters:
            - name: arn:aws:eks:eu-west-1:111122223333:cluster/payments
              cluster:
                server: https://shadowed.example
            - name: staging
              cluster:
                server: https://staging.example:6443
            users:
            - name: staging-user
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws-iam-authenticator
                  args: [token, -i, staging-cluster]
            contexts:
            - name: staging
              context: {cluster: staging, user: staging-user}
            - name: arn:aws:eks:eu-west-1:111122223333:cluster/payments
              context: {cluster: staging, user: staging-user}
            """;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private KubeconfigLoader loader(String kubeconfigEnv) {
        return new KubeconfigLoader(kubeconfigEnv == null ? Map.of() : Map.of("KUBECONFIG", kubeconfigEnv), dir);
    }

    @Test
    void mergesSeveralFilesFirstWins() throws Exception {
        Path a = write("a.yaml", EKS);
        Path b = write("b.yaml", OTHER);
        Kubeconfig kc = loader(a + File.pathSeparator + b).load();

        assertThat(kc.problems()).isEmpty();
        assertThat(kc.contexts()).extracting(KubeContext::name)
                .containsExactly("arn:aws:eks:eu-west-1:111122223333:cluster/payments", "staging");
        assertThat(kc.currentContext()).contains("arn:aws:eks:eu-west-1:111122223333:cluster/payments");

        KubeContext payments = kc.context("arn:aws:eks:eu-west-1:111122223333:cluster/payments").orElseThrow();
        assertThat(payments.sourceFile()).isEqualTo(a);
        assertThat(payments.server()).isEqualTo("https://ABC.gr7.eu-west-1.eks.amazonaws.com");
        assertThat(payments.namespace()).isEqualTo("payments");
        assertThat(payments.exec().command()).isEqualTo("aws");
        assertThat(payments.exec().env()).containsEntry("AWS_PROFILE", "prod-admin");
        assertThat(payments.execHints()).isEqualTo(new ExecHints(payments.name(), payments.server(), "payments",
                "eu-west-1", "prod-admin", null));

        KubeContext staging = kc.context("staging").orElseThrow();
        assertThat(staging.sourceFile()).isEqualTo(b);
        assertThat(staging.server()).isEqualTo("https://staging.example:6443");
        assertThat(staging.defaultNamespace()).isEqualTo("default");
        assertThat(staging.execHints()).isEqualTo(new ExecHints("staging", "https://staging.example:6443",
                "staging-cluster", null, null, null));
    }

    @Test
    void relativeCertificatePathsResolveAgainstTheirFile() throws Exception {
        Path a = write("a.yaml", EKS);
        Kubeconfig kc = loader(a.toString()).load();
        KubeContext ctx = kc.contexts().get(0);
        String yaml = kc.singleContextYaml(ctx, true);
        assertThat(yaml).contains(dir.resolve("certs/ca.crt").toString()).doesNotContain("get-token");
        assertThat(kc.singleContextYaml(ctx, false)).contains("get-token");
    }

    @Test
    void malformedFileIsReportedAndOthersStillLoad() throws Exception {
        Path bad = write("bad.yaml", "clusters: [\n  - name: x\n    cluster: {server: \n");
        Path notConfig = write("list.yaml", "- just\n- a list\n");
        Path good = write("good.yaml", OTHER);
        Kubeconfig kc = loader(bad + File.pathSeparator + notConfig + File.pathSeparator + good).load();

        assertThat(kc.contexts()).extracting(KubeContext::name).contains("staging");
        assertThat(kc.problems()).hasSize(2);
        assertThat(kc.problems().get(0).file()).isEqualTo(bad);
        assertThat(kc.problems().get(0).message()).startsWith("is not valid YAML").contains("line");
        assertThat(kc.problems().get(1).file()).isEqualTo(notConfig);
        assertThat(kc.problems().get(1).message()).contains("expected a mapping");
        assertThat(kc.currentContext()).contains("staging");
    }

    @Test
    void malformedEntriesAreReportedOneByOne() throws Exception {
        Path f = write("entries.yaml", """
                clusters:
                - cluster: {server: https://noname}
                - name: c1
                  cluster: {server: https://c1}
                users: not-a-list
                contexts:
                - name: ctx
                  context: {cluster: c1, user: ghost}
                - name: broken
                  context: [1, 2]
                """);
        Kubeconfig kc = loader(f.toString()).load();
        assertThat(kc.problems()).extracting(KubeconfigProblem::message).containsExactlyInAnyOrder(
                "clusters[0] has no name",
                "'users' must be a list, found a string ('not-a-list')",
                "contexts[1] 'broken': 'context' must be a mapping, found a list");
        KubeContext ctx = kc.context("ctx").orElseThrow();
        assertThat(ctx.usable()).isFalse();
        assertThat(ctx.problem()).isEqualTo("user 'ghost' is not defined in any kubeconfig file");
        assertThat(ctx.server()).isEqualTo("https://c1");
    }

    @Test
    void missingFilesAreIgnoredLikeKubectl() throws Exception {
        Path good = write("good.yaml", OTHER);
        Kubeconfig kc = loader(dir.resolve("nope.yaml") + File.pathSeparator + File.pathSeparator + good).load();
        assertThat(kc.problems()).isEmpty();
        assertThat(kc.files()).hasSize(2);
        assertThat(kc.contexts()).hasSize(2);
    }

    @Test
    void defaultsToHomeKubeConfig() throws Exception {
        Files.createDirectories(dir.resolve(".kube"));
        Files.writeString(dir.resolve(".kube/config"), OTHER);
        KubeconfigLoader loader = loader(null);
        assertThat(loader.kubeconfigFiles()).containsExactly(dir.resolve(".kube").resolve("config"));
        assertThat(loader.load().contexts()).extracting(KubeContext::name)
                .containsExactly("staging", "arn:aws:eks:eu-west-1:111122223333:cluster/payments");
    }

    @Test
    void relativeExecCommandWithSeparatorResolvesAgainstFile() throws Exception {
        Path f = write("rel.yaml", """
                clusters: [{name: c, cluster: {server: https://c}}]
                users: [{name: u, user: {exec: {command: ./bin/token.sh, apiVersion: client.authentication.k8s.io/v1}}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                """);
        KubeContext ctx = loader(f.toString()).load().contexts().get(0);
        assertThat(ctx.exec().command()).isEqualTo(dir.resolve("bin/token.sh").toString());
        assertThat(ctx.exec().args()).isEqualTo(List.of());
    }
}
