package io.eksid.model.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.model.NamedPolicy;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.access.AccessDecision.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of {@code access-corpus/expectations.json}: a role session, its policies and a request, with
 * the decision (and deciding statements) IAM's documented policy evaluation logic gives.
 */
public class AccessCorpusTest {

    public static final String DIR = "/access-corpus/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PermissionEvaluator evaluator = new PermissionEvaluator();

    public static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : expectations().get("cases")) {
            out.add(Arguments.of(i++ + ": " + c.get("rule").asText(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusCase(String name, JsonNode c) throws Exception {
        AccessDecision d = evaluator.evaluate(role(c), session(c), request(c));
        assertAgrees(c, d.decision().name(), d.reason(), d.statements().stream()
                .map(s -> s.policy() + "#" + s.index()).toList(), d.unknown());
        assertThat(d.allowed()).isEqualTo(d.decision() == Decision.ALLOWED);
    }

    /** The checks every evaluation of a case must pass, in the model and through the CLI alike. */
    public static void assertAgrees(JsonNode c, String decision, String reason, List<String> statements,
                                    List<String> unknown) {
        assertThat(decision).as(reason).isEqualTo(c.get("expect").asText());
        if (c.has("statements")) {
            List<String> want = new ArrayList<>();
            c.get("statements").forEach(s -> want.add(s.asText()));
            assertThat(statements).as(reason).containsExactlyElementsOf(want);
        }
        if (c.has("reasonContains")) {
            c.get("reasonContains").forEach(f -> assertThat(reason).contains(f.asText()));
        }
        if (c.has("unknownContains")) {
            c.get("unknownContains").forEach(f -> assertThat(unknown).as(reason)
                    .anyMatch(u -> u.contains(f.asText())));
        }
    }

    @Test
    void corpusIsLargeAndCoversEveryDecisionAndOperatorFamily() throws IOException {
        List<String> decisions = new ArrayList<>();
        StringBuilder allPolicies = new StringBuilder();
        JsonNode root = expectations();
        root.get("cases").forEach(c -> decisions.add(c.get("expect").asText()));
        for (JsonNode c : root.get("cases")) {
            for (JsonNode p : c.get("policies")) {
                allPolicies.append(resource(p.asText()));
            }
            if (c.has("boundary")) {
                allPolicies.append(resource(c.get("boundary").asText()));
            }
            if (c.has("sessionPolicy")) {
                allPolicies.append(resource(c.get("sessionPolicy").asText()));
            }
        }
        assertThat(decisions).hasSizeGreaterThanOrEqualTo(60)
                .contains("ALLOWED", "EXPLICIT_DENY", "IMPLICIT_DENY", "UNKNOWN");
        assertThat(allPolicies.toString()).contains("\"StringEquals\"", "\"StringNotEquals\"",
                "\"StringEqualsIgnoreCase\"", "\"StringNotEqualsIgnoreCase\"", "\"StringLike\"", "\"StringNotLike\"",
                "\"NumericLessThanEquals\"", "\"NumericNotEquals\"", "\"NumericGreaterThan\"", "\"DateLessThan\"",
                "\"DateGreaterThan\"", "\"Bool\"", "\"BinaryEquals\"", "\"IpAddress\"", "\"NotIpAddress\"",
                "\"ArnEquals\"", "\"ArnLike\"", "\"ArnNotEquals\"", "\"ArnNotLike\"", "\"Null\"", "IfExists\"",
                "\"ForAllValues:", "\"ForAnyValue:", "\"NotAction\"", "\"NotResource\"", "${aws:PrincipalTag/");
    }

    static RolePermissions role(JsonNode c) throws IOException {
        List<NamedPolicy> identity = new ArrayList<>();
        for (JsonNode p : c.get("policies")) {
            identity.add(new NamedPolicy(PolicySource.INLINE, p.asText(), null, resource(p.asText())));
        }
        NamedPolicy boundary = c.has("boundary") ? new NamedPolicy(PolicySource.BOUNDARY,
                c.get("boundary").asText(), null, resource(c.get("boundary").asText())) : null;
        Map<String, String> tags = new LinkedHashMap<>();
        if (c.has("roleTags")) {
            c.get("roleTags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        }
        return new RolePermissions(c.get("roleArn").asText(), identity, boundary, tags);
    }

    static SessionIdentity session(JsonNode c) throws IOException {
        JsonNode s = c.get("session");
        String role = c.get("roleArn").asText();
        if (s.has("irsa")) {
            ServiceAccountRef sa = ServiceAccountRef.parse(s.get("irsa").asText());
            return SessionIdentity.irsa(role, sa.namespace(), sa.name());
        }
        ServiceAccountRef sa = ServiceAccountRef.parse(s.get("podIdentity").asText());
        String policy = c.has("sessionPolicy") ? resource(c.get("sessionPolicy").asText()) : null;
        return SessionIdentity.podIdentity(role, s.get("clusterArn").asText(), sa.namespace(), sa.name(),
                s.has("pod") ? s.get("pod").asText() : null, s.has("podUid") ? s.get("podUid").asText() : null,
                !s.has("sessionTags") || s.get("sessionTags").asBoolean(), policy);
    }

    static AccessRequest request(JsonNode c) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (c.has("context")) {
            c.get("context").properties().forEach(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                context.put(e.getKey(), values);
            });
        }
        return new AccessRequest(c.get("action").asText(), c.get("resource").asText(), context);
    }

    public static JsonNode expectations() throws IOException {
        return JSON.readTree(resource("expectations.json"));
    }

    public static String resource(String file) throws IOException {
        try (InputStream in = AccessCorpusTest.class.getResourceAsStream(DIR + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
