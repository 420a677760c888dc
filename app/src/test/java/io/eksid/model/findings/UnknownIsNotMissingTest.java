package io.eksid.model.findings;

import static io.eksid.model.graph.GraphFixtures.ACCOUNT;
import static io.eksid.model.graph.GraphFixtures.T0;
import static io.eksid.model.graph.GraphFixtures.association;
import static io.eksid.model.graph.GraphFixtures.base;
import static io.eksid.model.graph.GraphFixtures.irsaSa;
import static io.eksid.model.graph.GraphFixtures.irsaTrust;
import static io.eksid.model.graph.GraphFixtures.podIdentityTrust;
import static io.eksid.model.graph.GraphFixtures.role;
import static io.eksid.model.graph.GraphFixtures.roleArn;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.Partition;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.UnreadSources;
import io.eksid.model.graph.AgentStatus;
import io.eksid.model.graph.EdgeStatus;
import io.eksid.model.graph.IdentityCounts;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A source that could not be read makes what depends on it unknown, with the reason: never "missing" or 0. */
class UnknownIsNotMissingTest {

    private static final String WORKER_ROLE = roleArn("pay-worker-pi");
    private static final String API_ROLE = roleArn("pay-api");
    private final FindingsAnalyzer analyzer = new FindingsAnalyzer(new TrustEvaluator(), new TrustInspector());

    private static UnreadSources unread(String source, String reason) {
        return UnreadSources.of(Map.of(source, reason));
    }

    private List<Finding> findings(ClusterSnapshot snapshot) {
        return analyzer.analyze(snapshot);
    }

    @Test
    void addOnsThatCouldNotBeReadLeaveTheAgentUnknownNotMissing() {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder(io.eksid.model.graph.GraphFixtures.CLUSTER)
                .namespace(io.eksid.model.NamespaceInfo.of("pay"))
                .serviceAccount(io.eksid.model.graph.GraphFixtures.sa("pay", "worker"))
                .role(role(WORKER_ROLE, podIdentityTrust()))
                .association(association("a-1", "pay", "worker", WORKER_ROLE, T0));
        ClusterSnapshot known = b.build();
        assertThat(AgentStatus.of(known).state()).isEqualTo(AgentStatus.State.MISSING);

        ClusterSnapshot unknown = b.unread(unread("aws/addons", "AccessDeniedException: eks:ListAddons")).build();
        AgentStatus agent = AgentStatus.of(unknown);
        assertThat(agent.state()).isEqualTo(AgentStatus.State.UNKNOWN);
        assertThat(agent.reason()).contains("aws/addons could not be read").contains("eks:ListAddons")
                .doesNotContain("not installed");
        assertThat(findings(unknown)).noneMatch(f -> f.is(FindingCode.POD_IDENTITY_AGENT_MISSING)
                || f.is(FindingCode.POD_IDENTITY_AGENT_UNHEALTHY));
        IdentityGraph graph = IdentityGraph.build(unknown, new TrustEvaluator());
        var sa = graph.serviceAccount(new ServiceAccountRef("pay", "worker")).orElseThrow();
        assertThat(graph.edges()).filteredOn(e -> e.reason().contains("aws/addons could not be read"))
                .isNotEmpty().allMatch(e -> e.status() == EdgeStatus.UNPROVABLE);
        assertThat(sa.exists()).isTrue();
    }

    @Test
    void aClusterThatCouldNotBeReadOrphansNoAssociation() {
        // AWS answers, Kubernetes does not: the association's service account is unknown, not absent.
        ClusterSnapshot snapshot = base().role(role(WORKER_ROLE, podIdentityTrust()))
                .association(association("a-7", "pay", "ghost", WORKER_ROLE, T0))
                .unread(unread("kube/connection", "connection refused")).build();
        assertThat(findings(snapshot)).noneMatch(f -> f.is(FindingCode.ASSOCIATION_ORPHANED));
        IdentityGraph graph = IdentityGraph.build(snapshot, new TrustEvaluator());
        assertThat(graph.edges()).anyMatch(e -> e.status() == EdgeStatus.UNPROVABLE
                && e.reason().contains("cannot tell whether service account pay/ghost exists")
                && e.reason().contains("kube/connection could not be read: connection refused"));
        assertThat(graph.edges()).noneMatch(e -> e.reason().contains("does not exist"));
    }

    @Test
    void anUnmatchedClusterIsNotAClusterWithoutIssuer() {
        ClusterInfo placeholder = new ClusterInfo("dead", null, "", Partition.AWS, "", null, null, null, false);
        ClusterSnapshot snapshot = ClusterSnapshot.builder(placeholder)
                .namespace(io.eksid.model.NamespaceInfo.of("pay"))
                .serviceAccount(irsaSa("pay", "api", API_ROLE))
                .unread(unread("aws/cluster", "There is no AWS profile named 'ghost'")).build();
        assertThat(findings(snapshot)).noneMatch(f -> f.is(FindingCode.OIDC_ISSUER_MISSING)
                || f.is(FindingCode.OIDC_PROVIDER_MISSING) || f.is(FindingCode.POD_IDENTITY_AGENT_MISSING));
        IdentityGraph graph = IdentityGraph.build(snapshot, new TrustEvaluator());
        var sa = graph.serviceAccount(new ServiceAccountRef("pay", "api")).orElseThrow();
        assertThat(sa.irsaCheck().status()).isEqualTo(EdgeStatus.UNPROVABLE);
        assertThat(sa.irsaCheck().reason()).contains("aws/cluster could not be read");
    }

    @Test
    void oidcProvidersThatCouldNotBeReadAreNotMissing() {
        ClusterSnapshot b = base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                .role(role(API_ROLE, irsaTrust("pay", "api")))
                .unread(unread("aws/oidc-providers", "Throttling")).build();
        // base() carries the provider; drop it to model "none listed because the list failed".
        ClusterSnapshot noProviders = new ClusterSnapshot(b.cluster(), b.namespaces(), b.serviceAccounts(), b.pods(),
                b.workloads(), b.associations(), b.addons(), b.roles(), b.unreadableRoles(), List.of(),
                b.trustPolicyQuota(), b.agentDaemonSetReady(), b.takenAt(), b.unread());
        assertThat(findings(noProviders)).noneMatch(f -> f.is(FindingCode.OIDC_PROVIDER_MISSING));
        assertThat(ACCOUNT).isNotEmpty();
    }

    @Test
    void countsFromUnreadSourcesAreUnknownWithTheReason() {
        UnreadSources u = unread("kube/connection", "connection refused");
        Map<String, String> unknown = IdentityCounts.unknown(u);
        assertThat(unknown.keySet()).contains("namespaces", "serviceAccounts", "pods", "irsaMappings", "roles",
                "stalePods").doesNotContain("associations");
        assertThat(unknown.get("pods")).isEqualTo("kube/connection could not be read: connection refused");
        assertThat(IdentityCounts.unknown(unread("aws/cluster", "no profile")).keySet())
                .containsExactly("associations", "roles", "stalePods");
        assertThat(IdentityCounts.unknown(UnreadSources.NONE)).isEmpty();
    }
}
