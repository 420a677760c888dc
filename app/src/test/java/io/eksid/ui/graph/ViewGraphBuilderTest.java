package io.eksid.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.ui.UiFixtures;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewGraphBuilderTest {

    private final IdentityState state = UiFixtures.state();
    private final ViewGraphBuilder builder = new ViewGraphBuilder();
    private final Set<String> allOpen = Set.of("ns:pay", "ns:search");

    private static ViewEdge edge(ViewGraph g, String from, String toPrefix) {
        return g.edges().stream().filter(e -> e.from().equals(from) && e.to().startsWith(toPrefix)).findFirst()
                .orElseThrow();
    }

    @Test
    void mappingsBecomeDistinctEdgeStylesFromServiceAccountsToRoles() {
        ViewGraph g = builder.build(state.graph(), state.findings(), allOpen, ViewGraphBuilder.Filter.ALL);
        assertThat(edge(g, "sa:pay/api", "role:").style()).isEqualTo(EdgeStyle.IRSA);
        assertThat(edge(g, "assoc:a-1", "role:").style()).isEqualTo(EdgeStyle.POD_IDENTITY);
        ViewEdge broken = edge(g, "sa:search/indexer", "role:");
        assertThat(broken.style()).isEqualTo(EdgeStyle.BROKEN);
        assertThat(broken.tooltip()).isNotBlank();
        assertThat(g.nodes()).filteredOn(n -> n.id().equals("sa:pay/api")).singleElement()
                .satisfies(n -> assertThat(n.badges()).contains(NodeBadge.CONVERTIBLE));
        assertThat(g.nodes()).filteredOn(n -> n.id().equals("wl:pay/Deployment/worker")).singleElement()
                .satisfies(n -> assertThat(n.badges()).contains(NodeBadge.STALE));
    }

    @Test
    void anAssociationIsADiamondOnThePathFromItsServiceAccountToItsRole() {
        ViewGraph g = builder.build(state.graph(), state.findings(), allOpen, ViewGraphBuilder.Filter.ALL);
        ViewNode assoc = g.nodes().stream().filter(n -> n.id().equals("assoc:a-1")).findFirst().orElseThrow();
        assertThat(assoc.column()).isEqualTo(GraphColumn.MAPPING);
        assertThat(assoc.style()).isEqualTo(NodeStyle.ASSOCIATION);
        assertThat(edge(g, "sa:pay/worker", "assoc:").to()).isEqualTo("assoc:a-1");
        assertThat(edge(g, "assoc:a-1", "role:").style()).isEqualTo(EdgeStyle.POD_IDENTITY);
        assertThat(g.edges()).noneMatch(e -> e.from().equals("sa:pay/worker") && e.to().startsWith("role:"));
    }

    @Test
    void nothingIsBrokenOrPinkBeforeTheAwsSideWasRead() {
        ViewGraph g = builder.build(state.graph(), state.findings(), allOpen, ViewGraphBuilder.Filter.ALL, false);
        assertThat(g.nodes()).allSatisfy(n -> assertThat(n.badges()).doesNotContain(NodeBadge.PROBLEM,
                NodeBadge.CONVERTIBLE, NodeBadge.STALE));
        assertThat(g.nodes()).noneMatch(n -> n.style() == NodeStyle.ROLE_MISSING
                || n.style() == NodeStyle.OIDC_PROVIDER_MISSING);
        assertThat(g.edges()).filteredOn(e -> e.from().startsWith("sa:") && e.to().startsWith("role:"))
                .isNotEmpty().allSatisfy(e -> assertThat(e.style()).isEqualTo(EdgeStyle.UNPROVABLE));
        // and once it was read, the broken mapping is broken again
        ViewGraph read = builder.build(state.graph(), state.findings(), allOpen, ViewGraphBuilder.Filter.ALL, true);
        assertThat(edge(read, "sa:search/indexer", "role:").style()).isEqualTo(EdgeStyle.BROKEN);
    }

    @Test
    void aBrokenIrsaMappingSaysSoOnItsServiceAccount() {
        ViewGraph g = builder.build(state.graph(), state.findings(), allOpen, ViewGraphBuilder.Filter.ALL);
        assertThat(g.nodes()).filteredOn(n -> n.id().equals("sa:search/indexer")).singleElement()
                .satisfies(n -> {
                    assertThat(n.detail()).contains("IRSA").contains("broken");
                    assertThat(n.badges()).contains(NodeBadge.PROBLEM);
                });
        assertThat(g.nodes()).filteredOn(n -> n.id().equals("sa:pay/api")).singleElement()
                .satisfies(n -> assertThat(n.detail()).doesNotContain("broken"));
    }

    @Test
    void convertedWithCleanUpPendingReadsAsSuccess() {
        IdentityState converted = UiFixtures.convertedState();
        assertThat(converted.findings()).anyMatch(f -> f.subject().equals("sa:pay/worker"));
        ViewGraph g = builder.build(converted.graph(), converted.findings(), allOpen, ViewGraphBuilder.Filter.ALL);
        ViewNode worker = g.nodes().stream().filter(n -> n.id().equals("sa:pay/worker")).findFirst().orElseThrow();
        assertThat(worker.badges()).contains(NodeBadge.CLEAN_UP).doesNotContain(NodeBadge.PROBLEM);
        assertThat(g.edges()).filteredOn(e -> e.from().equals("sa:pay/worker") || e.from().equals("assoc:a-1"))
                .extracting(ViewEdge::style).containsOnly(EdgeStyle.POD_IDENTITY);
        ViewGraph collapsed = builder.build(converted.graph(), converted.findings(), Set.of("ns:search"),
                ViewGraphBuilder.Filter.ALL);
        assertThat(collapsed.edges()).filteredOn(e -> e.from().equals("ns:pay")).extracting(ViewEdge::style)
                .doesNotContain(EdgeStyle.BOTH);
    }

    @Test
    void expandedPodsAreToldApartByWhatFollowsTheWorkloadName() {
        ViewGraph g = builder.build(state.graph(), state.findings(), Set.of("ns:pay", "wl:pay/Deployment/api"),
                ViewGraphBuilder.Filter.ALL);
        assertThat(g.nodes()).filteredOn(n -> n.style() == NodeStyle.POD).extracting(ViewNode::label)
                .containsExactlyInAnyOrder("\u2026-0", "\u2026-1");
    }

    @Test
    void onlyProblemsKeepsServiceAccountsWhoseRoleHasAFinding() {
        java.util.List<io.eksid.model.findings.Finding> findings = new java.util.ArrayList<>(state.findings());
        findings.add(new io.eksid.model.findings.Finding("TRUST_POLICY_NEAR_QUOTA",
                io.eksid.model.findings.Severity.WARNING, "arn:aws:iam::111122223333:role/teams/pay/api",
                "near the quota", "merge statements"));
        ViewGraph problems = builder.build(state.graph(), findings, allOpen,
                new ViewGraphBuilder.Filter(Set.of(), true, false));
        assertThat(problems.nodes()).extracting(ViewNode::id).contains("sa:pay/api",
                "role:arn:aws:iam::111122223333:role/teams/pay/api");
    }

    @Test
    void collapsedNamespaceIsOneHeaderWithAggregatedEdges() {
        ViewGraph g = builder.build(state.graph(), state.findings(), Set.of("ns:search"), ViewGraphBuilder.Filter.ALL);
        assertThat(g.nodes()).noneMatch(n -> "pay".equals(n.group()) && n.column() != GraphColumn.NAMESPACE);
        assertThat(g.edges()).filteredOn(e -> e.from().equals("ns:pay")).extracting(ViewEdge::style)
                .containsExactlyInAnyOrder(EdgeStyle.IRSA, EdgeStyle.POD_IDENTITY);
    }

    @Test
    void expandedWorkloadShowsItsPods() {
        ViewGraph g = builder.build(state.graph(), state.findings(), Set.of("ns:pay", "wl:pay/Deployment/api"),
                ViewGraphBuilder.Filter.ALL);
        assertThat(g.nodes()).filteredOn(n -> n.style() == NodeStyle.POD).extracting(ViewNode::id)
                .containsExactlyInAnyOrder("pod:pay/api-0", "pod:pay/api-1");
    }

    @Test
    void filtersKeepOnlyWhatWasAskedFor() {
        ViewGraph irsa = builder.build(state.graph(), state.findings(), allOpen,
                new ViewGraphBuilder.Filter(Set.of(), false, true));
        assertThat(irsa.nodes()).filteredOn(n -> n.column() == GraphColumn.SERVICE_ACCOUNT).extracting(ViewNode::id)
                .containsExactlyInAnyOrder("sa:pay/api", "sa:search/indexer");
        ViewGraph problems = builder.build(state.graph(), state.findings(), allOpen,
                new ViewGraphBuilder.Filter(Set.of(), true, false));
        assertThat(problems.nodes()).filteredOn(n -> n.column() == GraphColumn.SERVICE_ACCOUNT).extracting(ViewNode::id)
                .contains("sa:search/indexer").doesNotContain("sa:pay/api");
        ViewGraph onlySearch = builder.build(state.graph(), state.findings(), allOpen,
                new ViewGraphBuilder.Filter(Set.of("search"), false, false));
        assertThat(onlySearch.nodes()).allMatch(n -> n.group() == null || n.group().equals("search"));
    }
}
