package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;

class IamApiTest {

    /** A trust policy with a space, a plus, a slash and a non-ASCII character: every encoding pitfall. */
    static final String IRSA_TRUST = """
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Sid": "irsa + pod identity ü",
                "Effect": "Allow",
                "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {"StringEquals": {"oidc.eks.us-west-2.amazonaws.com/id/ABC:sub": "system:serviceaccount:payments:api"}}
              }]
            }""";

    private final EmulatorFixture f = new EmulatorFixture();
    private final IamClient iam = f.iam();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private static String decode(String encoded) {
        // RFC 3986 decoding: a literal '+' would be data, so protect it from form decoding
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Test
    void getRoleReturnsTheTrustPolicyRfc3986Encoded() {
        iam.createRole(r -> r.roleName("payments-api").path("/teams/payments/").assumeRolePolicyDocument(IRSA_TRUST)
                .description("payments API"));
        Role role = iam.getRole(r -> r.roleName("payments-api")).role();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/teams/payments/payments-api");
        assertThat(role.path()).isEqualTo("/teams/payments/");
        assertThat(role.roleId()).matches("AROA[A-Z0-9]{17}");
        assertThat(role.description()).isEqualTo("payments API");
        assertThat(role.maxSessionDuration()).isEqualTo(3600);
        String raw = role.assumeRolePolicyDocument();
        assertThat(raw).matches("[A-Za-z0-9._~%-]+").startsWith("%7B").contains("%2B").contains("%20").doesNotContain("+");
        assertThat(raw).contains("%C3%BC");
        assertThat(decode(raw)).isEqualTo(IRSA_TRUST);
        // names are case-insensitive in IAM
        assertThat(iam.getRole(r -> r.roleName("PAYMENTS-API")).role().roleName()).isEqualTo("payments-api");
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("ghost"))).isInstanceOfSatisfying(NoSuchEntityException.class,
                e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void listRolesPaginatesAndFiltersByPath() {
        for (int i = 0; i < 45; i++) {
            f.world.createRole(ACCOUNT, i % 3 == 0 ? "/teams/" : "/", "role-" + i, EmulatorFixture.POD_IDENTITY_TRUST, null);
        }
        List<String> names = new ArrayList<>();
        iam.listRolesPaginator(r -> r.maxItems(4)).roles().forEach(role -> {
            names.add(role.roleName());
            assertThat(decode(role.assumeRolePolicyDocument())).isEqualTo(EmulatorFixture.POD_IDENTITY_TRUST);
        });
        assertThat(names).hasSize(45).doesNotHaveDuplicates();
        var firstPage = iam.listRoles(r -> r.maxItems(10));
        assertThat(firstPage.isTruncated()).isTrue();
        assertThat(firstPage.marker()).isNotBlank();
        assertThat(iam.listRoles(r -> r.pathPrefix("/teams/")).roles()).hasSize(15);
        assertThat(iam.listRoles(r -> r.maxItems(1000)).isTruncated()).isFalse();
        assertThatThrownBy(() -> iam.listRoles(r -> r.maxItems(0))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        // another account sees none of them
        assertThat(f.iam(EmulatorFixture.OTHER_KEY, true).listRoles().roles()).isEmpty();
    }

    @Test
    void createRoleValidatesLikeIam() {
        iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(EmulatorFixture.POD_IDENTITY_TRUST));
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("APP").assumeRolePolicyDocument(EmulatorFixture.POD_IDENTITY_TRUST)))
                .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("bad").assumeRolePolicyDocument("{\"Statement\":")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("bad").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                        + "\"Action\":\"s3:GetObject\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("STS");
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("bad").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Principal");
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("has space").assumeRolePolicyDocument(EmulatorFixture.POD_IDENTITY_TRUST)))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("x").path("no-slashes").assumeRolePolicyDocument(EmulatorFixture.POD_IDENTITY_TRUST)))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("x")))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThat(iam.listRoles().roles()).extracting(Role::roleName).containsExactly("app");
    }

    @Test
    void updateAssumeRolePolicyEnforcesTheRulesAndTheQuota() {
        iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(EmulatorFixture.POD_IDENTITY_TRUST));
        iam.updateAssumeRolePolicy(r -> r.roleName("app").policyDocument(IRSA_TRUST));
        assertThat(decode(iam.getRole(r -> r.roleName("app")).role().assumeRolePolicyDocument())).isEqualTo(IRSA_TRUST);

        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("app").policyDocument("not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("ghost").policyDocument(IRSA_TRUST)))
                .isInstanceOf(NoSuchEntityException.class);

        // white space does not count against the quota; characters do
        f.world.account(ACCOUNT).setTrustPolicyQuota(PolicyDocuments.nonWhitespaceLength(IRSA_TRUST));
        String roomy = IRSA_TRUST.replace("\n", "\n          ");
        iam.updateAssumeRolePolicy(r -> r.roleName("app").policyDocument(roomy));
        String tooLong = IRSA_TRUST.replace("\"Sid\": \"irsa", "\"Sid\": \"xirsa");
        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("app").policyDocument(tooLong)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("ACLSizePerRole");
                });
        assertThat(decode(iam.getRole(r -> r.roleName("app")).role().assumeRolePolicyDocument())).isEqualTo(roomy);

        f.world.createRole(ACCOUNT, "/aws-service-role/eks.amazonaws.com/", "AWSServiceRoleForAmazonEKS",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
                null);
        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("AWSServiceRoleForAmazonEKS").policyDocument(IRSA_TRUST)))
                .isInstanceOf(UnmodifiableEntityException.class);
    }

    @Test
    void managedPoliciesAttachListAndDetach() {
        iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(EmulatorFixture.POD_IDENTITY_TRUST));
        iam.attachRolePolicy(r -> r.roleName("app").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        iam.attachRolePolicy(r -> r.roleName("app").policyArn("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"));
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("app")).attachedPolicies())
                .extracting(AttachedPolicy::policyName)
                .containsExactlyInAnyOrder("AmazonS3ReadOnlyAccess", "AmazonEBSCSIDriverPolicy");
        assertThatThrownBy(() -> iam.attachRolePolicy(r -> r.roleName("app").policyArn("arn:aws:iam::aws:policy/NoSuchPolicyAnywhere")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.listAttachedRolePolicies(r -> r.roleName("ghost"))).isInstanceOf(NoSuchEntityException.class);
        iam.detachRolePolicy(r -> r.roleName("app").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("app")).attachedPolicies()).hasSize(1);
    }

    @Test
    void listPoliciesByScopeWithPagination() {
        String local = f.world.createPolicy(ACCOUNT, "/teams/", "payments-s3",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}", null);
        List<Policy> aws = new ArrayList<>();
        iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.AWS).maxItems(7)).policies().forEach(aws::add);
        assertThat(aws).hasSizeGreaterThanOrEqualTo(30).extracting(Policy::arn).doesNotHaveDuplicates()
                .contains("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
                        "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy", "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
                        "arn:aws:iam::aws:policy/AmazonSQSFullAccess", "arn:aws:iam::aws:policy/SecretsManagerReadWrite",
                        "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy")
                .doesNotContain(local);
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies()).extracting(Policy::arn).containsExactly(local);
        assertThat(iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.ALL)).policies().stream().count()).isEqualTo(aws.size() + 1);
        assertThat(iam.listPolicies(r -> r.pathPrefix("/service-role/")).policies())
                .allSatisfy(p -> assertThat(p.path()).isEqualTo("/service-role/"));
        iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(EmulatorFixture.POD_IDENTITY_TRUST));
        iam.attachRolePolicy(r -> r.roleName("app").policyArn(local));
        assertThat(iam.listPolicies(r -> r.onlyAttached(true)).policies()).singleElement()
                .satisfies(p -> assertThat(p.attachmentCount()).isEqualTo(1));
        assertThat(iam.getPolicy(r -> r.policyArn(local)).policy().policyName()).isEqualTo("payments-s3");
    }

    @Test
    void inlinePoliciesComeBackEncoded() {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-west-2:111122223333:a+b queue\"}]}";
        iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(EmulatorFixture.POD_IDENTITY_TRUST));
        iam.putRolePolicy(r -> r.roleName("app").policyName("send").policyDocument(doc));
        assertThat(iam.listRolePolicies(r -> r.roleName("app")).policyNames()).containsExactly("send");
        String raw = iam.getRolePolicy(r -> r.roleName("app").policyName("send")).policyDocument();
        assertThat(raw).contains("%2B").doesNotContain("+");
        assertThat(decode(raw)).isEqualTo(doc);
        assertThatThrownBy(() -> iam.getRolePolicy(r -> r.roleName("app").policyName("nope"))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("app").policyName("bad").policyDocument("{}")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("app"))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict"));
        iam.deleteRolePolicy(r -> r.roleName("app").policyName("send"));
        iam.deleteRole(r -> r.roleName("app"));
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("app"))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void oidcProvidersListAndDescribe() {
        String arn = f.world.addOidcProvider(ACCOUNT, EmulatorFixture.ISSUER, List.of("sts.amazonaws.com"),
                List.of("9e99a48a9960b14926bb7f3b02e22da2b0ab7280"));
        assertThat(arn).isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF");
        assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).singleElement()
                .satisfies(p -> assertThat(p.arn()).isEqualTo(arn));
        var p = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(p.url()).isEqualTo("oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF");
        assertThat(p.clientIDList()).containsExactly("sts.amazonaws.com");
        assertThat(p.thumbprintList()).hasSize(1);
        assertThatThrownBy(() -> iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn + "X")))
                .isInstanceOf(NoSuchEntityException.class);
        String created = iam.createOpenIDConnectProvider(r -> r.url("https://oidc.eks.eu-west-1.amazonaws.com/id/FF")
                .clientIDList("sts.amazonaws.com")).openIDConnectProviderArn();
        assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).hasSize(2);
        assertThat(created).endsWith(":oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/FF");
    }

    @Test
    void awsPrincipalsOfSandboxAccountsMustExist() {
        String source = f.podIdentityRole("source");
        String trusting = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"%s\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}";
        iam.createRole(r -> r.roleName("target").assumeRolePolicyDocument(String.format(trusting, source)));
        iam.createRole(r -> r.roleName("external").assumeRolePolicyDocument(String.format(trusting, "arn:aws:iam::999988887777:role/anything")));
        iam.createRole(r -> r.roleName("root").assumeRolePolicyDocument(String.format(trusting, "arn:aws:iam::" + ACCOUNT + ":root")));
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("ghostly").assumeRolePolicyDocument(
                String.format(trusting, "arn:aws:iam::" + ACCOUNT + ":role/ghost"))))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Invalid principal");
        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("target").policyDocument(
                String.format(trusting, "arn:aws:iam::" + EmulatorFixture.OTHER_ACCOUNT + ":role/ghost"))))
                .isInstanceOf(MalformedPolicyDocumentException.class);
    }
}
