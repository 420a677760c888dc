package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import org.junit.jupiter.api.Test;

class TrustEvaluatorTest {

    static final ClusterInfo CLUSTER = new ClusterInfo("prod", null, "111122223333", Partition.AWS, "us-west-2",
            "https://oidc.eks.us-west-2.amazonaws.com/id/ABC", "1.30", "eks.5", false);
    static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/ABC";
    static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + ISSUER;

    private final TrustEvaluator evaluator = new TrustEvaluator();

    static TrustPolicy irsaPolicy(String op, String subs) throws PolicyParseException {
        return TrustPolicy.parse("""
                {"Version":"2012-10-17","Statement":[{"Sid":"Irsa","Effect":"Allow",
                 "Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity",
                 "Condition":{"%s":{"%s:sub":%s,"%s:aud":"sts.amazonaws.com"}}}]}
                """.formatted(PROVIDER, op, ISSUER, subs, ISSUER));
    }

    @Test
    void exactSubjectIsAllowedAndOthersAreNot() throws Exception {
        TrustPolicy p = irsaPolicy("StringEquals", "\"system:serviceaccount:pay:api\"");
        TrustDecision ok = evaluator.irsa(p, CLUSTER, new ServiceAccountRef("pay", "api"), null);
        assertThat(ok.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(ok.statementIndex()).isZero();
        TrustDecision no = evaluator.irsa(p, CLUSTER, new ServiceAccountRef("pay", "worker"), null);
        assertThat(no.verdict()).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(no.statementIndex()).isZero();
        assertThat(no.reason()).contains("Statement[0] (Irsa) allows sts:AssumeRoleWithWebIdentity")
                .contains("system:serviceaccount:pay:api").contains("does not match system:serviceaccount:pay:worker");
    }

    @Test
    void audienceMismatchIsNamed() throws Exception {
        TrustPolicy p = irsaPolicy("StringEquals", "\"system:serviceaccount:pay:api\"");
        TrustDecision d = evaluator.irsa(p, CLUSTER, new ServiceAccountRef("pay", "api"), "vault");
        assertThat(d.verdict()).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(d.reason()).contains(":aud").contains("vault");
    }

    @Test
    void unknownOperatorIsUnprovable() throws Exception {
        TrustPolicy p = irsaPolicy("StringEqualsFancy", "\"system:serviceaccount:pay:api\"");
        TrustDecision d = evaluator.irsa(p, CLUSTER, new ServiceAccountRef("pay", "api"), null);
        assertThat(d.verdict()).isEqualTo(Verdict.UNPROVABLE);
        assertThat(d.reason()).contains("StringEqualsFancy");
    }

    @Test
    void podIdentityNeedsTagSession() throws Exception {
        TrustPolicy only = TrustPolicy.parse("""
                {"Statement":{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},
                "Action":"sts:AssumeRole"}}""");
        TrustDecision d = evaluator.podIdentity(only, CLUSTER);
        assertThat(d.verdict()).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(d.reason()).contains("sts:TagSession");
        TrustPolicy both = TrustPolicy.parse("""
                {"Statement":{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},
                "Action":["sts:AssumeRole","sts:TagSession"]}}""");
        assertThat(evaluator.podIdentity(both, CLUSTER).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void sourceRoleByAccountRootAndPrincipalArnCondition() throws Exception {
        TrustPolicy p = TrustPolicy.parse("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
                "Action":"sts:AssumeRole","Condition":{"ArnEquals":{"aws:PrincipalArn":
                "arn:aws:iam::111122223333:role/teams/pay/*"}}}}""");
        assertThat(evaluator.sourceRole(p, RoleArn.parse("arn:aws:iam::111122223333:role/teams/pay/app")).verdict())
                .isEqualTo(Verdict.ALLOWED);
        assertThat(evaluator.sourceRole(p, RoleArn.parse("arn:aws:iam::111122223333:role/app")).verdict())
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(evaluator.sourceRole(p, RoleArn.parse("arn:aws:iam::999922223333:role/teams/pay/app")).verdict())
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
    }
}
