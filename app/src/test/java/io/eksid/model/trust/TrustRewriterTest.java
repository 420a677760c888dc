package io.eksid.model.trust;

import static io.eksid.model.trust.TrustEvaluatorTest.CLUSTER;
import static io.eksid.model.trust.TrustEvaluatorTest.ISSUER;
import static io.eksid.model.trust.TrustEvaluatorTest.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import io.eksid.model.ServiceAccountRef;
import org.junit.jupiter.api.Test;

class TrustRewriterTest {

    static final String OTHER_ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/XYZ";
    static final ClusterInfo OTHER = new ClusterInfo("analytics", null, "111122223333", Partition.AWS, "eu-west-1",
            "https://" + OTHER_ISSUER, "1.30", "eks.5", false);
    static final ServiceAccountRef API = new ServiceAccountRef("pay", "api");
    static final ServiceAccountRef WORKER = new ServiceAccountRef("pay", "worker");

    private final TrustRewriter rewriter = new TrustRewriter();
    private final TrustEvaluator evaluator = new TrustEvaluator();

    static String irsa(String issuer, String op, String subs) {
        return """
                {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity",
                 "Condition":{"%s":{"%s:sub":%s,"%s:aud":"sts.amazonaws.com"}}}""".formatted(issuer, op, issuer, subs,
                issuer);
    }

    static TrustPolicy policy(String... statements) throws PolicyParseException {
        return TrustPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}");
    }

    @Test
    void addPodIdentityAppendsTheStatementOnceAndKeepsTheRest() throws Exception {
        TrustPolicy p = policy(irsa(ISSUER, "StringEquals", "\"system:serviceaccount:pay:api\""));
        RewriteResult r = rewriter.addPodIdentity(p, CLUSTER, PolicySize.DEFAULT_QUOTA);
        assertThat(r.changed()).isTrue();
        assertThat(r.fits()).isTrue();
        assertThat(r.after().statements()).hasSize(2);
        assertThat(r.after().statements().get(0)).isEqualTo(p.statements().get(0));
        assertThat(r.after().toJson()).endsWith("{\"Sid\":\"EksPodIdentity\",\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}");
        assertThat(evaluator.podIdentity(r.after(), CLUSTER).allowed()).isTrue();
        assertThat(evaluator.irsa(r.after(), CLUSTER, API, null).allowed()).isTrue();

        RewriteResult again = rewriter.addPodIdentity(r.after(), CLUSTER, PolicySize.DEFAULT_QUOTA);
        assertThat(again.changed()).isFalse();
        assertThat(again.after()).isEqualTo(r.after());
        assertThat(again.notes()).singleElement().asString().startsWith("Unchanged: Pod Identity can already");
    }

    @Test
    void addPodIdentityPicksAFreeSidAndDoesNotFightADeny() throws Exception {
        TrustPolicy taken = policy("{\"Sid\":\"EksPodIdentity\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"111122223333\"},\"Action\":\"sts:AssumeRole\"}");
        assertThat(rewriter.addPodIdentity(taken, CLUSTER, 2048).after().statements().get(1).sid())
                .isEqualTo("EksPodIdentity2");

        TrustPolicy denied = policy("{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":\"sts:TagSession\"}");
        RewriteResult r = rewriter.addPodIdentity(denied, CLUSTER, 2048);
        assertThat(r.changed()).isFalse();
        assertThat(r.notes().get(0)).contains("explicit Deny").contains("Statement[0]");
    }

    @Test
    void addPodIdentityReportsAPolicyThatWouldNotFit() throws Exception {
        TrustPolicy p = policy(irsa(ISSUER, "StringEquals", "\"system:serviceaccount:pay:api\""));
        int quota = PolicySize.of(p, 2048).characters() + 10;
        RewriteResult r = rewriter.addPodIdentity(p, CLUSTER, quota);
        assertThat(r.changed()).isTrue();
        assertThat(r.fits()).isFalse();
        assertThat(r.size().overBy()).isEqualTo(r.size().characters() - quota);
        assertThat(r.notes()).anyMatch(n -> n.contains(r.size().overBy() + " characters over")
                && n.contains("quota is " + quota));
    }

    @Test
    void removesOneSubjectFromAListAndNothingElse() throws Exception {
        TrustPolicy p = policy(irsa(ISSUER, "StringEquals",
                        "[\"system:serviceaccount:pay:api\",\"system:serviceaccount:pay:worker\"]"),
                irsa(OTHER_ISSUER, "StringEquals", "\"system:serviceaccount:pay:api\""));
        RewriteResult r = rewriter.removeIrsaSubject(p, CLUSTER, API, 2048);
        assertThat(r.changed()).isTrue();
        assertThat(r.after().statements().get(1)).isEqualTo(p.statements().get(1));
        assertThat(r.after().statements().get(0).conditions().get(0).values())
                .isEqualTo(new ConditionValues(java.util.List.of(PolicyValue.string("system:serviceaccount:pay:worker")),
                        true));
        assertThat(evaluator.irsa(r.after(), CLUSTER, API, null).verdict()).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(evaluator.irsa(r.after(), CLUSTER, WORKER, null).allowed()).isTrue();
        assertThat(evaluator.irsa(r.after(), OTHER, API, null).allowed()).isTrue();
        assertThat(r.notes()).containsExactly("Removed system:serviceaccount:pay:api from Statement[0] StringEquals "
                + ISSUER + ":sub; 1 other subject(s) stay.");
    }

    @Test
    void removesTheWholeStatementWhenItWasTheOnlySubject() throws Exception {
        TrustPolicy p = policy(irsa(ISSUER, "StringEquals", "\"system:serviceaccount:pay:api\""),
                "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                        + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}");
        RewriteResult r = rewriter.removeIrsaSubject(p, CLUSTER, API, 2048);
        assertThat(r.after().statements()).containsExactly(p.statements().get(1));
        assertThat(r.notes()).containsExactly("Removed Statement[0]: system:serviceaccount:pay:api was its only"
                + " subject.");
    }

    @Test
    void removesFromACrossAccountRoleWhenToldItsAccount() throws Exception {
        TrustPolicy p = policy(irsa(ISSUER, "StringEquals",
                "[\"system:serviceaccount:pay:api\",\"system:serviceaccount:pay:worker\"]")
                .replace("111122223333", "444455556666"));
        assertThat(rewriter.removeIrsaSubject(p, CLUSTER, API, 2048).changed()).isFalse();
        RewriteResult r = rewriter.removeIrsaSubject(p, CLUSTER, API, 2048, "444455556666");
        assertThat(r.changed()).isTrue();
        assertThat(evaluator.irsa(r.after(), CLUSTER, API, null, "444455556666").allowed()).isFalse();
        assertThat(evaluator.irsa(r.after(), CLUSTER, WORKER, null, "444455556666").allowed()).isTrue();
    }

    @Test
    void neverWidensASharedWildcard() throws Exception {
        TrustPolicy p = policy(irsa(ISSUER, "StringLike", "[\"system:serviceaccount:pay:*\"]"));
        RewriteResult r = rewriter.removeIrsaSubject(p, CLUSTER, API, 2048);
        assertThat(r.changed()).isFalse();
        assertThat(r.after()).isEqualTo(p);
        assertThat(r.notes()).singleElement().asString().contains("would still be admitted")
                .contains("StringLike " + ISSUER + ":sub = system:serviceaccount:pay:*");
    }

    @Test
    void aLiteralNextToAWildcardThatAlsoAdmitsItIsLeftAlone() throws Exception {
        TrustPolicy p = policy(irsa(ISSUER, "StringEquals", "\"system:serviceaccount:pay:api\""),
                irsa(ISSUER, "StringLike", "\"system:serviceaccount:*:*\""));
        RewriteResult r = rewriter.removeIrsaSubject(p, CLUSTER, API, 2048);
        assertThat(r.changed()).isFalse();
        assertThat(r.notes().get(0)).contains("Statement[1]").contains("system:serviceaccount:*:*");
    }

    @Test
    void aStatementWithoutSubjectConditionIsReported() throws Exception {
        TrustPolicy p = policy("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER + "\"},"
                + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}");
        RewriteResult r = rewriter.removeIrsaSubject(p, CLUSTER, API, 2048);
        assertThat(r.changed()).isFalse();
        assertThat(r.notes().get(0)).contains("trusts every service account");
    }

    @Test
    void nothingToRemoveAndLastStatementAreExplained() throws Exception {
        TrustPolicy p = policy(irsa(ISSUER, "StringEquals", "\"system:serviceaccount:pay:api\""));
        assertThat(rewriter.removeIrsaSubject(p, CLUSTER, WORKER, 2048).notes().get(0)).contains("nothing to remove");
        RewriteResult last = rewriter.removeIrsaSubject(p, CLUSTER, API, 2048);
        assertThat(last.changed()).isFalse();
        assertThat(last.notes().get(0)).contains("without any statement");
    }
}
