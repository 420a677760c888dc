package io.eksid.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SvgExporterTest {

    @Test
    void theSvgCarriesStatusDotsNamespaceSummariesAndTheLegend() throws Exception {
        GraphPalette pal = GraphPalette.light();
        List<ViewNode> nodes = List.of(
                new ViewNode("ns:shop", GraphColumn.NAMESPACE, "shop", "shop", "3 workloads \u00B7 2 IRSA",
                        NodeStyle.NAMESPACE, Set.of(), true, true),
                new ViewNode("sa:shop/api", GraphColumn.SERVICE_ACCOUNT, "shop", "api", "IRSA \u2192 r",
                        NodeStyle.SERVICE_ACCOUNT, Set.of(NodeBadge.STALE, NodeBadge.CONVERTIBLE), false, false),
                new ViewNode("role:r", GraphColumn.ROLE, null, "r", "", NodeStyle.ROLE, Set.of(), false, false));
        LaidOutGraph g = new GroupedLayout().layout(new ViewGraph(nodes,
                List.of(new ViewEdge("sa:shop/api", "role:r", EdgeStyle.IRSA, ""))));
        StringWriter out = new StringWriter();
        new SvgExporter().write(g, pal, out);
        String svg = out.toString();
        assertThat(svg).contains("3 workloads \u00B7 2 IRSA");
        assertThat(svg).contains("fill=\"" + SvgExporter.hex(pal.badge(NodeBadge.STALE)) + "\"><title>stale credentials");
        assertThat(svg).contains("fill=\"" + SvgExporter.hex(pal.badge(NodeBadge.CONVERTIBLE)) + "\"><title>convertible");
        assertThat(svg).contains("<g id=\"legend\"").contains(">stale credentials</text>")
                .contains(">" + SvgExporter.escape(EdgeStyle.IRSA.legend()) + "</text>");
        assertThat(svg).contains("height=\"" + Math.round(g.height() + SvgLegend.HEIGHT) + "\"");
    }
}
