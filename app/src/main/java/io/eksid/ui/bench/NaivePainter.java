package io.eksid.ui.bench;

import io.eksid.ui.graph.GraphPalette;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.ViewNode;
import io.eksid.ui.graph.Viewport;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;

/**
 * The baseline the benchmark compares against: a full redraw of every node, edge and label through a scaled
 * transform, with no culling, no level of detail and one stroke per edge — what a first Canvas version does.
 */
public final class NaivePainter {

    private final Font font = Font.font(12);

    public void paint(GraphicsContext gc, LaidOutGraph g, Viewport vp, GraphPalette pal) {
        gc.save();
        gc.setFill(pal.background());
        gc.fillRect(0, 0, vp.width(), vp.height());
        gc.translate(vp.tx(), vp.ty());
        gc.scale(vp.scale(), vp.scale());
        for (int j = 0; j < g.edgeCount(); j++) {
            int a = g.edgeFrom(j);
            int b = g.edgeTo(j);
            double x1 = g.x(a) + g.w(a);
            double y1 = g.y(a) + g.h(a) / 2;
            double x2 = g.x(b);
            double y2 = g.y(b) + g.h(b) / 2;
            double mid = (x1 + x2) / 2;
            gc.setStroke(pal.edge(g.edge(j).style()));
            gc.beginPath();
            gc.moveTo(x1, y1);
            gc.bezierCurveTo(mid, y1, mid, y2, x2, y2);
            gc.stroke();
        }
        gc.setFont(font);
        gc.setTextBaseline(VPos.TOP);
        for (int i = 0; i < g.nodeCount(); i++) {
            ViewNode v = g.node(i);
            gc.setFill(pal.fill(v.style()));
            gc.fillRoundRect(g.x(i), g.y(i), g.w(i), g.h(i), 6, 6);
            gc.setStroke(pal.nodeStroke());
            gc.strokeRoundRect(g.x(i), g.y(i), g.w(i), g.h(i), 6, 6);
            gc.setFill(pal.text());
            gc.fillText(v.label(), g.x(i) + 8, g.y(i) + 4);
            if (!v.detail().isEmpty()) {
                gc.fillText(v.detail(), g.x(i) + 8, g.y(i) + 18);
            }
        }
        gc.restore();
    }
}
