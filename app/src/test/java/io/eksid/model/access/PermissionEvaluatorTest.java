package io.eksid.model.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.NamedPolicy;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.access.AccessDecision.Decision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionEvaluatorTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/teams/payments/api";
    static final String CLUSTER = "arn:aws:eks:us-west-2:111122223333:cluster/prod";

    private final PermissionEvaluator evaluator = new PermissionEvaluator();

    static NamedPolicy inline(String json) {
        return new NamedPolicy(PolicySource.INLINE, "app", null, json);
    }

    static NamedPolicy boundary(String json) {
        return new NamedPolicy(PolicySource.BOUNDARY, "arn:aws:iam::111122223333:policy/boundary", "v1", json);
    }

    static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\""
                + action + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    private AccessDecision irsa(RolePermissions role, String action, String resource) {
        return evaluator.evaluate(role, SessionIdentity.irsa(ROLE, "payments", "api"),
                new AccessRequest(action, resource, Map.of()));
    }

    @Test
    void identityAllowAllowsAndNamesTheStatement() {
        RolePermissions role = new RolePermissions(ROLE, List.of(inline(allow("s3:GetObject",
                "arn:aws:s3:::tenant-data/*"))), null, Map.of());
        AccessDecision d = irsa(role, "s3:GetObject", "arn:aws:s3:::tenant-data/orders/1.json");
        assertThat(d.decision()).as(d.reason()).isEqualTo(Decision.ALLOWED);
        assertThat(d.statements()).singleElement().satisfies(s -> {
            assertThat(s.policy()).isEqualTo("app");
            assertThat(s.sid()).isEqualTo("A");
            assertThat(s.index()).isZero();
            assertThat(s.effect()).isEqualTo("Allow");
        });
        assertThat(d.unknown()).anyMatch(u -> u.contains("SCP")).anyMatch(u -> u.contains("bucket policy of"
                + " tenant-data"));
        assertThat(irsa(role, "s3:PutObject", "arn:aws:s3:::tenant-data/orders/1.json").decision())
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void explicitDenyWinsAndBoundaryCaps() {
        String both = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"},{\"Sid\":\"NoDelete\",\"Effect\":\"Deny\",\"Action\":\"s3:Delete*\","
                + "\"Resource\":\"*\"}]}";
        RolePermissions role = new RolePermissions(ROLE, List.of(inline(both)), null, Map.of());
        AccessDecision d = irsa(role, "s3:DeleteObject", "arn:aws:s3:::b/k");
        assertThat(d.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(d.statements()).singleElement().satisfies(s -> assertThat(s.index()).isEqualTo(1));

        RolePermissions capped = new RolePermissions(ROLE, List.of(inline(both)),
                boundary(allow("s3:GetObject", "*")), Map.of());
        assertThat(irsa(capped, "s3:GetObject", "arn:aws:s3:::b/k").decision()).isEqualTo(Decision.ALLOWED);
        AccessDecision put = irsa(capped, "s3:PutObject", "arn:aws:s3:::b/k");
        assertThat(put.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(put.reason()).contains("permissions boundary");
    }

    @Test
    void principalTagsFromSessionTagsDecideAbacResources() {
        String abac = allow("s3:GetObject", "arn:aws:s3:::tenant-data/${aws:PrincipalTag/kubernetes-namespace}/*");
        RolePermissions role = new RolePermissions(ROLE, List.of(inline(abac)), null,
                Map.of("kubernetes-namespace", "not-this"));
        SessionIdentity tagged = SessionIdentity.podIdentity(ROLE, CLUSTER, "orders", "api", null, null, true, null);
        AccessRequest orders = new AccessRequest("s3:GetObject", "arn:aws:s3:::tenant-data/orders/x", Map.of());
        assertThat(evaluator.evaluate(role, tagged, orders).decision()).isEqualTo(Decision.ALLOWED);
        AccessRequest other = new AccessRequest("s3:GetObject", "arn:aws:s3:::tenant-data/billing/x", Map.of());
        assertThat(evaluator.evaluate(role, tagged, other).decision()).isEqualTo(Decision.IMPLICIT_DENY);
        SessionIdentity untagged = SessionIdentity.podIdentity(ROLE, CLUSTER, "orders", "api", null, null, false,
                null);
        // Without session tags the role tag is the principal tag.
        assertThat(evaluator.evaluate(role, untagged, orders).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void podNameConditionAskedForTheServiceAccountSaysWhichPods() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"aws:PrincipalTag/kubernetes-pod-name\":"
                + "\"exporter-*\"}}}]}";
        RolePermissions role = new RolePermissions(ROLE, List.of(inline(json)), null, Map.of());
        SessionIdentity sa = SessionIdentity.podIdentity(ROLE, CLUSTER, "monitoring", "exporter", null, null, true,
                null);
        AccessRequest r = new AccessRequest("s3:GetObject", "arn:aws:s3:::b/k", Map.of());
        AccessDecision d = evaluator.evaluate(role, sa, r);
        assertThat(d.decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(d.reason()).contains("Allowed for pods named exporter-*");
        assertThat(evaluator.evaluate(role, sa.forPod("exporter-7d9f", "u-1"), r).decision())
                .isEqualTo(Decision.ALLOWED);
        assertThat(evaluator.evaluate(role, sa.forPod("web-1", "u-2"), r).decision())
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void sessionPolicyCapsTheSession() {
        RolePermissions role = new RolePermissions(ROLE, List.of(inline(allow("s3:*", "*"))), null, Map.of());
        SessionIdentity s = SessionIdentity.podIdentity(ROLE, CLUSTER, "orders", "api", null, null, false,
                allow("s3:GetObject", "*"));
        assertThat(evaluator.evaluate(role, s, new AccessRequest("s3:GetObject", "arn:aws:s3:::b/k", Map.of()))
                .decision()).isEqualTo(Decision.ALLOWED);
        AccessDecision put = evaluator.evaluate(role, s, new AccessRequest("s3:PutObject", "arn:aws:s3:::b/k",
                Map.of()));
        assertThat(put.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(put.reason()).contains("session policy");
    }

    @Test
    void kmsAlwaysNeedsTheKeyPolicy() {
        RolePermissions role = new RolePermissions(ROLE, List.of(inline(allow("kms:Decrypt", "*"))), null, Map.of());
        AccessDecision d = irsa(role, "kms:Decrypt", "arn:aws:kms:us-west-2:111122223333:key/1234");
        assertThat(d.decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(d.reason()).contains("key policy");
    }

    @Test
    void unknownConditionKeyMakesItUnknownAndContextDecides() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                + "\"Resource\":\"arn:aws:s3:::b\",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"home/*\"}}}]}";
        RolePermissions role = new RolePermissions(ROLE, List.of(inline(json)), null, Map.of());
        SessionIdentity s = SessionIdentity.irsa(ROLE, "payments", "api");
        AccessDecision d = evaluator.evaluate(role, s, new AccessRequest("s3:ListBucket", "arn:aws:s3:::b", Map.of()));
        assertThat(d.decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(d.unknown()).anyMatch(u -> u.startsWith("s3:prefix"));
        assertThat(evaluator.evaluate(role, s, new AccessRequest("s3:ListBucket", "arn:aws:s3:::b",
                Map.of("s3:prefix", List.of("home/x")))).decision()).isEqualTo(Decision.ALLOWED);
        assertThat(evaluator.evaluate(role, s, new AccessRequest("s3:ListBucket", "arn:aws:s3:::b",
                Map.of("s3:prefix", List.of("etc/")))).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }
}
