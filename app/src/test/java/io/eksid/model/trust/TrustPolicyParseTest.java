package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustPolicyParseTest {

    private static final String POD = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Pods","Effect":"Allow",
            "Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    @Test
    void keepsEveryFieldAndItsForm() throws Exception {
        TrustPolicy p = TrustPolicy.parse("""
                {"Version":"2012-10-17","Id":"trust","Statement":{"Sid":"A","Effect":"Deny",
                 "NotPrincipal":{"AWS":["arn:aws:iam::111122223333:root","444455556666"]},"NotAction":"sts:TagSession",
                 "Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"k":[1,2.5e3]}}}}""");
        assertThat(p.version()).isEqualTo("2012-10-17");
        assertThat(p.id()).isEqualTo("trust");
        assertThat(p.statementListForm()).isFalse();
        Statement s = p.statements().get(0);
        assertThat(s.effect()).isEqualTo(Effect.DENY);
        assertThat(s.notPrincipal()).isTrue();
        assertThat(s.notAction()).isTrue();
        assertThat(s.principal().byType().get("AWS").listForm()).isTrue();
        assertThat(s.actions().listForm()).isFalse();
        assertThat(s.conditions()).extracting(Statement.ConditionEntry::operator)
                .containsExactly("Bool", "NumericLessThan");
        assertThat(s.conditions().get(0).values().values().get(0).kind()).isEqualTo(PolicyValue.Kind.BOOLEAN);
        assertThat(s.conditions().get(1).values().values().get(1)).isEqualTo(
                new PolicyValue("2.5e3", PolicyValue.Kind.NUMBER));
        assertThat(p.toJson()).isEqualTo("{\"Version\":\"2012-10-17\",\"Id\":\"trust\",\"Statement\":{\"Sid\":\"A\","
                + "\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"444455556666\"]},"
                + "\"NotAction\":\"sts:TagSession\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":false},"
                + "\"NumericLessThan\":{\"k\":[1,2.5e3]}}}}");
    }

    @Test
    void prettyJsonIsIndentedByTwoSpaces() throws Exception {
        assertThat(TrustPolicy.parse(POD).toPrettyJson()).isEqualTo("""
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "Pods",
                      "Effect": "Allow",
                      "Principal": {
                        "Service": "pods.eks.amazonaws.com"
                      },
                      "Action": [
                        "sts:AssumeRole",
                        "sts:TagSession"
                      ]
                    }
                  ]
                }""");
    }

    @Test
    void acceptsTheUrlEncodedGetRoleFormAndKeepsPlusSigns() throws Exception {
        String encoded = "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%22*%22%2C"
                + "%22Action%22%3A%22sts%3AAssumeRole%22%2C%22Condition%22%3A%7B%22StringEquals%22%3A%7B"
                + "%22aws%3APrincipalTag%2Fteam%22%3A%22a+b%C3%A9%22%7D%7D%7D%7D";
        TrustPolicy p = TrustPolicy.parse(encoded);
        assertThat(p.statements().get(0).conditions().get(0).values().texts()).containsExactly("a+bé");
        assertThat(TrustPolicy.decodeIamDocument(encoded)).startsWith("{\"Statement\"").contains("a+bé");
    }

    @Test
    void decodesADoublyEncodedDocumentAndLocatesErrorsInTheDecodedText() throws Exception {
        String once = "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%22*%22%2C"
                + "%22Action%22%3A%22sts%3AAssumeRole%22%7D%7D";
        String twice = once.replace("%", "%25");
        assertThat(TrustPolicy.parse(twice)).isEqualTo(TrustPolicy.parse(once));
        assertThat(TrustPolicy.decodeIamDocument(twice)).startsWith("{\"Statement\"");
        PolicyParseException e = catchThrowableOfType(PolicyParseException.class,
                () -> TrustPolicy.parse("%7B%22Statement%22%3A%7D"));
        assertThat(e.where()).isEqualTo("line 1, column 14 of the URL-decoded document");
    }

    @Test
    void leavesRawDocumentsAloneEvenWithPercentSigns() throws Exception {
        String raw = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\","
                + "\"Condition\":{\"StringEquals\":{\"k\":\"100%20\"}}}}";
        assertThat(TrustPolicy.decodeIamDocument(raw)).isEqualTo(raw);
        assertThat(TrustPolicy.parse(raw).statements().get(0).conditions().get(0).values().texts())
                .containsExactly("100%20");
        assertThat(TrustPolicy.decodeIamDocument("%7Bbroken%G1")).isEqualTo("%7Bbroken%G1");
    }

    @Test
    void acceptsByteOrderMarkAndAbsentVersion() throws Exception {
        TrustPolicy p = TrustPolicy.parse("\uFEFF{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"*\"}]}");
        assertThat(p.version()).isNull();
        assertThat(p.statements().get(0).principal().wildcard()).isTrue();
    }

    @Test
    void namesOidcProviderPrincipals() throws Exception {
        TrustPolicy p = TrustPolicy.parse("""
                {"Statement":[{"Effect":"Allow","Principal":{"Federated":["arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/A",
                "arn:aws:iam::111122223333:saml-provider/corp","cognito-identity.amazonaws.com"]},"Action":"sts:AssumeRoleWithWebIdentity"},
                {"Effect":"Deny","Principal":{"Federated":"arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/B"},"Action":"*"}]}""");
        assertThat(p.federatedOidcProviderArns()).containsExactly(
                "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/A",
                "arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/B");
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        PolicyParseException e = catchThrowableOfType(PolicyParseException.class,
                () -> TrustPolicy.parse("{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}"));
        assertThat(e.where()).isEqualTo("line 3, column 24");
        assertThat(e.problem()).contains("expected a quoted key");
        assertThat(catchThrowableOfType(PolicyParseException.class, () -> TrustPolicy.parse("{\"a\": \"open"))
                .problem()).contains("missing closing quote");
        assertThat(catchThrowableOfType(PolicyParseException.class, () -> TrustPolicy.parse("   "))
                .problem()).contains("empty");
        assertThat(catchThrowableOfType(PolicyParseException.class, () -> TrustPolicy.parse("[1]"))
                .problem()).contains("must be a JSON object");
    }

    @Test
    void structuralErrorsNameTheElementPath() {
        record Bad(String json, String where, String message) {
        }
        String p = "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"}";
        List<Bad> bad = List.of(
                new Bad("{\"Statement\":[{\"Effect\":\"Allow\"," + p + ",\"Action\":\"sts:AssumeRole\"},{\"Effect\":"
                        + "\"Allow\"," + p + ",\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":\"x\"}}]}",
                        "Statement[1].Condition.StringEquals", "must map condition keys to values"),
                new Bad("{\"Statement\":{\"Effect\":\"Allow\"," + p + "}}", "Statement", "no Action"),
                new Bad("{\"Statement\":{\"Effect\":\"Allow\"," + p + ",\"Action\":[]}}", "Statement.Action", "empty"),
                new Bad("{\"Statement\":{\"Effect\":\"Allow\"," + p + ",\"Action\":\"sts:AssumeRole\",\"Condition\":"
                        + "{\"Null\":{\"k\":null}}}}", "Statement.Condition.Null.k", "found null"),
                new Bad("{\"Statement\":{\"Effect\":\"Allow\"," + p + ",\"Action\":\"sts:AssumeRole\",\"Condition\":"
                        + "{\"StringEquals\":{\"k\":[]}}}}", "Statement.Condition.StringEquals.k", "empty"),
                new Bad("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{},\"Action\":\"sts:AssumeRole\"}}",
                        "Statement.Principal", "empty"),
                new Bad("{\"Statement\":{\"Effect\":\"Allow\"," + p + ",\"NotPrincipal\":\"*\",\"Action\":\"*\"}}",
                        "Statement", "both Principal and NotPrincipal"),
                new Bad("{\"Statement\":{\"Effect\":\"Allow\"," + p + ",\"Action\":\"*\",\"Resources\":\"*\"}}",
                        "Statement.Resources", "unknown statement field"),
                new Bad("{\"Version\":\"2012-10-17\"}", "Statement", "no Statement"),
                new Bad("{\"Statement\":\"Allow\"}", "Statement", "object or an array"),
                new Bad("{\"Version\":20121017,\"Statement\":[]}", "Version", "must be a string"),
                new Bad("{\"Statement\":[],\"Policy\":1}", "Policy", "unknown top-level field"),
                new Bad("{\"Statement\":{\"Principal\":\"*\",\"Action\":\"*\"}}", "Statement", "no Effect"),
                new Bad("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"\"]},\"Action\":\"*\"}}",
                        "Statement.Principal.AWS[0]", "empty string"),
                new Bad("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[1]},\"Action\":\"*\"}}",
                        "Statement.Principal.AWS[0]", "expected a string, found a number"));
        for (Bad b : bad) {
            PolicyParseException e = catchThrowableOfType(PolicyParseException.class, () -> TrustPolicy.parse(b.json));
            assertThat(e).as(b.json).isNotNull();
            assertThat(e.where()).as(b.json).isEqualTo(b.where);
            assertThat(e.getMessage()).as(b.json).contains(b.message).startsWith(b.where + ": ");
        }
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(10_000);
        assertThatThrownBy(() -> TrustPolicy.parse(deep)).isInstanceOf(PolicyParseException.class)
                .hasMessageContaining("nests deeper");
    }
}
