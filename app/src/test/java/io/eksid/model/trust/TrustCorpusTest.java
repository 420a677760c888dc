package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of {@code trust-corpus/expectations.json}: a policy file, a question (IRSA, Pod Identity or a
 * source role) and the verdict and deciding statement IAM's documented evaluation gives, or the parse error a
 * malformed document must produce.
 */
class TrustCorpusTest {

    private static final String DIR = "/trust-corpus/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrustEvaluator evaluator = new TrustEvaluator();

    static Stream<Arguments> cases() throws IOException {
        JsonNode root = expectations();
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String name = c.get("file").asText() + " · " + c.get("question").asText()
                    + (c.has("serviceAccount") ? " " + c.get("serviceAccount").asText() : "")
                    + (c.has("sourceRole") ? " " + c.get("sourceRole").asText() : "")
                    + (c.has("audience") ? " aud=" + c.get("audience").asText() : "")
                    + (c.has("roleAccount") ? " role in " + c.get("roleAccount").asText() : "")
                    + (c.has("pod") ? " pod " + c.get("pod").asText() : "")
                    + (c.has("sessionTags") && !c.get("sessionTags").asBoolean() ? " no session tags" : "")
                    + " @" + c.get("cluster").asText();
            out.add(Arguments.of(name, c, root.get("clusters").get(c.get("cluster").asText())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusCase(String name, JsonNode c, JsonNode clusterJson) throws Exception {
        String document = resource(c.get("file").asText());
        if (c.has("error")) {
            PolicyParseException e = catchThrowableOfType(PolicyParseException.class, () -> TrustPolicy.parse(document));
            assertThat(e).as("expected a parse error").isNotNull();
            assertThat(e.where()).isEqualTo(c.get("error").get("where").asText());
            assertThat(e.getMessage()).contains(c.get("error").get("messageContains").asText());
            return;
        }
        TrustPolicy policy = TrustPolicy.parse(document);
        ClusterInfo cluster = new ClusterInfo(clusterJson.get("name").asText(), null,
                clusterJson.get("account").asText(), Partition.fromId(clusterJson.get("partition").asText()).orElseThrow(),
                clusterJson.get("region").asText(), clusterJson.get("oidcIssuer").asText(), "1.30", "eks.1", false);
        TrustDecision d = switch (c.get("question").asText()) {
            case "irsa" -> evaluator.irsa(policy, cluster, ServiceAccountRef.parse(c.get("serviceAccount").asText()),
                    c.has("audience") ? c.get("audience").asText() : null,
                    c.has("roleAccount") ? c.get("roleAccount").asText() : cluster.account());
            case "pod-identity" -> evaluator.podIdentity(policy, cluster);
            case "source-role" -> evaluator.sourceRole(policy, RoleArn.parse(c.get("sourceRole").asText()));
            case "pod-identity-tags" -> evaluator.podIdentity(policy, cluster, tags(c, cluster));
            case "chained" -> evaluator.sourceRole(policy, RoleArn.parse(c.get("sourceRole").asText()), cluster,
                    tags(c, cluster));
            default -> throw new IllegalArgumentException("unknown question " + c.get("question"));
        };
        assertThat(d.verdict()).as(d.reason()).isEqualTo(Verdict.valueOf(c.get("expect").asText()));
        JsonNode statement = c.get("statement");
        assertThat(d.statementIndex()).as(d.reason()).isEqualTo(statement.isNull() ? null : statement.asInt());
        assertThat(d.allowed()).isEqualTo(d.verdict() == Verdict.ALLOWED);
        if (c.has("reasonContains")) {
            for (JsonNode fragment : c.get("reasonContains")) {
                assertThat(d.reason()).contains(fragment.asText());
            }
        }
        assertThat(TrustPolicy.parse(policy.toJson())).isEqualTo(policy);
    }

    /** The session tags of a case: its service account, optional pod and uid, and sessionTags (default on). */
    private static SessionTags tags(JsonNode c, ClusterInfo cluster) {
        SessionTags t = SessionTags.forAssociation(cluster, ServiceAccountRef.parse(c.get("serviceAccount").asText()),
                !c.has("sessionTags") || c.get("sessionTags").asBoolean());
        return c.has("pod") ? t.forPod(c.get("pod").asText(), c.get("podUid").asText()) : t;
    }

    @Test
    void corpusIsLargeAndCoversEveryVerdict() throws IOException {
        JsonNode root = expectations();
        List<String> files = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        root.get("cases").forEach(c -> {
            if (!files.contains(c.get("file").asText())) {
                files.add(c.get("file").asText());
            }
            verdicts.add(c.has("error") ? "ERROR" : c.get("expect").asText());
        });
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        assertThat(verdicts).contains("ALLOWED", "EXPLICIT_DENY", "NO_MATCHING_ALLOW", "UNPROVABLE", "ERROR");
    }

    private static JsonNode expectations() throws IOException {
        return JSON.readTree(resource("expectations.json"));
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = TrustCorpusTest.class.getResourceAsStream(DIR + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
