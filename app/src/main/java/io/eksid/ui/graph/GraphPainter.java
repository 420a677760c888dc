package io.eksid.ui.graph;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws a laid-out graph into a viewport-sized canvas. The levers that keep frames cheap with the software
 * pipeline: only nodes in the viewport are visited (spatial index), edges are stroked as one path per style,
 * text is drawn in screen space with a font pre-scaled to the zoom (a scaled transform makes glyph drawing
 * several times slower), and labels that would be unreadable are not drawn at all (level of detail).
 */
public final class GraphPainter {

    /** Below this on-screen font size labels are not drawn. */
    static final double MIN_LABEL_PX = 7;
    /** Label font size in graph units: at the default zoom (0.85 or more) it is at least 11 px on screen. */
    public static final double LABEL_UNITS = 13;
    /** Second line (counts, role path) in graph units. */
    static final double DETAIL_UNITS = 12;
    /** Height of the column-header band drawn along the top of the canvas, in screen pixels. */
    public static final double HEADER_BAND = 24;

    private final Map<Long, Font> fonts = new java.util.HashMap<>();
    private final String family;

    public GraphPainter() {
        this.family = Font.getDefault().getFamily();
    }

    /** Highlight and selection state of one frame. */
    public record Marks(int selected, int hovered, BitSet highlightedNodes, BitSet highlightedEdges,
                        BitSet flashing) {
        public static final Marks NONE = new Marks(-1, -1, new BitSet(), new BitSet(), new BitSet());
    }

    private Font font(double px, boolean bold) {
        long key = Math.round(px * 4) * 2 + (bold ? 1 : 0);
        return fonts.computeIfAbsent(key, k -> Font.font(family, bold ? FontWeight.BOLD : FontWeight.NORMAL, px));
    }

    public void paint(GraphicsContext gc, LaidOutGraph g, Viewport vp, GraphPalette pal, Marks marks) {
        gc.setFill(pal.background());
        gc.fillRect(0, 0, vp.width(), vp.height());
        double gx = vp.gx(0);
        double gy = vp.gy(0);
        double gw = vp.width() / vp.scale();
        double gh = vp.height() / vp.scale();
        double s = vp.scale();

        // Role -> OIDC provider edges first: where they cross another band, its blocks cover them.
        paintEdges(gc, g, vp, pal, marks, gx, gy, gw, gh, true);
        // Namespace blocks.
        gc.setLineWidth(1);
        for (LaidOutGraph.GroupBox b : g.groups()) {
            if (b.x() > gx + gw || b.x() + b.w() < gx || b.y() > gy + gh || b.y() + b.h() < gy) {
                continue;
            }
            gc.setFill(pal.groupFill());
            gc.fillRoundRect(vp.sx(b.x()), vp.sy(b.y()), b.w() * s, b.h() * s, 8 * s, 8 * s);
            gc.setStroke(pal.groupStroke());
            gc.strokeRoundRect(vp.sx(b.x()), vp.sy(b.y()), b.w() * s, b.h() * s, 8 * s, 8 * s);
        }

        paintEdges(gc, g, vp, pal, marks, gx, gy, gw, gh, false);

        // Nodes: collect visible indices once, then draw by pass (fill, stroke, text) to limit state changes.
        int[] visible = new int[Math.min(g.nodeCount(), 1 << 16)];
        int[] count = {0};
        int[][] buf = {visible};
        g.spatial().query(gx, gy, gw, gh, i -> {
            if (count[0] == buf[0].length) {
                buf[0] = java.util.Arrays.copyOf(buf[0], buf[0].length * 2);
            }
            buf[0][count[0]++] = i;
        });
        visible = buf[0];
        int n = count[0];
        boolean detailed = s * LABEL_UNITS >= MIN_LABEL_PX;
        double arc = detailed ? 6 * s : 0;
        EnumMap<NodeStyle, Color> fills = new EnumMap<>(NodeStyle.class);
        for (NodeStyle st : NodeStyle.values()) {
            fills.put(st, pal.fill(st));
        }
        for (int k = 0; k < n; k++) {
            int i = visible[k];
            ViewNode v = g.node(i);
            double x = vp.sx(g.x(i));
            double y = vp.sy(g.y(i));
            double w = g.w(i) * s;
            double h = g.h(i) * s;
            gc.setFill(marks.flashing().get(i) ? pal.flash() : fills.get(v.style()));
            if (v.column() == GraphColumn.MAPPING) {
                diamond(gc, x, y, w, h);
                gc.fill();
            } else if (detailed) {
                gc.fillRoundRect(x, y, w, h, arc, arc);
            } else {
                gc.fillRect(x, y, w, h);
            }
        }
        gc.setLineWidth(1);
        gc.setStroke(pal.nodeStroke());
        for (int k = 0; k < n; k++) {
            int i = visible[k];
            if (g.node(i).column() == GraphColumn.MAPPING) {
                diamond(gc, vp.sx(g.x(i)), vp.sy(g.y(i)), g.w(i) * s, g.h(i) * s);
                gc.stroke();
            } else if (detailed) {
                gc.strokeRoundRect(vp.sx(g.x(i)), vp.sy(g.y(i)), g.w(i) * s, g.h(i) * s, arc, arc);
            } else {
                // Without labels the outline is what tells a node from the namespace block behind it.
                gc.strokeRect(vp.sx(g.x(i)), vp.sy(g.y(i)), g.w(i) * s, g.h(i) * s);
            }
        }
        for (int k = 0; k < n; k++) {
            int i = visible[k];
            boolean sel = i == marks.selected();
            boolean hl = marks.highlightedNodes().get(i) || i == marks.hovered();
            if (sel || hl) {
                gc.setStroke(sel ? pal.selection() : pal.highlight());
                gc.setLineWidth(sel ? 3 : 2);
                gc.strokeRoundRect(vp.sx(g.x(i)) - 1, vp.sy(g.y(i)) - 1, g.w(i) * s + 2, g.h(i) * s + 2,
                        arc + 2, arc + 2);
            }
        }
        paintBadges(gc, g, vp, pal, visible, n);
        if (detailed) {
            paintLabels(gc, g, vp, pal, visible, n);
            paintBundleLabels(gc, g, vp, pal, visible, n);
        }
        paintColumnHeaders(gc, vp, pal, g.bands());
    }

    private static void diamond(GraphicsContext gc, double x, double y, double w, double h) {
        gc.beginPath();
        gc.moveTo(x + w / 2, y);
        gc.lineTo(x + w, y + h / 2);
        gc.lineTo(x + w / 2, y + h);
        gc.lineTo(x, y + h / 2);
        gc.closePath();
    }

    /** Column titles along the top, in screen space so they read at every zoom; skipped where they would collide. */
    private void paintColumnHeaders(GraphicsContext gc, Viewport vp, GraphPalette pal, int bands) {
        gc.setFill(pal.background().deriveColor(0, 1, 1, 0.92));
        gc.fillRect(0, 0, vp.width(), HEADER_BAND);
        gc.setStroke(pal.groupStroke());
        gc.setLineWidth(1);
        gc.strokeLine(0, HEADER_BAND - 0.5, vp.width(), HEADER_BAND - 0.5);
        gc.setFont(font(12, true));
        gc.setFill(pal.mutedText());
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        double lastRight = -1;
        for (int band = 0; band < bands; band++) {
            for (GraphColumn c : COLUMN_TITLES.keySet()) {
                boolean last = c == GraphColumn.TRUST_TARGET;
                if (last && band < bands - 1) {
                    continue; // one column of providers and target roles, after the last band
                }
                String title = COLUMN_TITLES.get(c);
                double x = vp.sx(GroupedLayout.columnX(c == GraphColumn.ROLE ? GraphColumn.MAPPING : c)
                        + band * GroupedLayout.BAND_STEP);
                double textW = title.length() * 7.2;
                if (x < lastRight + 8 || x > vp.width()) {
                    continue;
                }
                gc.fillText(title, Math.max(4, x), HEADER_BAND / 2);
                lastRight = Math.max(4, x) + textW;
            }
        }
    }

    static final Map<GraphColumn, String> COLUMN_TITLES = columnTitles();

    private static Map<GraphColumn, String> columnTitles() {
        Map<GraphColumn, String> m = new java.util.LinkedHashMap<>();
        m.put(GraphColumn.WORKLOAD, "WORKLOADS / PODS");
        m.put(GraphColumn.SERVICE_ACCOUNT, "SERVICE ACCOUNTS");
        m.put(GraphColumn.ROLE, "\u25C7 ASSOCIATION \u2192 IAM ROLES");
        m.put(GraphColumn.TRUST_TARGET, "TRUSTS / TARGET ROLES");
        return m;
    }

    private void paintEdges(GraphicsContext gc, LaidOutGraph g, Viewport vp, GraphPalette pal, Marks marks,
                            double gx, double gy, double gw, double gh, boolean trustsOnly) {
        double s = vp.scale();
        gc.setLineCap(StrokeLineCap.ROUND);
        for (EdgeStyle style : EdgeStyle.values()) {
            if ((style == EdgeStyle.TRUSTS) != trustsOnly) {
                continue;
            }
            boolean any = false;
            for (int j = 0; j < g.edgeCount(); j++) {
                if (g.edge(j).style() != style || marks.highlightedEdges().get(j)) {
                    continue;
                }
                int a = g.edgeFrom(j);
                int b = g.edgeTo(j);
                double x1 = g.x(a) + g.w(a);
                double y1 = g.y(a) + g.h(a) / 2 + g.edgeOffset(j);
                double x2 = g.x(b);
                double y2 = g.y(b) + g.h(b) / 2 + g.edgeOffset(j);
                if (Math.max(x1, x2) < gx || Math.min(x1, x2) > gx + gw
                        || Math.max(y1, y2) < gy || Math.min(y1, y2) > gy + gh) {
                    continue;
                }
                if (!any) {
                    gc.beginPath();
                    any = true;
                }
                appendCurve(gc, vp, x1, y1, x2, y2);
            }
            if (any) {
                stroke(gc, pal.edge(style), style, Math.max(0.6, Math.min(2.0, (style.mapping() ? 1.8 : 1.0) * s)),
                        s);
            }
        }
        if (trustsOnly) {
            gc.setLineDashes((double[]) null);
            return;
        }
        // Highlighted path on top, thicker.
        for (int j = marks.highlightedEdges().nextSetBit(0); j >= 0; j = marks.highlightedEdges().nextSetBit(j + 1)) {
            if (j >= g.edgeCount()) {
                break;
            }
            int a = g.edgeFrom(j);
            int b = g.edgeTo(j);
            gc.beginPath();
            appendCurve(gc, vp, g.x(a) + g.w(a), g.y(a) + g.h(a) / 2 + g.edgeOffset(j), g.x(b),
                    g.y(b) + g.h(b) / 2 + g.edgeOffset(j));
            EdgeStyle style = g.edge(j).style();
            stroke(gc, style == EdgeStyle.RUNS_AS || style == EdgeStyle.TRUSTS ? pal.highlight() : pal.edge(style),
                    style, 3, s);
        }
        gc.setLineDashes((double[]) null);
    }

    private static void appendCurve(GraphicsContext gc, Viewport vp, double x1, double y1, double x2, double y2) {
        double mid = (x1 + x2) / 2;
        gc.moveTo(vp.sx(x1), vp.sy(y1));
        gc.bezierCurveTo(vp.sx(mid), vp.sy(y1), vp.sx(mid), vp.sy(y2), vp.sx(x2), vp.sy(y2));
    }

    private static void stroke(GraphicsContext gc, Color c, EdgeStyle style, double width, double s) {
        gc.setStroke(c);
        gc.setLineWidth(width);
        switch (style) {
            case BROKEN, UNPROVABLE -> gc.setLineDashes(6 * Math.max(s, 0.5), 4 * Math.max(s, 0.5));
            case BOTH -> gc.setLineDashes(10 * Math.max(s, 0.5), 3 * Math.max(s, 0.5));
            case TRUSTS -> gc.setLineDashes(2 * Math.max(s, 0.5), 3 * Math.max(s, 0.5));
            default -> gc.setLineDashes((double[]) null);
        }
        gc.stroke();
    }

    private static void paintBadges(GraphicsContext gc, LaidOutGraph g, Viewport vp, GraphPalette pal,
                                    int[] visible, int n) {
        double s = vp.scale();
        double r = Math.max(2, 5 * s);
        for (int k = 0; k < n; k++) {
            int i = visible[k];
            ViewNode v = g.node(i);
            if (v.badges().isEmpty()) {
                continue;
            }
            double cx = vp.sx(g.x(i) + g.w(i)) - r - 3 * s;
            double cy = vp.sy(g.y(i)) + r + 3 * s;
            for (NodeBadge b : NodeBadge.values()) {
                if (v.badges().contains(b)) {
                    gc.setFill(pal.badge(b));
                    gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
                    cx -= 2 * r + 2 * s;
                }
            }
        }
    }

    private void paintLabels(GraphicsContext gc, LaidOutGraph g, Viewport vp, GraphPalette pal, int[] visible,
                             int n) {
        double s = vp.scale();
        double px = LABEL_UNITS * s;
        double small = DETAIL_UNITS * s;
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.LEFT);
        Font main = font(px, false);
        Font bold = font(px, true);
        Font detail = font(small, false);
        boolean showDetail = small >= MIN_LABEL_PX;
        for (int k = 0; k < n; k++) {
            int i = visible[k];
            ViewNode v = g.node(i);
            if (v.column() == GraphColumn.MAPPING) {
                continue; // the diamond's id is on hover and in the inspector
            }
            double x = vp.sx(g.x(i)) + 8 * s;
            double y = vp.sy(g.y(i));
            double maxChars = (g.w(i) - 16 - 12 * v.badges().size()) / (LABEL_UNITS * 0.56);
            boolean header = v.style() == NodeStyle.NAMESPACE;
            gc.setFont(header ? bold : main);
            gc.setFill(pal.text());
            String prefix = v.expandable() ? (v.expanded() ? "\u25BE " : "\u25B8 ") : "";
            double labelY = y + (v.detail().isEmpty() || !showDetail || v.style() == NodeStyle.POD
                    ? (g.h(i) * s - px) / 2 : 3 * s);
            String label = clip(prefix + v.label(), maxChars);
            gc.fillText(label, x, labelY);
            if (showDetail && !v.detail().isEmpty() && v.style() != NodeStyle.POD && !header) {
                gc.setFont(detail);
                gc.setFill(pal.mutedText());
                gc.fillText(clip(v.detail(), (g.w(i) - 16) / (DETAIL_UNITS * 0.55)), x, y + 17 * s);
            } else if (header && showDetail && !v.detail().isEmpty()) {
                gc.setFont(detail);
                gc.setFill(pal.mutedText());
                double offset = 16 + label.length() * LABEL_UNITS * 0.62;
                gc.fillText(clip(v.detail(), (g.w(i) - offset - 8) / (DETAIL_UNITS * 0.55)), x + offset * s,
                        labelY + 0.5 * s);
            }
        }
    }

    /** Above a role many service accounts point at: how many, so the bundle of edges reads as one thing. */
    private void paintBundleLabels(GraphicsContext gc, LaidOutGraph g, Viewport vp, GraphPalette pal, int[] visible,
                                   int n) {
        double s = vp.scale();
        gc.setFont(font(DETAIL_UNITS * s, true));
        gc.setFill(pal.mutedText());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BOTTOM);
        for (int k = 0; k < n; k++) {
            String label = g.bundleLabel(visible[k]);
            if (label != null) {
                int i = visible[k];
                gc.fillText(clip(label, (g.w(i) + 40) / (DETAIL_UNITS * 0.6)), vp.sx(g.x(i)), vp.sy(g.y(i)) - 1);
            }
        }
    }

    static String clip(String s, double maxChars) {
        int max = (int) Math.max(4, maxChars);
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
