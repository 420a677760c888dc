package io.eksid.model.findings;

import static io.eksid.model.graph.GraphFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.NamedPolicy;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionFindingsTest {

    private static final String SHARED = roleArn("tenant-data");
    private static final String ADMIN = roleArn("crossplane");
    static final String ABAC = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",\
            "Resource":"arn:aws:s3:::tenants/${aws:PrincipalTag/kubernetes-namespace}/*"}]}""";
    static final String PLAIN_S3 = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::tenants/*"}]}""";
    static final String ADMIN_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    static final String PASS_ANY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Deploy","Effect":"Allow","Action":["ecs:RunTask","iam:Pass*"],"Resource":"*"}]}""";

    private final FindingsAnalyzer analyzer = new FindingsAnalyzer(new TrustEvaluator(), new TrustInspector());

    private static RolePermissions permissions(String role, String document) {
        return new RolePermissions(role, List.of(new NamedPolicy(PolicySource.MANAGED,
                "arn:aws:iam::" + ACCOUNT + ":policy/p", "v1", document)), null, Map.of());
    }

    private static PodIdentityAssociation association(String id, String ns, String sa, String role, boolean noTags,
                                                      String sessionPolicy) {
        return new PodIdentityAssociation("prod", ns, sa, role, null, id, Map.of(), T0, T0, null, noTags, null, null,
                sessionPolicy);
    }

    /** tenant-a and tenant-b share one Pod Identity role, one pod each. */
    private static ClusterSnapshot.Builder tenants(String document, boolean noTags) {
        ClusterSnapshot.Builder b = base().namespace(NamespaceInfo.of("tenant-a")).namespace(NamespaceInfo.of("tenant-b"))
                .role(role(SHARED, podIdentityTrust())).rolePermissions(permissions(SHARED, document));
        for (String ns : List.of("tenant-a", "tenant-b")) {
            b.serviceAccount(sa(ns, "api")).association(association("a-" + ns, ns, "api", SHARED, noTags, null))
                    .pod(pod(ns, "api-1", "api", PodCredentials.podIdentityVars(), T0.plusSeconds(5)));
        }
        return b;
    }

    private List<Finding> findings(ClusterSnapshot.Builder b, FindingCode code) {
        return analyzer.analyze(b.build()).stream().filter(f -> f.is(code)).toList();
    }

    @Test
    void aRoleSharedByNamespacesWithoutAbacIsFlaggedAndWithAbacIsNot() {
        List<Finding> plain = findings(tenants(PLAIN_S3, false), FindingCode.SHARED_ROLE_WITHOUT_ABAC);
        assertThat(plain).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo(SHARED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("2 namespaces").contains("tenant-a/api, tenant-b/api");
            assertThat(f.fix()).contains("${aws:PrincipalTag/kubernetes-namespace}");
        });
        assertThat(findings(tenants(ABAC, false), FindingCode.SHARED_ROLE_WITHOUT_ABAC)).isEmpty();
        // one namespace only: nothing to separate
        ClusterSnapshot.Builder single = base().role(role(SHARED, podIdentityTrust()))
                .rolePermissions(permissions(SHARED, PLAIN_S3)).serviceAccount(sa("pay", "api"))
                .association(association("a-1", "pay", "api", SHARED, false, null))
                .pod(pod("pay", "api-1", "api", PodCredentials.podIdentityVars(), T0.plusSeconds(5)));
        assertThat(findings(single, FindingCode.SHARED_ROLE_WITHOUT_ABAC)).isEmpty();
    }

    @Test
    void sessionTagsDisabledWhereThePolicyUsesThemCanNeverMatch() {
        List<Finding> found = findings(tenants(ABAC, true), FindingCode.SESSION_TAGS_DISABLED_ABAC);
        assertThat(found).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("aws:PrincipalTag/kubernetes-namespace").contains("can never match");
            assertThat(f.fix()).contains("--no-disable-session-tags");
        });
        assertThat(found).extracting(Finding::subject).allMatch(s -> s.startsWith("assoc:"));
        assertThat(findings(tenants(ABAC, false), FindingCode.SESSION_TAGS_DISABLED_ABAC)).isEmpty();
        assertThat(findings(tenants(PLAIN_S3, true), FindingCode.SESSION_TAGS_DISABLED_ABAC)).isEmpty();
        // a role tag with that key is what the policy then sees: not "never"
        ClusterSnapshot.Builder tagged = tenants(ABAC, true).rolePermissions(new RolePermissions(SHARED,
                permissions(SHARED, ABAC).identityPolicies(), null, Map.of("kubernetes-namespace", "shared")));
        assertThat(findings(tagged, FindingCode.SESSION_TAGS_DISABLED_ABAC)).isEmpty();
    }

    @Test
    void withASessionPolicyTheFixSaysToRemoveItFirst() {
        ClusterSnapshot.Builder b = base().role(role(SHARED, podIdentityTrust())).rolePermissions(permissions(SHARED, ABAC))
                .serviceAccount(sa("pay", "api"))
                .association(association("a-1", "pay", "api", SHARED, true, PLAIN_S3));
        assertThat(findings(b, FindingCode.SESSION_TAGS_DISABLED_ABAC)).singleElement()
                .satisfies(f -> assertThat(f.fix()).startsWith("Remove the association's session policy"));
    }

    @Test
    void everythingOnEverythingAndPassRoleOnAnyRoleUsedByPods() {
        ClusterSnapshot.Builder admin = base().serviceAccount(irsaSa("pay", "ops", ADMIN))
                .role(role(ADMIN, irsaTrust("pay", "ops"))).rolePermissions(permissions(ADMIN, ADMIN_POLICY))
                .pod(pod("pay", "ops-1", "ops", PodCredentials.irsaVars(ADMIN), T0));
        assertThat(findings(admin, FindingCode.ROLE_POLICY_ALLOWS_EVERYTHING)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.subject()).isEqualTo(ADMIN);
            assertThat(f.message()).contains("Statement[0]").contains("Used by pay/ops");
        });
        assertThat(findings(admin, FindingCode.ROLE_POLICY_PASSROLE_ANY)).as("reported once, as *:*").isEmpty();

        ClusterSnapshot.Builder pass = base().serviceAccount(irsaSa("pay", "ops", ADMIN))
                .role(role(ADMIN, irsaTrust("pay", "ops"))).rolePermissions(permissions(ADMIN, PASS_ANY))
                .pod(pod("pay", "ops-1", "ops", PodCredentials.irsaVars(ADMIN), T0));
        assertThat(findings(pass, FindingCode.ROLE_POLICY_PASSROLE_ANY)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("(Deploy)"));

        // the same role with no pod using it is not flagged
        ClusterSnapshot.Builder idle = base().serviceAccount(irsaSa("pay", "ops", ADMIN))
                .role(role(ADMIN, irsaTrust("pay", "ops"))).rolePermissions(permissions(ADMIN, ADMIN_POLICY));
        assertThat(findings(idle, FindingCode.ROLE_POLICY_ALLOWS_EVERYTHING)).isEmpty();
    }

    @Test
    void rolesWhosePermissionsWereNotReadGiveNoPermissionFindings() {
        ClusterSnapshot.Builder b = base().serviceAccount(irsaSa("pay", "ops", ADMIN))
                .role(role(ADMIN, irsaTrust("pay", "ops")))
                .pod(pod("pay", "ops-1", "ops", PodCredentials.irsaVars(ADMIN), T0));
        assertThat(analyzer.analyze(b.build())).noneMatch(f -> f.code().startsWith("ROLE_POLICY"));
    }
}
