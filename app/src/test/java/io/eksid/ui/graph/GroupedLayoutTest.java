package io.eksid.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupedLayoutTest {

    private static ViewNode ns(String name) {
        return new ViewNode("ns:" + name, GraphColumn.NAMESPACE, name, name, "", NodeStyle.NAMESPACE, Set.of(),
                true, true);
    }

    private static ViewNode wl(String ns, String name) {
        return new ViewNode("wl:" + ns + "/" + name, GraphColumn.WORKLOAD, ns, name, "3 pods", NodeStyle.WORKLOAD,
                Set.of(), true, false);
    }

    private static ViewNode sa(String ns, String name) {
        return new ViewNode("sa:" + ns + "/" + name, GraphColumn.SERVICE_ACCOUNT, ns, name, "", NodeStyle.SERVICE_ACCOUNT,
                Set.of(), false, false);
    }

    private static ViewNode role(String name) {
        return new ViewNode("role:" + name, GraphColumn.ROLE, null, name, "", NodeStyle.ROLE, Set.of(), false, false);
    }

    private static ViewGraph sample(int namespaces, String extraWorkloadIn) {
        List<ViewNode> nodes = new ArrayList<>();
        List<ViewEdge> edges = new ArrayList<>();
        for (int n = 0; n < namespaces; n++) {
            String name = "ns" + n;
            nodes.add(ns(name));
            for (int s = 0; s < 3; s++) {
                nodes.add(sa(name, "sa" + s));
                nodes.add(wl(name, "app" + s));
                edges.add(new ViewEdge("wl:" + name + "/app" + s, "sa:" + name + "/sa" + s, EdgeStyle.RUNS_AS, ""));
                edges.add(new ViewEdge("sa:" + name + "/sa" + s, "role:r" + (n % 4), EdgeStyle.IRSA, ""));
            }
            if (name.equals(extraWorkloadIn)) {
                nodes.add(wl(name, "extra"));
                edges.add(new ViewEdge("wl:" + name + "/extra", "sa:" + name + "/sa0", EdgeStyle.RUNS_AS, ""));
            }
        }
        for (int r = 0; r < 4; r++) {
            nodes.add(role("r" + r));
        }
        return new ViewGraph(nodes, edges);
    }

    @Test
    void nodesSitInTheirColumnsAndNeverOverlapWithinOne() {
        LaidOutGraph g = new GroupedLayout().layout(sample(6, null));
        for (int i = 0; i < g.nodeCount(); i++) {
            assertThat(g.x(i)).isGreaterThanOrEqualTo(GroupedLayout.columnX(g.node(i).column()));
            for (int k = i + 1; k < g.nodeCount(); k++) {
                if (g.node(i).column() == g.node(k).column()) {
                    boolean overlap = g.y(i) < g.y(k) + g.h(k) && g.y(k) < g.y(i) + g.h(i);
                    assertThat(overlap).as("%s overlaps %s", g.node(i).id(), g.node(k).id()).isFalse();
                }
            }
        }
        assertThat(g.groups()).hasSize(6);
        assertThat(g.edgeCount()).isEqualTo(36);
    }

    @Test
    void aWideViewportPutsNamespacesInBandsThatNeverOverlap() {
        LaidOutGraph tall = new GroupedLayout().layout(sample(12, null));
        LaidOutGraph wide = new GroupedLayout().layout(sample(12, null), 1.6);
        assertThat(tall.bands()).isEqualTo(1);
        assertThat(wide.bands()).isGreaterThan(1);
        assertThat(Math.abs(Math.log(wide.width() / wide.height() / 1.6)))
                .isLessThan(Math.abs(Math.log(tall.width() / tall.height() / 1.6)));
        for (int i = 0; i < wide.nodeCount(); i++) {
            for (int k = i + 1; k < wide.nodeCount(); k++) {
                boolean overlap = wide.x(i) < wide.x(k) + wide.w(k) && wide.x(k) < wide.x(i) + wide.w(i)
                        && wide.y(i) < wide.y(k) + wide.h(k) && wide.y(k) < wide.y(i) + wide.h(i);
                assertThat(overlap).as("%s overlaps %s", wide.node(i).id(), wide.node(k).id()).isFalse();
            }
        }
    }

    @Test
    void onlyChangedNamespacesAreLaidOutAgainAndUnchangedOnesKeepTheirPlace() {
        GroupedLayout layout = new GroupedLayout();
        LaidOutGraph first = layout.layout(sample(5, null));
        assertThat(layout.elkRuns()).isEqualTo(5);
        LaidOutGraph second = layout.layout(sample(5, "ns3"));
        assertThat(layout.elkRuns()).isEqualTo(6);
        String above = "sa:ns1/sa2";
        assertThat(second.y(second.indexOf(above))).isEqualTo(first.y(first.indexOf(above)));
    }

    @Test
    void aWarmUpLeavesTheCachedBlocksAndTheCountAsTheyWere() {
        GroupedLayout layout = new GroupedLayout();
        LaidOutGraph first = layout.layout(sample(5, null));
        layout.warmUp();
        assertThat(layout.elkRuns()).isEqualTo(5);
        LaidOutGraph again = layout.layout(sample(5, null));
        assertThat(layout.elkRuns()).as("every namespace still cached").isEqualTo(5);
        assertThat(again.nodeCount()).isEqualTo(first.nodeCount());
        assertThat(again.y(again.indexOf("sa:ns3/sa2"))).isEqualTo(first.y(first.indexOf("sa:ns3/sa2")));
    }

    @Test
    void aWarmUpBeforeTheFirstLayoutChangesNothingItLaysOut() {
        GroupedLayout warmed = new GroupedLayout();
        warmed.warmUp();
        assertThat(warmed.elkRuns()).isZero();
        LaidOutGraph a = warmed.layout(sample(3, null));
        LaidOutGraph b = new GroupedLayout().layout(sample(3, null));
        assertThat(warmed.elkRuns()).isEqualTo(3);
        for (int i = 0; i < a.nodeCount(); i++) {
            assertThat(a.node(i).id()).isEqualTo(b.node(i).id());
            assertThat(a.x(i)).isEqualTo(b.x(i));
            assertThat(a.y(i)).isEqualTo(b.y(i));
        }
    }

    @Test
    void rolesAreOrderedByWhatPointsAtThem() {
        LaidOutGraph g = new GroupedLayout().layout(sample(4, null));
        double r0 = g.y(g.indexOf("role:r0"));
        double r3 = g.y(g.indexOf("role:r3"));
        assertThat(r0).isLessThan(r3);
    }

    @Test
    void hitTestingFindsTheNodeUnderThePoint() {
        LaidOutGraph g = new GroupedLayout().layout(sample(3, null));
        int i = g.indexOf("sa:ns2/sa1");
        assertThat(g.spatial().hit(g.x(i) + 5, g.y(i) + 5)).isEqualTo(i);
        assertThat(g.spatial().hit(-50, -50)).isEqualTo(-1);
    }

    @Test
    void svgExportIsWellFormedAndEscapesNames() throws Exception {
        List<ViewNode> nodes = List.of(ns("a<b"), sa("a<b", "x&y"));
        LaidOutGraph g = new GroupedLayout().layout(new ViewGraph(nodes, List.of()));
        StringWriter out = new StringWriter();
        new SvgExporter().write(g, GraphPalette.light(), out);
        String svg = out.toString();
        assertThat(svg).contains("x&amp;y").doesNotContain("x&y<");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(svg)));
    }
}
