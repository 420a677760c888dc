package io.eksid.ui.graph;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import javafx.scene.paint.Color;

/** Writes the whole laid-out graph (not just the viewport) as a standalone SVG document. */
public final class SvgExporter {

    public void write(LaidOutGraph g, GraphPalette pal, Writer out) throws IOException {
        double width = Math.max(g.width(), SvgLegend.WIDTH);
        double height = g.height() + SvgLegend.HEIGHT;
        out.write(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
                        + " font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        out.write(String.format(Locale.ROOT, "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>%n",
                hex(pal.background())));
        for (LaidOutGraph.GroupBox b : g.groups()) {
            out.write(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8\" fill=\"%s\" stroke=\"%s\"/>%n",
                    b.x(), b.y(), b.w(), b.h(), hex(pal.groupFill()), hex(pal.groupStroke())));
        }
        for (int j = 0; j < g.edgeCount(); j++) {
            int a = g.edgeFrom(j);
            int b = g.edgeTo(j);
            double x1 = g.x(a) + g.w(a);
            double y1 = g.y(a) + g.h(a) / 2 + g.edgeOffset(j);
            double x2 = g.x(b);
            double y2 = g.y(b) + g.h(b) / 2 + g.edgeOffset(j);
            double mid = (x1 + x2) / 2;
            EdgeStyle s = g.edge(j).style();
            String dash = switch (s) {
                case BROKEN, UNPROVABLE -> " stroke-dasharray=\"6 4\"";
                case BOTH -> " stroke-dasharray=\"10 3\"";
                case TRUSTS -> " stroke-dasharray=\"2 3\"";
                default -> "";
            };
            out.write(String.format(Locale.ROOT,
                    "<path d=\"M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f\" fill=\"none\" stroke=\"%s\""
                            + " stroke-width=\"%s\"%s><title>%s</title></path>%n",
                    x1, y1, mid, y1, mid, y2, x2, y2, hex(pal.edge(s)), s.mapping() ? "1.8" : "1", dash,
                    escape(s.legend() + (g.edge(j).tooltip().isEmpty() ? "" : ": " + g.edge(j).tooltip()))));
        }
        for (int i = 0; i < g.nodeCount(); i++) {
            writeNode(g, i, pal, out);
            String bundle = g.bundleLabel(i);
            if (bundle != null) {
                out.write(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"11\""
                        + " font-weight=\"bold\">%s</text>%n", g.x(i), g.y(i) - 2, hex(pal.mutedText()),
                        escape(bundle)));
            }
        }
        SvgLegend.write(pal, 10, g.height(), out);
        out.write("</svg>\n");
    }

    private static void writeNode(LaidOutGraph g, int i, GraphPalette pal, Writer out) throws IOException {
        ViewNode v = g.node(i);
        String fill = hex(pal.fill(v.style()));
        if (v.column() == GraphColumn.MAPPING) {
            double x = g.x(i);
            double y = g.y(i);
            double w = g.w(i);
            double h = g.h(i);
            out.write(String.format(Locale.ROOT,
                    "<g><polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\" stroke=\"%s\">"
                            + "<title>%s</title></polygon></g>%n", x + w / 2, y, x + w, y + h / 2, x + w / 2, y + h, x,
                    y + h / 2, fill, hex(pal.nodeStroke()), escape(v.label())));
            return;
        }
        boolean header = v.style() == NodeStyle.NAMESPACE;
        String label = GraphPainter.clip(v.label(), (g.w(i) - 34) / 6.6);
        out.write(String.format(Locale.ROOT,
                "<g><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" stroke=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"%s>%s</text>",
                g.x(i), g.y(i), g.w(i), g.h(i), fill, hex(pal.nodeStroke()),
                g.x(i) + 8, g.y(i) + (v.detail().isEmpty() || v.style() == NodeStyle.POD || header ? g.h(i) / 2 + 4
                        : 14), hex(pal.text()), header ? " font-weight=\"bold\"" : "", escape(label)));
        if (!v.detail().isEmpty() && v.style() != NodeStyle.POD) {
            // a namespace's summary follows its name on the header line, as on screen
            double dx = header ? 16 + label.length() * 7.4 : 8;
            out.write(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"10\">%s</text>",
                    g.x(i) + dx, g.y(i) + (header ? g.h(i) / 2 + 4 : 28), hex(pal.mutedText()),
                    escape(GraphPainter.clip(v.detail(), (g.w(i) - dx - 26) / 5.7))));
        }
        double r = 5;
        double cx = g.x(i) + g.w(i) - r - 3;
        double cy = g.y(i) + r + 3;
        for (NodeBadge b : NodeBadge.values()) {
            if (v.badges().contains(b)) {
                out.write(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\" fill=\"%s\">"
                        + "<title>%s</title></circle>", cx, cy, r, hex(pal.badge(b)), GraphLegend.badgeText(b)));
                cx -= 2 * r + 2;
            }
        }
        out.write("</g>\n");
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
