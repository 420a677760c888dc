package io.eksid.ui.graph;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The legend under an exported SVG: a drawing read without the console needs its key. */
final class SvgLegend {

    static final double HEIGHT = 64;
    static final double WIDTH = 900;
    private static final double COLUMN = 150;

    private SvgLegend() {
    }

    static void write(GraphPalette pal, double left, double top, Writer out) throws IOException {
        out.write(String.format(Locale.ROOT, "<g id=\"legend\" font-size=\"11\" fill=\"%s\">%n",
                SvgExporter.hex(pal.text())));
        double x = left;
        double y = top + 18;
        for (EdgeStyle s : GraphLegend.EDGES) {
            String dash = switch (s) {
                case BROKEN, UNPROVABLE -> " stroke-dasharray=\"6 4\"";
                case BOTH -> " stroke-dasharray=\"10 3\"";
                default -> "";
            };
            out.write(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                    + " stroke-width=\"2.5\"%s/><text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x, y - 4, x + 22, y - 4,
                    SvgExporter.hex(pal.edge(s)), dash, x + 28, y, SvgExporter.escape(GraphLegend.edgeText(s))));
            x += COLUMN;
        }
        x = left;
        y += 24;
        for (NodeBadge b : NodeBadge.values()) {
            out.write(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x + 6, y - 4, SvgExporter.hex(pal.badge(b)), x + 16, y,
                    SvgExporter.escape(GraphLegend.badgeText(b))));
            x += COLUMN;
        }
        out.write(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\""
                + " stroke=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">missing / broken</text>%n", x, y - 9,
                SvgExporter.hex(pal.fill(NodeStyle.ROLE_MISSING)), SvgExporter.hex(pal.nodeStroke()), x + 20, y));
        out.write("</g>\n");
    }
}
