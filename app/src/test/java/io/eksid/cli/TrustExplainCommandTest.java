package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustExplainCommandTest {

    static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/ABC";
    static final String IRSA = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Irsa","Effect":"Allow",
             "Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/%s"},
             "Action":"sts:AssumeRoleWithWebIdentity",
             "Condition":{"StringEquals":{"%s:sub":"system:serviceaccount:pay:api","%s:aud":"sts.amazonaws.com"}}},
             {"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"},
             {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/teams/pay/app"},"Action":"sts:AssumeRole"}]}
            """.formatted(ISSUER, ISSUER, ISSUER);

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EksidCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] args(Path policy, String... question) {
        List<String> a = new ArrayList<>(List.of("trust", "explain", "--policy", policy.toString(), "--account",
                "111122223333", "--region", "us-west-2", "--cluster", "prod", "--oidc-issuer", "https://" + ISSUER));
        a.addAll(List.of(question));
        return a.toArray(String[]::new);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void irsaAllowedAsJson() throws Exception {
        Run r = run(args(write("p.json", IRSA), "--service-account", "pay/api", "--output", "json"));
        assertThat(r.code()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("allowed").asBoolean()).isTrue();
        assertThat(j.get("verdict").asText()).isEqualTo("ALLOWED");
        assertThat(j.get("statement").asInt()).isZero();
        assertThat(j.get("reason").asText()).contains("Statement[0] (Irsa)");
        assertThat(j.get("question").get("kind").asText()).isEqualTo("irsa");
        assertThat(j.get("question").get("subject").asText()).isEqualTo("system:serviceaccount:pay:api");
        assertThat(j.get("question").get("audience").asText()).isEqualTo("sts.amazonaws.com");
        assertThat(j.get("size").get("fits").asBoolean()).isTrue();
    }

    @Test
    void irsaDeniedAsText() throws Exception {
        Run r = run(args(write("p.json", IRSA), "--service-account", "pay/worker"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("NO_MATCHING_ALLOW (statement 0)")
                .contains("does not match system:serviceaccount:pay:worker");
    }

    @Test
    void podIdentityWithoutTagSessionHasNullStatementOrNearMiss() throws Exception {
        Run r = run(args(write("p.json", IRSA), "--pod-identity", "--output", "json"));
        assertThat(r.code()).isZero();
        assertThat(r.json().get("allowed").asBoolean()).isFalse();
        assertThat(r.json().get("verdict").asText()).isEqualTo("NO_MATCHING_ALLOW");
        assertThat(r.json().get("reason").asText()).contains("sts:TagSession");
        assertThat(r.json().get("question").get("actions")).hasSize(2);
    }

    @Test
    void sourceRoleWithPath() throws Exception {
        Run ok = run(args(write("p.json", IRSA), "--source-role", "arn:aws:iam::111122223333:role/teams/pay/app",
                "--output", "json"));
        assertThat(ok.json().get("statement").asInt()).isEqualTo(2);
        Run no = run(args(write("p.json", IRSA), "--source-role", "arn:aws:iam::111122223333:role/app",
                "--output", "json"));
        assertThat(no.json().get("allowed").asBoolean()).isFalse();
        assertThat(no.json().get("statement").isNull()).isTrue();
    }

    @Test
    void readsTheEncodedFormFromStandardInput() throws Exception {
        String encoded = "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A"
                + "%22pods.eks.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3A*%22%7D%7D";
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(encoded.getBytes(StandardCharsets.UTF_8)));
            Run r = run("trust", "explain", "--policy", "-", "--account", "111122223333", "--region", "us-west-2",
                    "--cluster", "prod", "--pod-identity", "--output", "json");
            assertThat(r.code()).isZero();
            assertThat(r.json().get("verdict").asText()).isEqualTo("ALLOWED");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void malformedPolicyIsAnErrorObjectWithExitCode2() throws Exception {
        Run r = run(args(write("bad.json", "{\"Statement\":[{\"Effect\":\"Permit\",\"Principal\":\"*\","
                + "\"Action\":\"*\"}]}"), "--pod-identity", "--output", "json"));
        assertThat(r.code()).isEqualTo(2);
        JsonNode e = r.json().get("error");
        assertThat(e.get("where").asText()).isEqualTo("Statement[0].Effect");
        assertThat(e.get("message").asText()).contains("unknown Effect \"Permit\"");

        Run text = run(args(write("bad2.json", "{\"Statement\":"), "--pod-identity"));
        assertThat(text.code()).isEqualTo(2);
        assertThat(text.err()).startsWith("error: the trust policy is not valid").contains("line 1, column 14");
        assertThat(text.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badFlagsAreClearErrorsWithExitCode2() throws Exception {
        Path p = write("p.json", IRSA);
        Run missing = run(args(dir.resolve("nope.json"), "--pod-identity"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--policy").contains("does not exist");

        Run badArn = run(args(p, "--source-role", "arn:aws:iam::1234:role/x", "--output", "json"));
        assertThat(badArn.code()).isEqualTo(2);
        assertThat(badArn.json().get("error").get("where").asText()).isEqualTo("--source-role");
        assertThat(badArn.json().get("error").get("message").asText()).contains("12-digit");

        Run badSa = run(args(p, "--service-account", "pay"));
        assertThat(badSa.code()).isEqualTo(2);
        assertThat(badSa.err()).contains("--service-account").contains("NAMESPACE/NAME");

        Run badAccount = run("trust", "explain", "--policy", p.toString(), "--account", "12", "--region",
                "us-west-2", "--cluster", "prod", "--pod-identity");
        assertThat(badAccount.code()).isEqualTo(2);
        assertThat(badAccount.err()).contains("12-digit");

        Run noIssuer = run("trust", "explain", "--policy", p.toString(), "--account", "111122223333", "--region",
                "us-west-2", "--cluster", "prod", "--service-account", "pay/api");
        assertThat(noIssuer.code()).isEqualTo(2);
        assertThat(noIssuer.err()).contains("--oidc-issuer");

        Run twoQuestions = run(args(p, "--pod-identity", "--source-role", "arn:aws:iam::111122223333:role/x"));
        assertThat(twoQuestions.code()).isEqualTo(2);
        assertThat(twoQuestions.err()).contains("mutually exclusive");

        Run badPartition = run(args(p, "--pod-identity", "--partition", "aws-mars"));
        assertThat(badPartition.code()).isEqualTo(2);
        assertThat(badPartition.err()).contains("aws-mars");
    }

    @Test
    void partitionComesFromTheRegion() throws Exception {
        String cn = "oidc.eks.cn-north-1.amazonaws.com.cn/id/CN1";
        Path p = write("cn.json", """
                {"Statement":{"Effect":"Allow","Principal":{"Federated":"arn:aws-cn:iam::111122223333:oidc-provider/%s"},
                "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"%s:sub":"system:serviceaccount:a:b"}}}}
                """.formatted(cn, cn));
        Run r = run("trust", "explain", "--policy", p.toString(), "--account", "111122223333", "--region",
                "cn-north-1", "--cluster", "bj", "--oidc-issuer", "https://" + cn, "--service-account", "a/b",
                "--output", "json");
        assertThat(r.json().get("question").get("partition").asText()).isEqualTo("aws-cn");
        assertThat(r.json().get("allowed").asBoolean()).isTrue();
    }

    @Test
    void roleArnPicksTheProviderAccountForCrossAccountIrsa() throws Exception {
        Path p = write("x.json", IRSA.replace("arn:aws:iam::111122223333:oidc-provider",
                "arn:aws:iam::444455556666:oidc-provider"));
        Run sameAccount = run(args(p, "--service-account", "pay/api", "--output", "json"));
        assertThat(sameAccount.json().get("allowed").asBoolean()).isFalse();
        assertThat(sameAccount.json().get("reason").asText()).contains("cross-account IRSA");
        Run crossAccount = run(args(p, "--service-account", "pay/api", "--role-arn",
                "arn:aws:iam::444455556666:role/payments/api", "--output", "json"));
        assertThat(crossAccount.json().get("allowed").asBoolean()).isTrue();
        assertThat(crossAccount.json().get("question").get("oidcProviderArn").asText())
                .startsWith("arn:aws:iam::444455556666:oidc-provider/");
        assertThat(crossAccount.json().get("question").get("roleArn").asText())
                .isEqualTo("arn:aws:iam::444455556666:role/payments/api");
    }

    @Test
    void trustAloneShowsUsage() {
        Run r = run("trust");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("explain");
    }

    static final String ABAC = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],
             "Condition":{"StringEquals":{"aws:RequestTag/kubernetes-namespace":"pay",
               "aws:RequestTag/eks-cluster-arn":"${aws:SourceArn}"},
              "StringLike":{"aws:RequestTag/kubernetes-pod-name":"exporter-*"}}}]}
            """;

    @Test
    void podIdentityWithServiceAccountAndPodSetsTheSessionTags() throws Exception {
        Path p = write("abac.json", ABAC);
        Run whole = run(args(p, "--pod-identity", "--service-account", "pay/exporter", "--output", "json"));
        assertThat(whole.code()).isZero();
        assertThat(whole.json().get("verdict").asText()).isEqualTo("UNPROVABLE");
        assertThat(whole.json().get("reason").asText()).contains("Allowed for pods named exporter-*");
        assertThat(whole.json().get("question").get("sessionTags").get("kubernetes-namespace").asText())
                .isEqualTo("pay");

        Run pod = run(args(p, "--pod-identity", "--service-account", "pay/exporter", "--pod", "exporter-1",
                "--pod-uid", "u-1", "--output", "json"));
        assertThat(pod.json().get("verdict").asText()).isEqualTo("ALLOWED");
        Run other = run(args(p, "--pod-identity", "--service-account", "orders/exporter", "--pod", "exporter-1",
                "--pod-uid", "u-1"));
        assertThat(other.code()).isZero();
        assertThat(other.out()).startsWith("NO_MATCHING_ALLOW").contains("orders");
        Run untagged = run(args(p, "--pod-identity", "--service-account", "pay/exporter", "--pod", "exporter-1",
                "--pod-uid", "u-1", "--no-session-tags", "--output", "json"));
        assertThat(untagged.json().get("verdict").asText()).isEqualTo("NO_MATCHING_ALLOW");
    }

    @Test
    void chainingWithSessionTagsNeedsTagSession() throws Exception {
        Path p = write("target.json", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111122223333:role/source"},"Action":"sts:AssumeRole"}]}""");
        String source = "arn:aws:iam::111122223333:role/source";
        Run tagged = run(args(p, "--source-role", source, "--service-account", "pay/api", "--output", "json"));
        assertThat(tagged.json().get("verdict").asText()).isEqualTo("NO_MATCHING_ALLOW");
        assertThat(tagged.json().get("reason").asText()).contains("sts:TagSession");
        Run untagged = run(args(p, "--source-role", source, "--service-account", "pay/api", "--no-session-tags",
                "--output", "json"));
        assertThat(untagged.json().get("verdict").asText()).isEqualTo("ALLOWED");
    }

    @Test
    void sessionTagFlagsNeedAPodIdentityQuestion() throws Exception {
        Path p = write("p.json", IRSA);
        Run irsaPod = run(args(p, "--service-account", "pay/api", "--pod", "api-1"));
        assertThat(irsaPod.code()).isEqualTo(2);
        assertThat(irsaPod.err()).contains("--pod").contains("IRSA sessions carry no session tags");
        Run noSa = run(args(p, "--pod-identity", "--no-session-tags"));
        assertThat(noSa.code()).isEqualTo(2);
        assertThat(noSa.err()).contains("--no-session-tags").contains("--service-account");
        Run audience = run(args(p, "--pod-identity", "--audience", "x"));
        assertThat(audience.code()).isEqualTo(2);
        assertThat(audience.err()).contains("--audience");
    }

    @Test
    void issuerWithoutSchemeOrWithATrailingSlashIsTheSameIssuer() throws Exception {
        Path p = write("p.json", IRSA);
        for (String issuer : List.of(ISSUER, ISSUER + "/", "https://" + ISSUER + "/", "HTTPS://" + ISSUER)) {
            Run r = run("trust", "explain", "--policy", p.toString(), "--account", "111122223333", "--region",
                    "us-west-2", "--cluster", "prod", "--oidc-issuer", issuer, "--service-account", "pay/api",
                    "--output", "json");
            assertThat(r.code()).as(issuer + ": " + r.err()).isZero();
            assertThat(r.json().get("verdict").asText()).as(issuer).isEqualTo("ALLOWED");
        }
        Run http = run("trust", "explain", "--policy", p.toString(), "--account", "111122223333", "--region",
                "us-west-2", "--cluster", "prod", "--oidc-issuer", "http://" + ISSUER, "--service-account", "pay/api");
        assertThat(http.code()).isEqualTo(2);
        assertThat(http.err()).contains("--oidc-issuer").contains("https");
    }
}
