package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.model.access.AccessCorpusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eksid access explain}: agrees with every case of the permissions corpus; bad input is exit 2. */
class AccessExplainCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EksidCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String file(String name) throws Exception {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            Files.writeString(p, AccessCorpusTest.resource(name));
        }
        return p.toString();
    }

    /** The command line a corpus case stands for. */
    private List<String> args(JsonNode c) throws Exception {
        List<String> a = new ArrayList<>(List.of("access", "explain", "--role-arn", c.get("roleArn").asText(),
                "--action", c.get("action").asText(), "--resource", c.get("resource").asText(), "--output", "json"));
        for (JsonNode p : c.get("policies")) {
            a.addAll(List.of("--policy", file(p.asText())));
        }
        if (c.has("boundary")) {
            a.addAll(List.of("--boundary", file(c.get("boundary").asText())));
        }
        if (c.has("sessionPolicy")) {
            a.addAll(List.of("--session-policy", file(c.get("sessionPolicy").asText())));
        }
        if (c.has("roleTags")) {
            for (Map.Entry<String, JsonNode> e : iterable(c.get("roleTags"))) {
                a.addAll(List.of("--role-tag", e.getKey() + "=" + e.getValue().asText()));
            }
        }
        if (c.has("context")) {
            for (Map.Entry<String, JsonNode> e : iterable(c.get("context"))) {
                for (JsonNode v : e.getValue()) {
                    a.addAll(List.of("--context", e.getKey() + "=" + v.asText()));
                }
            }
        }
        JsonNode s = c.get("session");
        if (s.has("irsa")) {
            a.addAll(List.of("--irsa", "--service-account", s.get("irsa").asText()));
        } else {
            a.addAll(List.of("--pod-identity", "--cluster-arn", s.get("clusterArn").asText(), "--service-account",
                    s.get("podIdentity").asText()));
            if (s.has("pod")) {
                a.addAll(List.of("--pod", s.get("pod").asText()));
            }
            if (s.has("podUid")) {
                a.addAll(List.of("--pod-uid", s.get("podUid").asText()));
            }
            if (s.has("sessionTags") && !s.get("sessionTags").asBoolean()) {
                a.add("--no-session-tags");
            }
        }
        return a;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object.properties();
    }

    @Test
    void agreesWithEveryCaseOfThePermissionsCorpus() throws Exception {
        int n = 0;
        for (JsonNode c : AccessCorpusTest.expectations().get("cases")) {
            Run r = run(args(c));
            assertThat(r.code()).as(c.get("rule").asText() + ": " + r.err()).isZero();
            JsonNode j = r.json();
            List<String> statements = new ArrayList<>();
            for (JsonNode s : j.get("statements")) {
                String policy = s.get("policy").asText();
                statements.add(Path.of(policy).getFileName().toString() + "#" + s.get("index").asInt());
            }
            List<String> unknown = new ArrayList<>();
            j.get("unknown").forEach(u -> unknown.add(u.asText()));
            AccessCorpusTest.assertAgrees(c, j.get("decision").asText(), j.get("reason").asText(), statements,
                    unknown);
            assertThat(j.get("allowed").asBoolean()).isEqualTo(j.get("decision").asText().equals("ALLOWED"));
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(60);
    }

    @Test
    void textOutputNamesTheDecisionTheStatementAndWhatIsNotKnown() throws Exception {
        Run r = run(List.of("access", "explain", "--role-arn", "arn:aws:iam::111122223333:role/teams/payments/api",
                "--action", "s3:GetObject", "--resource", "arn:aws:s3:::tenant-data/orders/1.json", "--policy",
                file("abac-namespace-prefix.json"), "--pod-identity", "--cluster-arn",
                "arn:aws:eks:us-west-2:111122223333:cluster/prod", "--service-account", "orders/api"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("ALLOWED").contains("Statement[0] (OwnPrefix)")
                .contains("Pod Identity session of arn:aws:iam::111122223333:role/teams/payments/api for orders/api")
                .contains("Not known:").contains("bucket policy of tenant-data");
    }

    @Test
    void badInputIsExit2WithTheFlagNamed() throws Exception {
        String role = "arn:aws:iam::111122223333:role/app";
        List<String> base = List.of("access", "explain", "--role-arn", role, "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        record Case(List<String> extra, String where, String message) {
        }
        List<Case> cases = List.of(
                new Case(List.of("--policy", dir.resolve("nope.json").toString(), "--irsa", "--service-account",
                        "a/b"), "--policy", "does not exist"),
                new Case(List.of("--policy", bad.toString(), "--irsa", "--service-account", "a/b"), "Principal",
                        "cannot have Principal"),
                new Case(List.of("--irsa", "--service-account", "ab"), "--service-account", "NAMESPACE/NAME"),
                new Case(List.of("--pod-identity", "--service-account", "a/b"), "--cluster-arn", "needs"),
                new Case(List.of("--pod-identity", "--cluster-arn", "arn:aws:s3:::b", "--service-account", "a/b"),
                        "--cluster-arn", "not an EKS cluster ARN"),
                new Case(List.of("--irsa", "--service-account", "a/b", "--pod", "p"), "--pod", "IRSA"),
                new Case(List.of("--irsa", "--service-account", "a/b", "--context", "novalue"), "--context",
                        "KEY=VALUE"),
                new Case(List.of("--irsa", "--service-account", "a/b", "--role-tag", "t=1", "--role-tag", "t=2"),
                        "--role-tag", "twice"),
                new Case(List.of("--pod-identity", "--cluster-arn", "arn:aws:eks:us-west-2:111122223333:cluster/p",
                        "--service-account", "a/b", "--session-policy", file("session-s3-all.json")),
                        "--session-policy", "--no-session-tags"));
        for (Case c : cases) {
            List<String> a = new ArrayList<>(base);
            a.addAll(c.extra());
            a.addAll(List.of("--output", "json"));
            Run r = run(a);
            assertThat(r.code()).as(String.join(" ", c.extra())).isEqualTo(2);
            assertThat(r.json().get("error").get("where").asText()).as(r.out()).contains(c.where());
            assertThat(r.json().get("error").get("message").asText()).contains(c.message());
        }
        Run badRole = run(List.of("access", "explain", "--role-arn", "arn:aws:iam::1:role/x", "--action", "s3:Get",
                "--resource", "*", "--irsa", "--service-account", "a/b"));
        assertThat(badRole.code()).isEqualTo(2);
        assertThat(badRole.err()).startsWith("error: --role-arn");
        Run badAction = run(List.of("access", "explain", "--role-arn", role, "--action", "GetObject",
                "--resource", "*", "--irsa", "--service-account", "a/b"));
        assertThat(badAction.code()).isEqualTo(2);
        assertThat(badAction.err()).contains("--action").contains("service:action");
        Run both = run(List.of("access", "explain", "--role-arn", role, "--action", "s3:GetObject",
                "--resource", "*", "--irsa", "--pod-identity", "--service-account", "a/b"));
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }
}
