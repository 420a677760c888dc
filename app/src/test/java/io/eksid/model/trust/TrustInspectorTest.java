package io.eksid.model.trust;

import static io.eksid.model.trust.TrustEvaluatorTest.CLUSTER;
import static io.eksid.model.trust.TrustEvaluatorTest.ISSUER;
import static io.eksid.model.trust.TrustRewriterTest.irsa;
import static io.eksid.model.trust.TrustRewriterTest.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.trust.WildcardTrust.Scope;
import org.junit.jupiter.api.Test;

class TrustInspectorTest {

    private final TrustInspector inspector = new TrustInspector();

    @Test
    void classifiesWildcardSubjects() throws Exception {
        TrustPolicy p = policy(
                irsa(ISSUER, "StringLike", "[\"system:serviceaccount:*:*\",\"*\",\"system:serviceaccount:pay:*\","
                        + "\"system:serviceaccount:team-*:app\",\"system:serviceaccount:pay:api-?\","
                        + "\"system:serviceaccount:pay:api\",\"nothing*\"]"),
                irsa(ISSUER, "StringEquals", "\"system:serviceaccount:pay:*\""));
        assertThat(inspector.wildcardIrsaSubjects(p)).containsExactly(
                new WildcardTrust(0, ISSUER, "StringLike", "system:serviceaccount:*:*", Scope.WHOLE_CLUSTER, null),
                new WildcardTrust(0, ISSUER, "StringLike", "*", Scope.WHOLE_CLUSTER, null),
                new WildcardTrust(0, ISSUER, "StringLike", "system:serviceaccount:pay:*", Scope.WHOLE_NAMESPACE, "pay"),
                new WildcardTrust(0, ISSUER, "StringLike", "system:serviceaccount:team-*:app", Scope.SOME_NAMESPACES,
                        null),
                new WildcardTrust(0, ISSUER, "StringLike", "system:serviceaccount:pay:api-?",
                        Scope.SOME_SERVICE_ACCOUNTS, "pay"));
    }

    @Test
    void findsStatementsWithoutSubjectCondition() throws Exception {
        TrustPolicy p = policy(irsa(ISSUER, "StringEquals", "\"system:serviceaccount:pay:api\""),
                "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + TrustEvaluatorTest.PROVIDER + "\"},"
                        + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}");
        assertThat(inspector.irsaStatementsWithoutSubject(p)).containsExactly(
                new TrustInspector.UnrestrictedIrsa(1, TrustEvaluatorTest.PROVIDER));
    }

    @Test
    void podIdentityServiceTrustIgnoresTagSessionButHonoursConditions() throws Exception {
        assertThat(inspector.trustsPodIdentityService(policy("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}"), CLUSTER)).isTrue();
        assertThat(inspector.trustsPodIdentityService(policy("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:SourceAccount\":\"444455556666\"}}}"), CLUSTER)).isFalse();
        assertThat(inspector.trustsPodIdentityService(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"sts:AssumeRole\"}"), CLUSTER)).isFalse();
    }
}
