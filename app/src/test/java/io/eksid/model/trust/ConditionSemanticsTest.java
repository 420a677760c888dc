package io.eksid.model.trust;

import static io.eksid.model.trust.TrustEvaluatorTest.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.RoleArn;
import org.junit.jupiter.api.Test;

/** Condition operator semantics from the IAM docs, asked through role chaining where the context is simple. */
class ConditionSemanticsTest {

    static final RoleArn APP = RoleArn.parse("arn:aws:iam::111122223333:role/teams/pay/app");

    private final TrustEvaluator evaluator = new TrustEvaluator();

    private Verdict role(String condition) throws PolicyParseException {
        return role(condition, "2012-10-17");
    }

    private Verdict role(String condition, String version) throws PolicyParseException {
        TrustPolicy p = TrustPolicy.parse("{\"Version\":\"" + version + "\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\",\"Condition\":" + condition
                + "}}");
        return evaluator.sourceRole(p, APP).verdict();
    }

    @Test
    void negatedOperatorWithSeveralValuesIsNor() throws Exception {
        assertThat(role("{\"StringNotEquals\":{\"aws:PrincipalAccount\":[\"444455556666\",\"111122223333\"]}}"))
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"StringNotEquals\":{\"aws:PrincipalAccount\":[\"444455556666\",\"777788889999\"]}}"))
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void absentKeysFollowTheOperator() throws Exception {
        assertThat(role("{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}"))
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"StringNotEquals\":{\"aws:SourceAccount\":\"111122223333\"}}")).isEqualTo(Verdict.ALLOWED);
        assertThat(role("{\"StringEqualsIfExists\":{\"aws:SourceAccount\":\"1\"}}")).isEqualTo(Verdict.ALLOWED);
        assertThat(role("{\"ForAllValues:StringEquals\":{\"aws:SourceAccount\":\"1\"}}")).isEqualTo(Verdict.ALLOWED);
        assertThat(role("{\"ForAnyValue:StringEquals\":{\"aws:SourceAccount\":\"1\"}}"))
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"Null\":{\"aws:SourceAccount\":\"true\"}}")).isEqualTo(Verdict.ALLOWED);
        assertThat(role("{\"Null\":{\"aws:SourceAccount\":false}}")).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"Null\":{\"aws:PrincipalArn\":\"false\"}}")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void setQualifiersTreatASingleValuedKeyAsASetOfOne() throws Exception {
        assertThat(role("{\"ForAnyValue:StringLike\":{\"aws:PrincipalArn\":[\"x\",\"arn:aws:iam::*:role/teams/*\"]}}"))
                .isEqualTo(Verdict.ALLOWED);
        assertThat(role("{\"ForAllValues:StringNotEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}"))
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"ForAnyValue:StringNotEquals\":{\"aws:PrincipalAccount\":\"444455556666\"}}"))
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void arnOperatorsCompareEachPartSeparately() throws Exception {
        assertThat(role("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/*\"}}"))
                .isEqualTo(Verdict.ALLOWED);
        assertThat(role("{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/teams/pay/app\"}}"))
                .isEqualTo(Verdict.ALLOWED);
        // A * in one part does not reach across the colons into the next.
        assertThat(role("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:*:role/teams/pay/app\"}}"))
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/ops/*\"}}"))
                .isEqualTo(Verdict.ALLOWED);
        assertThat(role("{\"ArnLike\":{\"aws:PrincipalAccount\":\"*\"}}")).isEqualTo(Verdict.NO_MATCHING_ALLOW);
    }

    @Test
    void valuesAreCaseSensitiveUnlessTheOperatorSaysOtherwise() throws Exception {
        assertThat(role("{\"StringEquals\":{\"AWS:PRINCIPALARN\":\"arn:aws:iam::111122223333:role/TEAMS/pay/app\"}}"))
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"StringEqualsIgnoreCase\":{\"aws:principalarn\":\"ARN:AWS:IAM::111122223333:ROLE/TEAMS/PAY/APP\"}}"))
                .isEqualTo(Verdict.ALLOWED);
        assertThat(role("{\"StringNotEqualsIgnoreCase\":{\"aws:PrincipalType\":\"assumedrole\"}}"))
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"Bool\":{\"aws:SecureTransport\":\"TRUE\"}}")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void policyVariablesOnlyUnderVersion2012() throws Exception {
        String c = "{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::${aws:PrincipalAccount}:role/*\"}}";
        assertThat(role(c)).isEqualTo(Verdict.ALLOWED);
        assertThat(role(c, "2008-10-17")).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"StringEquals\":{\"aws:PrincipalType\":\"${aws:SourceAccount, 'AssumedRole'}\"}}"))
                .isEqualTo(Verdict.ALLOWED);
        assertThat(role("{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/${*}\"}}"))
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(role("{\"StringEquals\":{\"aws:PrincipalArn\":\"${aws:PrincipalTag/arn}\"}}"))
                .isEqualTo(Verdict.UNPROVABLE);
    }

    @Test
    void keysTheQuestionCannotKnowMakeTheAnswerUnprovable() throws Exception {
        TrustPolicy p = TrustPolicy.parse("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
                "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}""");
        TrustDecision d = evaluator.sourceRole(p, APP);
        assertThat(d.verdict()).isEqualTo(Verdict.UNPROVABLE);
        assertThat(d.reason()).contains("IpAddress");
        TrustPolicy tags = TrustPolicy.parse("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
                "Condition":{"StringEquals":{"aws:PrincipalTag/team":"pay"}}}}""");
        assertThat(evaluator.sourceRole(tags, APP).reason()).contains("aws:PrincipalTag/team")
                .contains("not known for this question");
        TrustPolicy falseFirst = TrustPolicy.parse("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
                "Condition":{"StringEquals":{"aws:PrincipalTag/team":"pay","aws:PrincipalAccount":"444455556666"}}}}""");
        assertThat(evaluator.sourceRole(falseFirst, APP).verdict()).isEqualTo(Verdict.NO_MATCHING_ALLOW);
    }

    @Test
    void principalsOfRoleChaining() throws Exception {
        assertThat(principal("\"arn:aws:iam::111122223333:role/teams/pay/APP\"")).isEqualTo(Verdict.ALLOWED);
        assertThat(principal("\"arn:aws:iam::111122223333:role/app\"")).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(principal("\"arn:aws-us-gov:iam::111122223333:root\"")).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(principal("\"arn:aws:sts::111122223333:assumed-role/app/session\"")).isEqualTo(Verdict.UNPROVABLE);
        assertThat(principal("\"arn:aws:iam::111122223333:user/app\"")).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(principal("\"*\"")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void awsWildcardPrincipalAlsoAdmitsWebIdentityAndServices() throws Exception {
        TrustPolicy p = TrustPolicy.parse("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:*"}}""");
        assertThat(evaluator.podIdentity(p, CLUSTER).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(evaluator.irsa(p, CLUSTER, new io.eksid.model.ServiceAccountRef("a", "b"), null).verdict())
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void sessionTagChainingNeedsTagSession() throws Exception {
        TrustPolicy p = TrustPolicy.parse("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}}""");
        assertThat(evaluator.sourceRole(p, APP).allowed()).isTrue();
        TrustDecision d = evaluator.sourceRoleWithSessionTags(p, APP);
        assertThat(d.verdict()).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(d.reason()).contains("sts:TagSession");
    }

    @Test
    void clusterWithoutIssuerCannotUseIrsa() throws Exception {
        var noIssuer = new io.eksid.model.ClusterInfo("old", null, "111122223333", io.eksid.model.Partition.AWS,
                "us-east-1", null, "1.29", "eks.1", false);
        TrustDecision d = evaluator.irsa(TrustPolicy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"*\"}}"), noIssuer, new io.eksid.model.ServiceAccountRef("a", "b"), null);
        assertThat(d.verdict()).isEqualTo(Verdict.NO_MATCHING_ALLOW);
        assertThat(d.reason()).contains("has no OIDC issuer");
    }

    private Verdict principal(String aws) throws PolicyParseException {
        TrustPolicy p = TrustPolicy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":" + aws
                + "},\"Action\":\"sts:AssumeRole\"}}");
        return evaluator.sourceRole(p, APP).verdict();
    }
}
