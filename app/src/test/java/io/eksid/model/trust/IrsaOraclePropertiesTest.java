package io.eksid.model.trust;

import static io.eksid.model.trust.TrustRewriterPropertiesTest.AUDIENCES;
import static io.eksid.model.trust.TrustRewriterPropertiesTest.CLUSTERS;
import static io.eksid.model.trust.TrustRewriterPropertiesTest.SAS;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ServiceAccountRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The evaluator against an independent, deliberately naive model of IRSA trust: a statement matches a token when
 * it names the token's cluster, one of its subjects equals (StringEquals) or glob-matches (StringLike, via a regular
 * expression) the subject, and its audience, if any, equals the token's. Deny beats Allow.
 */
class IrsaOraclePropertiesTest {

    record Spec(boolean deny, int cluster, boolean like, List<String> subjects, String audience) {
        boolean matches(int c, String subject, String aud) {
            boolean sub = subjects.stream().anyMatch(p -> like ? subject.matches(regex(p)) : p.equals(subject));
            return cluster == c && sub && (audience == null || audience.equals(aud));
        }

        Statement toStatement() {
            ClusterInfo c = CLUSTERS.get(cluster);
            String issuer = c.issuerHostPath().orElseThrow();
            Map<String, Map<String, ConditionValues>> cond = new LinkedHashMap<>();
            cond.computeIfAbsent(like ? "StringLike" : "StringEquals", k -> new LinkedHashMap<>())
                    .put(issuer + ":sub", ConditionValues.strings(subjects));
            if (audience != null) {
                cond.computeIfAbsent("StringEquals", k -> new LinkedHashMap<>())
                        .put(issuer + ":aud", ConditionValues.strings(List.of(audience)));
            }
            return new Statement(null, deny ? Effect.DENY : Effect.ALLOW, Principal.of("Federated",
                    c.oidcProviderArn().orElseThrow()), false,
                    StringValues.of(deny ? "sts:*" : "sts:AssumeRoleWithWebIdentity"), false, cond);
        }

        private static String regex(String glob) {
            return Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        }
    }

    private final TrustEvaluator evaluator = new TrustEvaluator();

    @Property(tries = 300)
    void evaluatorAgreesWithTheNaiveModel(@ForAll("specs") List<Spec> specs) {
        TrustPolicy p = new TrustPolicy("2012-10-17", null, specs.stream().map(Spec::toStatement).toList(), true);
        for (int c = 0; c < CLUSTERS.size(); c++) {
            for (ServiceAccountRef sa : SAS) {
                for (String aud : AUDIENCES) {
                    int cluster = c;
                    boolean denied = specs.stream().anyMatch(s -> s.deny() && s.matches(cluster, sa.subject(), aud));
                    boolean allowed = specs.stream().anyMatch(s -> !s.deny() && s.matches(cluster, sa.subject(), aud));
                    Verdict expected = denied ? Verdict.EXPLICIT_DENY : allowed ? Verdict.ALLOWED
                            : Verdict.NO_MATCHING_ALLOW;
                    TrustDecision d = evaluator.irsa(p, CLUSTERS.get(c), sa, aud);
                    assertThat(d.verdict()).as("%s %s %s: %s", CLUSTERS.get(c).name(), sa, aud, d.reason())
                            .isEqualTo(expected);
                    if (expected != Verdict.NO_MATCHING_ALLOW) {
                        Spec decider = specs.get(d.statementIndex());
                        assertThat(decider.deny()).isEqualTo(denied);
                        assertThat(decider.matches(cluster, sa.subject(), aud)).isTrue();
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        Arbitrary<List<String>> subjects = Arbitraries.oneOf(
                Arbitraries.of(SAS).map(ServiceAccountRef::subject),
                Arbitraries.of("system:serviceaccount:pay:*", "system:serviceaccount:*:*", "*",
                        "system:serviceaccount:pay:api-?", "system:serviceaccount:*:agent", "system:*:dns"))
                .list().ofMinSize(1).ofMaxSize(3).map(ArrayList::new);
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.of(false, false, false, true),
                        Arbitraries.integers().between(0, CLUSTERS.size() - 1), Arbitraries.of(true, false), subjects,
                        Arbitraries.of(AUDIENCES).injectNull(0.3))
                .as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(5);
    }
}
