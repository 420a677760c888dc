package io.eksid.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.ui.UiFixtures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The new-association field rules against the {@link UiFixtures} cluster: account 111122223333, partition aws. */
class AssociationFieldRulesTest {

    private static final String NOT_A_NAMESPACE = "Not a namespace name: lower-case letters, digits and '-', at most "
            + "63, starting and ending with a letter or digit";
    private static final String NOT_A_SERVICE_ACCOUNT =
            "Not a service account name: lower-case letters, digits, '-' and '.', at most 253";
    private static final String NOT_A_ROLE_ARN =
            "Not a role ARN: expected arn:<partition>:iam::<12-digit account>:role/<path/>name";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private final AssociationFieldRules rules = new AssociationFieldRules(UiFixtures.snapshot());

    // namespace

    @ParameterizedTest
    @ValueSource(strings = {"pay", "a", "0", "team-1", "1-a-2"})
    void validNamespacesPass(String ns) {
        assertThat(rules.namespace(ns)).isNull();
    }

    @Test
    void aNamespaceOf63CharactersPassesAnd64DoNot() {
        assertThat(rules.namespace("a".repeat(63))).isNull();
        assertThat(rules.namespace("a".repeat(64))).isEqualTo(NOT_A_NAMESPACE);
    }

    @Test
    void anEmptyNamespaceAsksForOne() {
        assertThat(rules.namespace(null)).isEqualTo("Enter the namespace");
        assertThat(rules.namespace("")).isEqualTo("Enter the namespace");
        assertThat(rules.namespace("  ")).isEqualTo("Enter the namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pay", "-pay", "pay-", "pay.team", "pay_team", "pay team", " pay", "päy"})
    void invalidNamespacesAreRefused(String ns) {
        assertThat(rules.namespace(ns)).isEqualTo(NOT_A_NAMESPACE);
    }

    @Property(tries = 300)
    void everyDnsLabelIsANamespace(@ForAll("dnsLabels") String ns) {
        assertThat(rules.namespace(ns)).isNull();
    }

    @Property(tries = 200)
    void everyNameOver63CharactersIsRefusedAsANamespace(@ForAll("longLabels") String ns) {
        assertThat(rules.namespace(ns)).isEqualTo(NOT_A_NAMESPACE);
    }

    @Property(tries = 200)
    void anUpperCaseLetterAnywhereIsRefused(@ForAll("dnsLabels") String ns, @ForAll("upper") char c) {
        String withUpper = ns.substring(0, ns.length() / 2) + c + ns.substring(ns.length() / 2);
        assertThat(rules.namespace(withUpper)).isEqualTo(NOT_A_NAMESPACE);
    }

    // service account

    @ParameterizedTest
    @ValueSource(strings = {"api", "new-sa", "a.b.c", "sa-1.team-2", "0"})
    void validServiceAccountNamesPass(String sa) {
        assertThat(rules.serviceAccount("pay", sa)).isNull();
    }

    @Test
    void aServiceAccountOf253CharactersPassesAnd254DoNot() {
        String l63 = "a".repeat(63);
        String n253 = l63 + "." + l63 + "." + l63 + "." + "b".repeat(61);
        assertThat(n253).hasSize(253);
        assertThat(rules.serviceAccount("pay", n253)).isNull();
        assertThat(rules.serviceAccount("pay", n253 + "c")).isEqualTo(NOT_A_SERVICE_ACCOUNT);
    }

    @Test
    void anEmptyServiceAccountAsksForOne() {
        assertThat(rules.serviceAccount("pay", null)).isEqualTo("Enter or pick the service account");
        assertThat(rules.serviceAccount("pay", " ")).isEqualTo("Enter or pick the service account");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Api", "-api", "api-", "api.", ".api", "a..b", "a.-b", "api_x", "api x"})
    void invalidServiceAccountNamesAreRefused(String sa) {
        assertThat(rules.serviceAccount("pay", sa)).isEqualTo(NOT_A_SERVICE_ACCOUNT);
    }

    @Test
    void aServiceAccountThatAlreadyHasAnAssociationIsRefusedNamingItsRole() {
        assertThat(rules.serviceAccount("pay", "worker")).isEqualTo("An association already exists for pay/worker "
                + "(role arn:aws:iam::111122223333:role/worker); namespace and service account cannot be updated: "
                + "change or delete that one");
        assertThat(rules.existing("pay", "worker")).hasValueSatisfying(a -> assertThat(a.associationId())
                .isEqualTo("a-1"));
        // same name in another namespace is free
        assertThat(rules.serviceAccount("search", "worker")).isNull();
        assertThat(rules.existing("search", "worker")).isEmpty();
    }

    @Property(tries = 300)
    void everyDnsSubdomainIsAServiceAccountName(@ForAll("dnsSubdomains") String sa) {
        assertThat(rules.serviceAccount("fresh", sa)).isNull();
    }

    @Property(tries = 100)
    void everyNameOver253CharactersIsRefusedAsAServiceAccount(@ForAll("longSubdomains") String sa) {
        assertThat(rules.serviceAccount("fresh", sa)).isEqualTo(NOT_A_SERVICE_ACCOUNT);
    }

    // role

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:iam::111122223333:role/worker", "arn:aws:iam::111122223333:role/teams/pay/api",
            "arn:aws:iam::111122223333:role/a/b/c/d/x+=,.@_-y", "  arn:aws:iam::111122223333:role/worker  ",
            "arn:aws:iam::111122223333:role/service-role/eks"})
    void rolesInTheClustersAccountPass(String arn) {
        assertThat(rules.role(arn)).isNull();
    }

    @Test
    void anEmptyRoleAsksForOne() {
        assertThat(rules.role(null)).isEqualTo("Pick the role the pods get");
        assertThat(rules.role("")).isEqualTo("Pick the role the pods get");
    }

    @ParameterizedTest
    @ValueSource(strings = {"worker", "arn:aws:iam::111122223333:user/worker", "arn:aws:iam::aws:role/worker",
            "arn:aws:iam:us-west-2:111122223333:role/worker", "arn:aws:iam::11112222333:role/worker",
            "arn:aws:iam::111122223333:role//worker", "arn:aws:iam::111122223333:role/", "arn:aws:s3:::bucket",
            "arn:aws-iso:iam::111122223333:role/worker", "arn:aws:iam::111122223333:role/bad*name",
            "arn:aws:iam::111122223333:policy/worker"})
    void malformedRoleArnsAreRefused(String arn) {
        assertThat(rules.role(arn)).isEqualTo(NOT_A_ROLE_ARN);
        assertThat(rules.targetRole(arn)).isEqualTo(NOT_A_ROLE_ARN);
    }

    @Test
    void aRoleInAnotherAccountIsSentToTargetRole() {
        assertThat(rules.role("arn:aws:iam::444455556666:role/far")).isEqualTo("The association's role must be in the "
                + "cluster's account 111122223333; to reach a role in account 444455556666 put it in Target role ARN");
    }

    @Test
    void theRoleRuleChecksTheAccountNotThePartition() {
        assertThat(rules.role("arn:aws-cn:iam::111122223333:role/worker")).isNull();
        assertThat(rules.role("arn:aws-us-gov:iam::111122223333:role/path/worker")).isNull();
    }

    // target role

    @Test
    void theTargetRoleIsOptionalAndMayBeInAnotherAccount() {
        assertThat(rules.targetRole(null)).isNull();
        assertThat(rules.targetRole(" ")).isNull();
        assertThat(rules.targetRole("arn:aws:iam::444455556666:role/far")).isNull();
        assertThat(rules.targetRole("arn:aws:iam::444455556666:role/teams/far")).isNull();
    }

    @Test
    void aTargetRoleInAnotherPartitionIsRefused() {
        assertThat(rules.targetRole("arn:aws-cn:iam::444455556666:role/far"))
                .isEqualTo("The target role is in partition aws-cn, the cluster in aws");
        assertThat(rules.targetRole("arn:aws-us-gov:iam::444455556666:role/gov/far"))
                .isEqualTo("The target role is in partition aws-us-gov, the cluster in aws");
    }

    // session policy

    @Test
    void noSessionPolicyIsFine() {
        assertThat(rules.sessionPolicy(null, false)).isNull();
        assertThat(rules.sessionPolicy("  ", false)).isNull();
    }

    @Test
    void aSessionPolicyWithSessionTagsDisabledPasses() {
        assertThat(rules.sessionPolicy(POLICY, true)).isNull();
    }

    @Test
    void aSessionPolicyNeedsSessionTagsDisabled() {
        assertThat(rules.sessionPolicy(POLICY, false))
                .isEqualTo("A session policy is only accepted with session tags disabled: tick Disable session tags");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"Statement\"", "42", "{}", "{\"Version\":\"2012-10-17\"}",
            "[{\"Statement\":[]}]"})
    void aSessionPolicyMustBeAnObjectWithAStatement(String policy) {
        assertThat(rules.sessionPolicy(policy, true)).isEqualTo("A session policy is a JSON object with a Statement");
    }

    @Test
    void malformedJsonIsReportedWithItsLineAndColumn() {
        assertThat(rules.sessionPolicy("{\"Statement\": [}", true)).startsWith("Malformed JSON at line 1, column ");
        String twoLines = "{\"Version\": \"2012-10-17\",\n  \"Statement\": [,]}";
        assertThat(rules.sessionPolicy(twoLines, true)).startsWith("Malformed JSON at line 2, column 17: Unexpected character (','");
        assertThat(rules.sessionPolicy("{\"Statement\": [}", false)).startsWith("Malformed JSON");
    }

    // generators

    @Provide
    Arbitrary<String> dnsLabels() {
        Arbitrary<Character> edge = Arbitraries.chars().range('a', 'z').range('0', '9');
        Arbitrary<String> middle = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
                .ofMinLength(0).ofMaxLength(61);
        return Arbitraries.oneOf(edge.map(String::valueOf),
                net.jqwik.api.Combinators.combine(edge, middle, edge).as((a, m, b) -> a + m + b));
    }

    @Provide
    Arbitrary<String> longLabels() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(64).ofMaxLength(300);
    }

    @Provide
    Arbitrary<Character> upper() {
        return Arbitraries.chars().range('A', 'Z');
    }

    @Provide
    Arbitrary<String> dnsSubdomains() {
        return dnsLabels().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l))
                .filter(s -> s.length() <= 253);
    }

    @Provide
    Arbitrary<String> longSubdomains() {
        // five or more labels of at least 50 characters: always over 253
        Arbitrary<Character> edge = Arbitraries.chars().range('a', 'z').range('0', '9');
        Arbitrary<String> middle = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
                .ofMinLength(48).ofMaxLength(61);
        Arbitrary<String> label = net.jqwik.api.Combinators.combine(edge, middle, edge).as((a, m, b) -> a + m + b);
        return label.list().ofMinSize(5).ofMaxSize(8).map(l -> String.join(".", l));
    }
}
