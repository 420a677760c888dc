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
        assertThat(edge(g, "sa:pay/worker", "role:").style()).isEqualTo(EdgeStyle.POD_IDENTITY);
        ViewEdge broken = edge(g, "sa:search/indexer", "role:");
        assertThat(broken.style()).isEqualTo(EdgeStyle.BROKEN);
        assertThat(broken.tooltip()).isNotBlank();
        assertThat(g.nodes()).filteredOn(n -> n.id().equals("sa:pay/api")).singleElement()
                .satisfies(n -> assertThat(n.badges()).contains(NodeBadge.CONVERTIBLE));
        assertThat(g.nodes()).filteredOn(n -> n.id().equals("wl:pay/Deployment/worker")).singleElement()
                .satisfies(n -> assertThat(n.badges()).contains(NodeBadge.STALE));
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
        assertThat(g.nodes()).filteredOn(n -> n.style() == NodeStyle.POD).extracting(ViewNode::label)
                .containsExactlyInAnyOrder("api-0", "api-1");
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
