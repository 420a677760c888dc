package io.eksid.ui.graph;

import java.util.Set;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Paints the answer of a graph query (Who can…?) over a drawn frame: matching nodes get a thick outline, every
 * other node is dimmed. Drawn after the painter, so the painter itself knows nothing of queries.
 */
final class QueryOverlay {

    private static final Color MATCH = Color.web("#16a34a");

    void paint(GraphicsContext gc, LaidOutGraph g, Viewport vp, GraphPalette pal, Set<String> matching) {
        double s = vp.scale();
        double gx = vp.gx(0);
        double gy = vp.gy(0);
        double gw = vp.width() / s;
        double gh = vp.height() / s;
        Color dim = pal.background().deriveColor(0, 1, 1, 0.72);
        for (int i = 0; i < g.nodeCount(); i++) {
            if (g.x(i) > gx + gw || g.x(i) + g.w(i) < gx || g.y(i) > gy + gh || g.y(i) + g.h(i) < gy) {
                continue;
            }
            double x = vp.sx(g.x(i));
            double y = vp.sy(g.y(i));
            double w = g.w(i) * s;
            double h = g.h(i) * s;
            if (matching.contains(g.node(i).id())) {
                gc.setStroke(MATCH);
                gc.setLineWidth(3);
                gc.strokeRoundRect(x - 2, y - 2, w + 4, h + 4, 8 * s + 4, 8 * s + 4);
            } else {
                gc.setFill(dim);
                gc.fillRect(x - 1, y - 1, w + 2, h + 2);
            }
        }
    }
}
