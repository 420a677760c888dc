package io.eksid.model.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.NamedPolicy;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.access.AccessDecision.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The combination rules of IAM's policy evaluation logic, for random policies: an applicable Deny always wins;
 * the decision is ALLOWED exactly when every policy type present allows (identity ∩ boundary ∩ session policy),
 * as a naive model computes it; a boundary or session policy never turns a denial into an allow; principal tags
 * are role tags overridden by the session tags.
 */
class PermissionEvaluatorPropertiesTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/teams/app";
    static final String CLUSTER = "arn:aws:eks:us-west-2:111122223333:cluster/prod";
    static final List<String> ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "sqs:SendMessage");
    static final List<String> RESOURCES = List.of("arn:aws:s3:::a/k", "arn:aws:s3:::b/k",
            "arn:aws:sqs:us-west-2:111122223333:q");

    /** One statement: effect, an action pattern and a resource pattern from small sets, so they often overlap. */
    record Spec(boolean deny, String action, String resource) {
        boolean matches(String a, String r) {
            return glob(action, a, true) && glob(resource, r, false);
        }

        String json() {
            return "{\"Effect\":\"" + (deny ? "Deny" : "Allow") + "\",\"Action\":\"" + action + "\",\"Resource\":\""
                    + resource + "\"}";
        }
    }

    static boolean glob(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase() : pattern;
        String v = ignoreCase ? value.toLowerCase() : value;
        return v.matches(java.util.regex.Pattern.quote(p).replace("*", "\\E.*\\Q"));
    }

    @Provide
    Arbitrary<List<Spec>> policy() {
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.of(true, false, false),
                Arbitraries.of("s3:*", "s3:GetObject", "s3:Put*", "*", "sqs:*", "s3:Delete*"),
                Arbitraries.of("*", "arn:aws:s3:::a/*", "arn:aws:s3:::*", "arn:aws:sqs:*:111122223333:q"))
                .as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(4);
    }

    static String doc(List<Spec> specs) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",",
                specs.stream().map(Spec::json).toList()) + "]}";
    }

    static boolean allows(List<Spec> specs, String a, String r) {
        return specs.stream().anyMatch(s -> !s.deny() && s.matches(a, r));
    }

    static boolean denies(List<Spec> specs, String a, String r) {
        return specs.stream().anyMatch(s -> s.deny() && s.matches(a, r));
    }

    private final PermissionEvaluator evaluator = new PermissionEvaluator();

    @Property(tries = 300)
    void decisionFollowsTheEvaluationLogic(@ForAll("policy") List<Spec> identity, @ForAll("policy") List<Spec> boundary,
                                           @ForAll("policy") List<Spec> session, @ForAll boolean withBoundary,
                                           @ForAll boolean withSession) {
        RolePermissions role = new RolePermissions(ROLE, List.of(new NamedPolicy(PolicySource.MANAGED,
                "arn:aws:iam::111122223333:policy/p", "v1", doc(identity))), withBoundary ? new NamedPolicy(
                PolicySource.BOUNDARY, "arn:aws:iam::111122223333:policy/b", "v1", doc(boundary)) : null, Map.of());
        SessionIdentity s = SessionIdentity.podIdentity(ROLE, CLUSTER, "pay", "api", null, null, !withSession,
                withSession ? doc(session) : null);
        for (String a : ACTIONS) {
            for (String r : RESOURCES) {
                AccessDecision d = evaluator.evaluate(role, s, new AccessRequest(a, r, Map.of()));
                List<List<Spec>> layers = new ArrayList<>(List.of(identity));
                if (withBoundary) {
                    layers.add(boundary);
                }
                if (withSession) {
                    layers.add(session);
                }
                boolean denied = layers.stream().anyMatch(l -> denies(l, a, r));
                boolean allowed = layers.stream().allMatch(l -> allows(l, a, r));
                Decision expected = denied ? Decision.EXPLICIT_DENY : allowed ? Decision.ALLOWED
                        : Decision.IMPLICIT_DENY;
                assertThat(d.decision()).as(a + " on " + r + ": " + d.reason()).isEqualTo(expected);
                if (expected == Decision.ALLOWED) {
                    assertThat(d.statements()).hasSize(layers.size());
                }
                if (expected == Decision.EXPLICIT_DENY) {
                    assertThat(d.statements()).isNotEmpty().allMatch(m -> m.effect().equals("Deny"));
                }
                assertThat(d.unknown()).anyMatch(u -> u.contains("SCPs"));
            }
        }
    }

    @Property(tries = 200)
    void aBoundaryNeverTurnsADenialIntoAnAllow(@ForAll("policy") List<Spec> identity,
                                               @ForAll("policy") List<Spec> boundary) {
        RolePermissions without = new RolePermissions(ROLE, List.of(new NamedPolicy(PolicySource.INLINE, "p", null,
                doc(identity))), null, Map.of());
        RolePermissions with = new RolePermissions(ROLE, without.identityPolicies(), new NamedPolicy(
                PolicySource.BOUNDARY, "b", null, doc(boundary)), Map.of());
        SessionIdentity s = SessionIdentity.irsa(ROLE, "pay", "api");
        for (String a : ACTIONS) {
            for (String r : RESOURCES) {
                AccessRequest req = new AccessRequest(a, r, Map.of());
                if (!evaluator.evaluate(without, s, req).allowed()) {
                    assertThat(evaluator.evaluate(with, s, req).allowed()).isFalse();
                }
            }
        }
    }

    @Provide
    Arbitrary<Map<String, String>> roleTags() {
        return Arbitraries.maps(Arbitraries.of("kubernetes-namespace", "team", "kubernetes-pod-name",
                "eks-cluster-name"), Arbitraries.of("pay", "ops", "x")).ofMaxSize(4).map(LinkedHashMap::new);
    }

    @Property(tries = 200)
    void principalTagsAreRoleTagsOverriddenBySessionTags(@ForAll("roleTags") Map<String, String> tags,
                                                         @ForAll boolean sessionTags,
                                                         @ForAll("keys") String key, @ForAll("values") String value) {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/" + key + "\":\""
                + value + "\"}}}]}";
        RolePermissions role = new RolePermissions(ROLE, List.of(new NamedPolicy(PolicySource.INLINE, "p", null,
                doc)), null, tags);
        SessionIdentity s = SessionIdentity.podIdentity(ROLE, CLUSTER, "pay", "api", "api-1", "uid-1", sessionTags,
                null);
        Map<String, String> expected = new LinkedHashMap<>(tags);
        if (sessionTags) {
            expected.putAll(Map.of("eks-cluster-arn", CLUSTER, "eks-cluster-name", "prod",
                    "kubernetes-namespace", "pay", "kubernetes-service-account", "api",
                    "kubernetes-pod-name", "api-1", "kubernetes-pod-uid", "uid-1"));
        }
        boolean naive = value.equals(expected.get(key));
        AccessDecision d = evaluator.evaluate(role, s, new AccessRequest("s3:GetObject", "arn:aws:s3:::a/k",
                Map.of()));
        assertThat(d.decision()).as(d.reason()).isEqualTo(naive ? Decision.ALLOWED : Decision.IMPLICIT_DENY);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("kubernetes-namespace", "team", "kubernetes-pod-name", "eks-cluster-name",
                "kubernetes-service-account");
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.of("pay", "ops", "x", "prod", "api", "api-1");
    }
}
