package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.NamedPolicy;
import io.eksid.model.Partition;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.store.ClusterStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Role permissions read over HTTP from the sandbox IAM with the real SDK client: bulk, per role, cached. */
class RolePermissionsSourceTest {

    private static final ClusterInfo CLUSTER = new ClusterInfo(SandboxAws.CLUSTER, null, SandboxAws.ACCOUNT,
            Partition.AWS, SandboxAws.REGION, null, null, null, false);
    static final String ABAC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Own prefix\",\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::tenant-data/${aws:PrincipalTag/kubernetes-namespace}/*\"}]}";
    static final String BOUNDARY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    static final String INLINE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";

    @TempDir
    Path home;
    private SandboxAws sandbox;
    private AwsConnections connections;
    private ClusterStore store;
    private final Set<String> referenced = new CopyOnWriteArraySet<>();

    @BeforeEach
    void start() {
        sandbox = new SandboxAws(home);
        connections = sandbox.connections();
        store = new ClusterStore("ctx", Clock.systemUTC());
        store.setCluster(CLUSTER);
    }

    @AfterEach
    void stop() {
        connections.close();
        sandbox.close();
    }

    private RolePermissionsSource source() {
        AccountProfiles others = new AccountProfiles(connections,
                new SsoSessions(new SsoTokenCache(sandbox.environment().ssoCacheDirectory()), Clock.systemUTC()),
                SandboxAws.REGION);
        return new RolePermissionsSource(connections.clients("sandbox", null).iam(), store, () -> Set.copyOf(referenced),
                others, Clock.systemUTC(), Duration.ZERO);
    }

    private ClusterSnapshot snapshot() {
        return store.snapshot(CLUSTER);
    }

    /** A tenant role: a customer-managed ABAC policy, an AWS managed one, an inline one, a boundary and tags. */
    private String tenantRole() {
        String role = sandbox.podIdentityRole("/tenants/", "tenant-data");
        String abac = sandbox.world.createPolicy(SandboxAws.ACCOUNT, "/abac/", "tenant-data-abac", ABAC, null);
        String boundary = sandbox.world.createPolicy(SandboxAws.ACCOUNT, "/", "workload-boundary", BOUNDARY, null);
        sandbox.world.attachRolePolicy(role, abac);
        sandbox.world.attachRolePolicy(role, "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess");
        sandbox.world.putRolePolicy(role, "send+queue", INLINE);
        sandbox.world.putRolePermissionsBoundary(role, boundary);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "tenancy");
        tags.put("kubernetes-namespace", "from-the-role");
        sandbox.world.tagRole(role, tags);
        referenced.add(role);
        return role;
    }

    private static void assertTenantPermissions(RolePermissions p) {
        assertThat(p.identityPolicies()).extracting(NamedPolicy::source, NamedPolicy::name, NamedPolicy::versionId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PolicySource.MANAGED,
                                "arn:aws:iam::111122223333:policy/abac/tenant-data-abac", "v1"),
                        org.assertj.core.groups.Tuple.tuple(PolicySource.MANAGED,
                                "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess", "v1"),
                        org.assertj.core.groups.Tuple.tuple(PolicySource.INLINE, "send+queue", null));
        assertThat(p.identityPolicies().get(0).document()).isEqualTo(ABAC);
        assertThat(p.identityPolicies().get(2).document()).isEqualTo(INLINE);
        assertThat(p.boundary().source()).isEqualTo(PolicySource.BOUNDARY);
        assertThat(p.boundary().name()).isEqualTo("arn:aws:iam::111122223333:policy/workload-boundary");
        assertThat(p.boundary().document()).isEqualTo(BOUNDARY);
        assertThat(p.roleTags()).containsEntry("team", "tenancy").containsEntry("kubernetes-namespace", "from-the-role");
    }

    @Test
    void oneBulkReadGivesEveryPolicyBoundaryAndTagDecoded() {
        String role = tenantRole();
        RolePermissionsSource source = source();
        assertThat(source.refresh()).isEmpty();
        assertTenantPermissions(snapshot().rolePermissions(role).orElseThrow());
        assertThat(source.bulkReads()).isEqualTo(1);
        assertThat(source.perRoleReads()).isZero();
    }

    @Test
    void whenTheBulkReadIsDeniedEachRoleIsReadOnItsOwnWithTheSameResult() {
        String role = tenantRole();
        sandbox.world.account(SandboxAws.ACCOUNT).denyIamAction("GetAccountAuthorizationDetails");
        RolePermissionsSource source = source();
        assertThat(source.refresh()).isEmpty();
        assertTenantPermissions(snapshot().rolePermissions(role).orElseThrow());
        assertThat(source.bulkReads()).isEqualTo(1);
        assertThat(source.perRoleReads()).isEqualTo(1);
        // the denial is remembered: the next polls go straight to the per-role reads
        source.refresh();
        assertThat(source.bulkReads()).isEqualTo(1);
        assertThat(source.perRoleReads()).isEqualTo(2);
    }

    @Test
    void whenEveryReadIsDeniedTheRoleIsUnknownAndTheSourceDegraded() {
        String role = tenantRole();
        sandbox.world.account(SandboxAws.ACCOUNT).denyIamAction("GetAccountAuthorizationDetails");
        sandbox.world.account(SandboxAws.ACCOUNT).denyIamAction("GetRole");
        String partial = source().refresh();
        assertThat(partial).contains("the permissions of 1 role(s) could not be read")
                .contains("GetAccountAuthorizationDetails and per-role policy reads are denied in account 111122223333");
        assertThat(snapshot().unreadablePermissions().get(role)).startsWith("AccessDenied reading its policies");
        assertThat(snapshot().rolePermissions(role)).isEmpty();
    }

    @Test
    void aNewDefaultVersionIsReadAndCachedByArnAndVersion() {
        String role = tenantRole();
        sandbox.world.account(SandboxAws.ACCOUNT).denyIamAction("GetAccountAuthorizationDetails");
        RolePermissionsSource source = source();
        source.refresh();
        int cached = source.cachedDocuments();
        source.refresh();
        assertThat(source.cachedDocuments()).as("same versions, nothing new to fetch").isEqualTo(cached);
        String v2 = ABAC.replace("s3:GetObject", "s3:PutObject");
        assertThat(sandbox.world.createPolicyVersion("arn:aws:iam::111122223333:policy/abac/tenant-data-abac", v2, true))
                .isEqualTo("v2");
        source.refresh();
        NamedPolicy abac = snapshot().rolePermissions(role).orElseThrow().identityPolicies().get(0);
        assertThat(abac.versionId()).isEqualTo("v2");
        assertThat(abac.document()).isEqualTo(v2);
        assertThat(source.cachedDocuments()).isEqualTo(cached + 1);
    }

    @Test
    void targetRolesInOtherAccountsMissingRolesAndRolesNoLongerUsed() {
        String target = sandbox.world.createRole(SandboxAws.OTHER_ACCOUNT, "/", "ledger-writer",
                SandboxAws.POD_IDENTITY_TRUST, null);
        sandbox.world.putRolePolicy(target, "ledger", INLINE);
        String missing = "arn:aws:iam::" + SandboxAws.ACCOUNT + ":role/was-deleted";
        String role = tenantRole();
        referenced.add(target);
        referenced.add(missing);
        RolePermissionsSource source = source();
        assertThat(source.refresh()).as("a role that does not exist is not a failed read").isEmpty();
        assertThat(snapshot().rolePermissions(target).orElseThrow().identityPolicies())
                .extracting(NamedPolicy::name).containsExactly("ledger");
        assertThat(snapshot().unreadablePermissions()).containsEntry(missing,
                "the role does not exist in account 111122223333");

        referenced.remove(role);
        source.refresh();
        assertThat(snapshot().rolePermissions(role)).isEmpty();
        assertThat(snapshot().rolePermissions(target)).isPresent();
    }

    @Test
    void withoutAProfileForTheAccountTheRoleIsUnreadableWithTheReason() {
        sandbox.writeProfiles(false);
        connections.close();
        connections = sandbox.connections();
        String target = sandbox.world.createRole(SandboxAws.OTHER_ACCOUNT, "/", "elsewhere", SandboxAws.POD_IDENTITY_TRUST, null);
        referenced.add(target);
        assertThat(source().refresh()).isEmpty();
        assertThat(snapshot().unreadablePermissions()).containsEntry(target,
                "in account 444455556666; no profile for that account");
    }
}
