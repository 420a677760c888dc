package io.eksid.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdgeBundlesTest {

    private static ViewNode sa(String name) {
        return new ViewNode("sa:data/" + name, GraphColumn.SERVICE_ACCOUNT, "data", name, "", NodeStyle.SERVICE_ACCOUNT,
                Set.of(), false, false);
    }

    private static LaidOutGraph graph(int serviceAccounts) {
        List<ViewNode> nodes = new ArrayList<>();
        List<ViewEdge> edges = new ArrayList<>();
        nodes.add(new ViewNode("ns:data", GraphColumn.NAMESPACE, "data", "data", "", NodeStyle.NAMESPACE, Set.of(),
                true, true));
        nodes.add(new ViewNode("role:etl", GraphColumn.ROLE, null, "acme-data-pipeline-etl", "", NodeStyle.ROLE,
                Set.of(), false, false));
        for (int i = 0; i < serviceAccounts; i++) {
            nodes.add(sa("sa" + i));
            edges.add(new ViewEdge("sa:data/sa" + i, "role:etl", EdgeStyle.IRSA, ""));
        }
        // the first one also has a shadowing association to the same role: two edges between the same nodes
        edges.add(new ViewEdge("sa:data/sa0", "role:etl", EdgeStyle.BOTH, ""));
        return new GroupedLayout().layout(new ViewGraph(nodes, edges));
    }

    @Test
    void parallelEdgesAreOffsetSoNeitherHidesTheOther() {
        LaidOutGraph g = graph(3);
        List<Double> offsets = new ArrayList<>();
        for (int j = 0; j < g.edgeCount(); j++) {
            if (g.edge(j).from().equals("sa:data/sa0")) {
                offsets.add(g.edgeOffset(j));
            } else {
                assertThat(g.edgeOffset(j)).as("a single edge stays centred").isZero();
            }
        }
        assertThat(offsets).hasSize(2).doesNotHaveDuplicates();
        assertThat(Math.abs(offsets.get(0) - offsets.get(1))).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aRoleManyServiceAccountsUseCarriesTheirCount() {
        LaidOutGraph many = graph(12);
        assertThat(many.bundleLabel(many.indexOf("role:etl")))
                .isEqualTo("12 service accounts \u2192 acme-data-pipeline-etl");
        LaidOutGraph few = graph(3);
        assertThat(few.bundleLabel(few.indexOf("role:etl"))).isNull();
    }
}
