package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;

/** The IAM operations behind "what may this role's sessions do", over HTTP with the real SDK client. */
class IamPermissionsApiTest {

    /** A space, a plus, a slash and a policy variable: the URL-encoding pitfalls of a real ABAC policy. */
    static final String ABAC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"tenant + prefix\",\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::tenant-data/${aws:PrincipalTag/kubernetes-namespace}/*\"}]}";
    static final String BOUNDARY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"sqs:*\"],\"Resource\":\"*\"}]}";

    private final EmulatorFixture f = new EmulatorFixture();
    private final IamClient iam = f.iam();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void role(String name) {
        iam.createRole(r -> r.roleName(name).path("/teams/").assumeRolePolicyDocument(EmulatorFixture.POD_IDENTITY_TRUST));
    }

    @Test
    void managedPolicyVersionsAreReadWithTheirDocumentsEncoded() {
        Policy created = iam.createPolicy(b -> b.policyName("tenant-data-read").path("/abac/").policyDocument(ABAC)
                .description("per-namespace prefix")).policy();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/abac/tenant-data-read");
        assertThat(created.defaultVersionId()).isEqualTo("v1");
        assertThat(created.policyId()).startsWith("ANPA");
        PolicyVersion v1 = iam.getPolicyVersion(b -> b.policyArn(created.arn()).versionId("v1")).policyVersion();
        assertThat(v1.document()).matches("[A-Za-z0-9._~%-]+").contains("%2B").contains("%24%7B");
        assertThat(decode(v1.document())).isEqualTo(ABAC);
        assertThat(v1.isDefaultVersion()).isTrue();

        String v2Doc = ABAC.replace("s3:GetObject", "s3:PutObject");
        assertThat(iam.createPolicyVersion(b -> b.policyArn(created.arn()).policyDocument(v2Doc).setAsDefault(true))
                .policyVersion().versionId()).isEqualTo("v2");
        assertThat(iam.getPolicy(b -> b.policyArn(created.arn())).policy().defaultVersionId()).isEqualTo("v2");
        List<PolicyVersion> versions = iam.listPolicyVersions(b -> b.policyArn(created.arn())).versions();
        assertThat(versions).extracting(PolicyVersion::versionId).containsExactly("v2", "v1");
        assertThat(versions).extracting(PolicyVersion::isDefaultVersion).containsExactly(true, false);
        assertThat(versions).allSatisfy(v -> assertThat(v.document()).isNull());
        // paged one at a time
        List<String> paged = new ArrayList<>();
        iam.listPolicyVersionsPaginator(b -> b.policyArn(created.arn()).maxItems(1)).versions()
                .forEach(v -> paged.add(v.versionId()));
        assertThat(paged).containsExactly("v2", "v1");

        assertThatThrownBy(() -> iam.getPolicyVersion(b -> b.policyArn(created.arn()).versionId("v9")))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Policy " + created.arn() + " version v9 does not exist or is not attachable."));
        for (int i = 3; i <= 5; i++) {
            iam.createPolicyVersion(b -> b.policyArn(created.arn()).policyDocument(ABAC));
        }
        assertThatThrownBy(() -> iam.createPolicyVersion(b -> b.policyArn(created.arn()).policyDocument(ABAC)))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> iam.createPolicyVersion(b -> b.policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
                .policyDocument(ABAC))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> iam.createPolicy(b -> b.policyName("bad").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
    }

    @Test
    void boundaryAndTagsShowInGetRoleButNotInListRoles() {
        role("reader");
        String boundary = iam.createPolicy(b -> b.policyName("workload-boundary").policyDocument(BOUNDARY)).policy().arn();
        iam.putRolePermissionsBoundary(b -> b.roleName("reader").permissionsBoundary(boundary));
        iam.tagRole(b -> b.roleName("reader").tags(Tag.builder().key("team").value("payments").build(),
                Tag.builder().key("kubernetes-namespace").value("from-role").build()));
        Role role = iam.getRole(b -> b.roleName("reader")).role();
        assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
        assertThat(role.permissionsBoundary().permissionsBoundaryTypeAsString()).isEqualTo("Policy");
        assertThat(role.tags()).extracting(Tag::key, Tag::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("team", "payments"),
                org.assertj.core.groups.Tuple.tuple("kubernetes-namespace", "from-role"));
        Role listed = iam.listRoles().roles().get(0);
        assertThat(listed.permissionsBoundary()).isNull();
        assertThat(listed.hasTags()).isFalse();
        assertThat(iam.getPolicy(b -> b.policyArn(boundary)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);

        // a key differing only in case replaces the tag
        iam.tagRole(b -> b.roleName("reader").tags(Tag.builder().key("TEAM").value("checkout").build()));
        assertThat(iam.listRoleTags(b -> b.roleName("reader")).tags()).extracting(Tag::key)
                .containsExactly("kubernetes-namespace", "TEAM");
        iam.untagRole(b -> b.roleName("reader").tagKeys("team"));
        assertThat(iam.listRoleTags(b -> b.roleName("reader")).tags()).extracting(Tag::key)
                .containsExactly("kubernetes-namespace");

        assertThatThrownBy(() -> iam.putRolePermissionsBoundary(b -> b.roleName("reader")
                .permissionsBoundary("arn:aws:iam::" + ACCOUNT + ":policy/ghost")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.putRolePermissionsBoundary(b -> b.roleName("ghost").permissionsBoundary(boundary)))
                .isInstanceOf(NoSuchEntityException.class);
        iam.deleteRolePermissionsBoundary(b -> b.roleName("reader"));
        assertThat(iam.getRole(b -> b.roleName("reader")).role().permissionsBoundary()).isNull();
    }

    @Test
    void roleTagsPageAndAreLimitedToFifty() {
        role("tagged");
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            tags.put("k" + i, "v" + i);
        }
        f.world.tagRole("arn:aws:iam::" + ACCOUNT + ":role/teams/tagged", tags);
        List<String> keys = new ArrayList<>();
        iam.listRoleTagsPaginator(b -> b.roleName("tagged").maxItems(7)).tags().forEach(t -> keys.add(t.key()));
        assertThat(keys).containsExactlyElementsOf(tags.keySet());
        assertThatThrownBy(() -> iam.tagRole(b -> b.roleName("tagged").tags(Tag.builder().key("one-more").value("x").build())))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for TagsPerRole: 50"));
        assertThatThrownBy(() -> iam.tagRole(b -> b.roleName("tagged").tags(Tag.builder().key("bad#key").value("x").build())))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void accountAuthorizationDetailsListRolesWithEveryPolicyAndOnlyUsedAwsPolicies() {
        for (int i = 0; i < 7; i++) {
            role("app-" + i);
        }
        String local = iam.createPolicy(b -> b.policyName("tenant-data-read").policyDocument(ABAC)).policy().arn();
        iam.attachRolePolicy(b -> b.roleName("app-0").policyArn(local));
        iam.attachRolePolicy(b -> b.roleName("app-0").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        iam.putRolePolicy(b -> b.roleName("app-1").policyName("inline+one").policyDocument(BOUNDARY));
        iam.putRolePermissionsBoundary(b -> b.roleName("app-1").permissionsBoundary("arn:aws:iam::aws:policy/PowerUserAccess"));
        iam.tagRole(b -> b.roleName("app-1").tags(Tag.builder().key("team").value("a").build()));

        List<RoleDetail> roles = new ArrayList<>();
        List<ManagedPolicyDetail> policies = new ArrayList<>();
        int pages = 0;
        for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(b -> b
                .filter(EntityType.ROLE, EntityType.LOCAL_MANAGED_POLICY, EntityType.AWS_MANAGED_POLICY).maxItems(3))) {
            pages++;
            roles.addAll(page.roleDetailList());
            policies.addAll(page.policies());
        }
        assertThat(pages).isEqualTo(4); // 7 roles + 3 policies, 3 a page
        assertThat(roles).extracting(RoleDetail::roleName).containsExactly("app-0", "app-1", "app-2", "app-3", "app-4",
                "app-5", "app-6");
        RoleDetail app0 = roles.get(0);
        assertThat(app0.attachedManagedPolicies()).extracting(a -> a.policyArn())
                .containsExactly(local, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        assertThat(decode(app0.assumeRolePolicyDocument())).isEqualTo(EmulatorFixture.POD_IDENTITY_TRUST);
        RoleDetail app1 = roles.get(1);
        assertThat(app1.rolePolicyList()).singleElement().satisfies(p -> {
            assertThat(p.policyName()).isEqualTo("inline+one");
            assertThat(decode(p.policyDocument())).isEqualTo(BOUNDARY);
        });
        assertThat(app1.permissionsBoundary().permissionsBoundaryArn()).isEqualTo("arn:aws:iam::aws:policy/PowerUserAccess");
        assertThat(app1.tags()).extracting(Tag::key).containsExactly("team");
        // AWS managed policies only where used (attached or as a boundary); customer managed ones all
        assertThat(policies).extracting(ManagedPolicyDetail::arn).containsExactlyInAnyOrder(local,
                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/PowerUserAccess");
        ManagedPolicyDetail localDetail = policies.stream().filter(p -> p.arn().equals(local)).findFirst().orElseThrow();
        assertThat(localDetail.policyVersionList()).singleElement().satisfies(v -> {
            assertThat(v.isDefaultVersion()).isTrue();
            assertThat(decode(v.document())).isEqualTo(ABAC);
        });

        // Filter=Role alone: no policies
        GetAccountAuthorizationDetailsResponse rolesOnly = iam.getAccountAuthorizationDetails(b -> b.filter(EntityType.ROLE));
        assertThat(rolesOnly.policies()).isEmpty();
        assertThat(rolesOnly.roleDetailList()).hasSize(7);
        assertThat(rolesOnly.isTruncated()).isFalse();
        assertThatThrownBy(() -> iam.getAccountAuthorizationDetails(b -> b.filterWithStrings("Robot")))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void aDeniedActionAnswersAccessDeniedLikeIam() {
        f.world.account(ACCOUNT).denyIamAction("GetAccountAuthorizationDetails");
        assertThatThrownBy(() -> iam.getAccountAuthorizationDetails(b -> b.filter(EntityType.ROLE)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("is not authorized to perform: "
                            + "iam:GetAccountAuthorizationDetails on resource: *");
                });
        role("still-readable");
        assertThat(iam.getRole(b -> b.roleName("still-readable")).role().roleName()).isEqualTo("still-readable");
    }
}
