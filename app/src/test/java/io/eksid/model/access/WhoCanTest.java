package io.eksid.model.access;

import static io.eksid.model.graph.GraphFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.NamedPolicy;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.PodCredentials;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.access.AccessDecision.Decision;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.Mechanism;
import io.eksid.model.trust.TrustEvaluator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WhoCanTest {

    private static final String SHARED = roleArn("tenant-data");
    private static final String READER = roleArn("reader");
    static final String ABAC = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Own","Effect":"Allow","Action":"s3:GetObject",\
            "Resource":"arn:aws:s3:::tenants/${aws:PrincipalTag/kubernetes-namespace}/*"},\
            {"Sid":"Write","Effect":"Allow","Action":"s3:PutObject",\
            "Resource":"arn:aws:s3:::tenants/${aws:PrincipalTag/kubernetes-namespace}/*",\
            "Condition":{"StringLike":{"aws:PrincipalTag/kubernetes-pod-name":"api-*"}}}]}""";
    static final String READ_ALL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}""";
    static final AccessRequest READ_A = new AccessRequest("s3:GetObject", "arn:aws:s3:::tenants/a/x", Map.of());
    static final AccessRequest WRITE_A = new AccessRequest("s3:PutObject", "arn:aws:s3:::tenants/a/x", Map.of());

    private final WhoCan whoCan = new WhoCan(new PermissionEvaluator());

    private static RolePermissions perms(String role, String doc) {
        return new RolePermissions(role, List.of(new NamedPolicy(PolicySource.MANAGED, "arn:aws:iam::" + ACCOUNT
                + ":policy/p", "v1", doc)), null, Map.of());
    }

    /** Namespaces a and b share one Pod Identity role; pay/reader is IRSA with a read-everything policy. */
    private static ClusterSnapshot.Builder world() {
        ClusterSnapshot.Builder b = base().namespace(NamespaceInfo.of("a")).namespace(NamespaceInfo.of("b"))
                .role(role(SHARED, podIdentityTrust())).rolePermissions(perms(SHARED, ABAC))
                .serviceAccount(irsaSa("pay", "reader", READER)).role(role(READER, irsaTrust("pay", "reader")))
                .rolePermissions(perms(READER, READ_ALL))
                .pod(pod("pay", "reader-1", "reader", PodCredentials.irsaVars(READER), T0))
                .serviceAccount(sa("pay", "idle"));
        for (String ns : List.of("a", "b")) {
            b.serviceAccount(sa(ns, "api")).association(association("as-" + ns, ns, "api", SHARED, T0))
                    .pod(pod(ns, "api-1", "api", PodCredentials.podIdentityVars(), T0.plusSeconds(5)));
        }
        b.pod(pod("a", "migrate-1", "api", PodCredentials.podIdentityVars(), T0.plusSeconds(5)));
        return b;
    }

    private WhoCan.Answer ask(ClusterSnapshot s, AccessRequest r) {
        return whoCan.ask(s, IdentityGraph.build(s, new TrustEvaluator()), r, Set.of());
    }

    private static WhoCan.Principal principal(WhoCan.Answer a, String ns, String name) {
        return a.principals().stream().filter(p -> p.serviceAccount().namespace().equals(ns)
                && p.serviceAccount().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theNamespaceTagDecidesBetweenTenantsOfOneRoleAndAllowedComeFirst() {
        WhoCan.Answer a = ask(world().build(), READ_A);
        assertThat(principal(a, "a", "api").decision().decision()).isEqualTo(Decision.ALLOWED);
        assertThat(principal(a, "a", "api").pods()).extracting(p -> p.decision().decision())
                .containsOnly(Decision.ALLOWED).hasSize(2);
        assertThat(principal(a, "b", "api").decision().decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(principal(a, "pay", "reader").decision().decision()).isEqualTo(Decision.ALLOWED);
        assertThat(principal(a, "pay", "reader").mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(a.principals()).extracting(p -> p.serviceAccount().toString())
                .as("an identity-less service account without pods is nobody's principal").doesNotContain("pay/idle");
        assertThat(a.principals().get(a.principals().size() - 1).serviceAccount().toString()).isEqualTo("b/api");
    }

    @Test
    void aConditionOnThePodNameIsUnknownForTheServiceAccountAndDecidedPerPod() {
        WhoCan.Principal p = principal(ask(world().build(), WRITE_A), "a", "api");
        assertThat(p.decision().decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(p.pods()).extracting(x -> x.name() + "=" + x.decision().decision())
                .containsExactly("api-1=ALLOWED", "migrate-1=IMPLICIT_DENY");
        assertThat(p.anyAllowed()).isTrue();
    }

    @Test
    void withoutSessionTagsTheAbacPolicyNeverMatches() {
        ClusterSnapshot.Builder b = base().namespace(NamespaceInfo.of("a")).role(role(SHARED, podIdentityTrust()))
                .rolePermissions(perms(SHARED, ABAC)).serviceAccount(sa("a", "api"))
                .association(new io.eksid.model.PodIdentityAssociation("prod", "a", "api", SHARED, null, "as-1",
                        Map.of(), T0, T0, null, true, null, null, null))
                .pod(pod("a", "api-1", "api", PodCredentials.podIdentityVars(), T0.plusSeconds(5)));
        WhoCan.Principal p = principal(ask(b.build(), READ_A), "a", "api");
        assertThat(p.decision().decision()).isNotEqualTo(Decision.ALLOWED);
        assertThat(p.pods()).allSatisfy(x -> assertThat(x.decision().allowed()).isFalse());
    }

    @Test
    void aBrokenMappingGetsNothingAndUnreadPermissionsAreUnknown() {
        ClusterSnapshot broken = base().serviceAccount(irsaSa("pay", "reader", READER))
                .role(role(READER, irsaTrust("pay", "someone-else"))).rolePermissions(perms(READER, READ_ALL))
                .pod(pod("pay", "reader-1", "reader", PodCredentials.irsaVars(READER), T0)).build();
        WhoCan.Principal p = principal(ask(broken, READ_A), "pay", "reader");
        assertThat(p.decision().decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(p.decision().reason()).contains("no credentials");
        assertThat(p.pods()).singleElement().satisfies(x -> assertThat(x.decision().allowed()).isFalse());

        ClusterSnapshot unread = base().serviceAccount(irsaSa("pay", "reader", READER))
                .role(role(READER, irsaTrust("pay", "reader"))).unreadablePermissions(READER, "AccessDenied")
                .pod(pod("pay", "reader-1", "reader", PodCredentials.irsaVars(READER), T0)).build();
        WhoCan.Principal u = principal(ask(unread, READ_A), "pay", "reader");
        assertThat(u.decision().decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(u.decision().reason()).contains("AccessDenied");
    }

    @Test
    void theSessionTagsOfAPodAreThoseEksSends() {
        ClusterSnapshot s = world().build();
        IdentityGraph g = IdentityGraph.build(s, new TrustEvaluator());
        var sa = g.serviceAccount(new io.eksid.model.ServiceAccountRef("a", "api")).orElseThrow();
        SessionIdentity session = WhoCan.session(s, sa, Mechanism.POD_IDENTITY, SHARED, "api-1", "uid-1").orElseThrow();
        assertThat(WhoCan.sessionTags(session)).containsEntry("kubernetes-namespace", "a")
                .containsEntry("kubernetes-service-account", "api").containsEntry("kubernetes-pod-name", "api-1")
                .containsEntry("kubernetes-pod-uid", "uid-1");
        var irsa = g.serviceAccount(new io.eksid.model.ServiceAccountRef("pay", "reader")).orElseThrow();
        assertThat(WhoCan.sessionTags(WhoCan.session(s, irsa, Mechanism.IRSA, READER, "r", "u").orElseThrow())).isEmpty();
    }
}
