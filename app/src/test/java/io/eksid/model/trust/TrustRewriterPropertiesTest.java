package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
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
import net.jqwik.api.statistics.Statistics;

/**
 * The rewriter's promises, over generated policies that mix several clusters' IRSA statements (exact lists,
 * wildcards, audiences), Deny statements, Pod Identity and role-chaining statements.
 */
class TrustRewriterPropertiesTest {

    static final List<ClusterInfo> CLUSTERS = List.of(
            new ClusterInfo("prod", null, "111122223333", Partition.AWS, "us-west-2",
                    "https://oidc.eks.us-west-2.amazonaws.com/id/AAAA1111", "1.30", "eks.1", false),
            new ClusterInfo("analytics", null, "111122223333", Partition.AWS, "eu-west-1",
                    "https://oidc.eks.eu-west-1.amazonaws.com/id/BBBB2222", "1.30", "eks.1", false),
            new ClusterInfo("beijing", null, "111122223333", Partition.AWS_CN, "cn-north-1",
                    "https://oidc.eks.cn-north-1.amazonaws.com.cn/id/CCCC3333", "1.30", "eks.1", false));
    static final List<ServiceAccountRef> SAS = List.of(new ServiceAccountRef("pay", "api"),
            new ServiceAccountRef("pay", "worker"), new ServiceAccountRef("ops", "agent"),
            new ServiceAccountRef("kube-system", "dns"), new ServiceAccountRef("pay", "api-1"));
    static final List<String> AUDIENCES = List.of("sts.amazonaws.com", "vault");
    static final List<RoleArn> ROLES = List.of(RoleArn.parse("arn:aws:iam::111122223333:role/app"),
            RoleArn.parse("arn:aws:iam::111122223333:role/teams/pay/app"),
            RoleArn.parse("arn:aws:iam::444455556666:role/app"));

    private final TrustEvaluator evaluator = new TrustEvaluator();
    private final TrustRewriter rewriter = new TrustRewriter();

    @Property(tries = 300)
    void addPodIdentityIsIdempotentAndKeepsEveryOtherDecision(@ForAll("policies") TrustPolicy p,
                                                             @ForAll("clusters") ClusterInfo cluster) {
        RewriteResult first = rewriter.addPodIdentity(p, cluster, PolicySize.DEFAULT_QUOTA);
        RewriteResult second = rewriter.addPodIdentity(first.after(), cluster, PolicySize.DEFAULT_QUOTA);
        assertThat(second.changed()).isFalse();
        assertThat(second.after()).isEqualTo(first.after());
        assertThat(first.after().statements().subList(0, p.statements().size())).isEqualTo(p.statements());
        if (first.changed()) {
            assertThat(first.after().statements()).hasSize(p.statements().size() + 1);
        } else {
            assertThat(first.after()).isEqualTo(p);
            assertThat(first.notes()).anyMatch(n -> n.startsWith("Unchanged"));
        }
        if (evaluator.podIdentity(p, cluster).verdict() == Verdict.NO_MATCHING_ALLOW) {
            assertThat(evaluator.podIdentity(first.after(), cluster).verdict())
                    .isIn(Verdict.ALLOWED, Verdict.UNPROVABLE);
        }
        for (ClusterInfo c : CLUSTERS) {
            for (ServiceAccountRef sa : SAS) {
                for (String aud : AUDIENCES) {
                    TrustDecision before = evaluator.irsa(p, c, sa, aud);
                    TrustDecision after = evaluator.irsa(first.after(), c, sa, aud);
                    assertThat(after.verdict()).isEqualTo(before.verdict());
                    assertThat(after.statementIndex()).isEqualTo(before.statementIndex());
                }
            }
        }
        for (RoleArn r : ROLES) {
            assertThat(evaluator.sourceRole(first.after(), r).verdict())
                    .isEqualTo(evaluator.sourceRole(p, r).verdict());
        }
        assertThat(first.size()).isEqualTo(PolicySize.of(first.after(), PolicySize.DEFAULT_QUOTA));
    }

    /** A policy and the (cluster, service account) to remove, biased towards pairs the policy names. */
    record Removal(TrustPolicy policy, ClusterInfo cluster, ServiceAccountRef sa) {
    }

    @Property(tries = 300)
    void removeIrsaSubjectDeniesThatServiceAccountOnlyOrSaysWhy(@ForAll("removals") Removal removal) {
        TrustPolicy p = removal.policy();
        ClusterInfo cluster = removal.cluster();
        ServiceAccountRef sa = removal.sa();
        RewriteResult r = rewriter.removeIrsaSubject(p, cluster, sa, PolicySize.DEFAULT_QUOTA);
        boolean allowedBefore = AUDIENCES.stream().anyMatch(a -> evaluator.irsa(p, cluster, sa, a).allowed());
        assertThat(r.notes()).noneMatch(n -> n.contains("would still be allowed"));
        Statistics.label("outcome").collect(r.changed() ? "removed" : allowedBefore ? "kept, explained"
                : "was not trusted");
        Statistics.label("outcome").coverage(c -> {
            c.check("removed").percentage(pct -> pct > 5);
            c.check("kept, explained").percentage(pct -> pct > 5);
        });
        if (r.changed()) {
            for (String aud : AUDIENCES) {
                assertThat(evaluator.irsa(r.after(), cluster, sa, aud).allowed()).isFalse();
            }
        } else {
            assertThat(r.after()).isEqualTo(p);
            if (allowedBefore) {
                assertThat(r.notes()).anyMatch(n -> n.contains("would still be admitted") || n.contains("without any statement"));
            }
        }
        for (ClusterInfo c : CLUSTERS) {
            for (ServiceAccountRef other : SAS) {
                if (c.equals(cluster) && other.equals(sa)) {
                    continue;
                }
                for (String aud : AUDIENCES) {
                    assertThat(evaluator.irsa(r.after(), c, other, aud).verdict())
                            .as("%s/%s aud %s", c.name(), other, aud)
                            .isEqualTo(evaluator.irsa(p, c, other, aud).verdict());
                }
            }
        }
        assertThat(evaluator.podIdentity(r.after(), cluster).verdict())
                .isEqualTo(evaluator.podIdentity(p, cluster).verdict());
        RewriteResult again = rewriter.removeIrsaSubject(r.after(), cluster, sa, PolicySize.DEFAULT_QUOTA);
        assertThat(again.after()).isEqualTo(r.after());
    }

    @Provide
    Arbitrary<ClusterInfo> clusters() {
        return Arbitraries.of(CLUSTERS);
    }

    @Provide
    Arbitrary<Removal> removals() {
        return policies().flatMap(p -> {
            List<Removal> named = new ArrayList<>();
            for (ClusterInfo c : CLUSTERS) {
                for (ServiceAccountRef sa : SAS) {
                    if (p.toJson().contains(c.issuerHostPath().orElseThrow()) && p.toJson().contains(sa.subject())) {
                        named.add(new Removal(p, c, sa));
                    }
                }
            }
            Arbitrary<Removal> any = Combinators.combine(Arbitraries.of(CLUSTERS), Arbitraries.of(SAS))
                    .as((c, sa) -> new Removal(p, c, sa));
            return named.isEmpty() ? any : Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(3, Arbitraries.of(named)), net.jqwik.api.Tuple.of(1, any));
        });
    }

    @Provide
    Arbitrary<TrustPolicy> policies() {
        return Arbitraries.oneOf(irsaStatement(), irsaStatement(), irsaStatement(), denyStatement(), otherStatement())
                .list().ofMinSize(1).ofMaxSize(5)
                .map(s -> new TrustPolicy("2012-10-17", null, s, true));
    }

    static Arbitrary<Statement> irsaStatement() {
        Arbitrary<ClusterInfo> cluster = Arbitraries.of(CLUSTERS);
        Arbitrary<String> op = Arbitraries.of("StringEquals", "StringLike", "ForAnyValue:StringEquals",
                "StringEqualsIgnoreCase");
        Arbitrary<List<String>> subjects = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(SAS).map(ServiceAccountRef::subject)),
                net.jqwik.api.Tuple.of(1, 
                Arbitraries.of("system:serviceaccount:pay:*", "system:serviceaccount:*:*", "*",
                        "system:serviceaccount:pay:api-?", "system:serviceaccount:*:agent")))
                .list().ofMinSize(1).ofMaxSize(4).uniqueElements();
        Arbitrary<String> aud = Arbitraries.of("sts.amazonaws.com", "vault").injectNull(0.3);
        Arbitrary<Boolean> withSub = Arbitraries.of(true, true, true, true, false);
        return Combinators.combine(cluster, op, subjects, aud, withSub).as((c, o, subs, a, sub) -> {
            String issuer = c.issuerHostPath().orElseThrow();
            Map<String, Map<String, ConditionValues>> cond = new LinkedHashMap<>();
            if (sub) {
                cond.computeIfAbsent(o, k -> new LinkedHashMap<>()).put(issuer + ":sub",
                        ConditionValues.strings(subs));
            }
            if (a != null) {
                cond.computeIfAbsent("StringEquals", k -> new LinkedHashMap<>()).put(issuer + ":aud",
                        ConditionValues.strings(List.of(a)));
            }
            return new Statement(null, Effect.ALLOW, Principal.of("Federated", c.oidcProviderArn().orElseThrow()),
                    false, StringValues.of(TrustEvaluator.ASSUME_ROLE_WITH_WEB_IDENTITY), false,
                    cond.isEmpty() ? null : cond);
        });
    }

    static Arbitrary<Statement> denyStatement() {
        return Combinators.combine(Arbitraries.of(CLUSTERS), Arbitraries.of(SAS)).as((c, sa) -> new Statement(
                "Deny" + sa.name().replace("-", ""), Effect.DENY, Principal.of("Federated",
                c.oidcProviderArn().orElseThrow()), false, StringValues.of("sts:*"), false,
                Map.of("StringEquals", Map.of(c.issuerHostPath().orElseThrow() + ":sub",
                        ConditionValues.strings(List.of(sa.subject()))))));
    }

    static Arbitrary<Statement> otherStatement() {
        return Arbitraries.of(
                new Statement(null, Effect.ALLOW, Principal.of("Service", TrustEvaluator.POD_IDENTITY_SERVICE), false,
                        StringValues.of("sts:AssumeRole"), false, null),
                new Statement(null, Effect.ALLOW, Principal.of("AWS", "arn:aws:iam::111122223333:root"), false,
                        StringValues.of("sts:AssumeRole"), false, null),
                new Statement("EksPodIdentity", Effect.ALLOW, Principal.of("Service",
                        TrustEvaluator.POD_IDENTITY_SERVICE), false, StringValues.list(List.of("sts:AssumeRole",
                        "sts:TagSession")), false, Map.of("StringEquals", Map.of("aws:SourceAccount",
                        ConditionValues.strings(List.of("444455556666"))))),
                new Statement(null, Effect.DENY, Principal.any(), false, StringValues.of("sts:TagSession"), false,
                        Map.of("StringNotEquals", Map.of("aws:SourceAccount",
                                ConditionValues.strings(List.of("111122223333"))))));
    }

}
