package io.eksid.ui.graph;

/**
 * Maps graph coordinates to screen pixels: screen = graph * scale + translate. Immutable; the canvas swaps it
 * on pan and zoom.
 */
public record Viewport(double scale, double tx, double ty, double width, double height) {

    public static final double MIN_SCALE = 0.02;
    public static final double MAX_SCALE = 4;

    public double sx(double gx) {
        return gx * scale + tx;
    }

    public double sy(double gy) {
        return gy * scale + ty;
    }

    public double gx(double sx) {
        return (sx - tx) / scale;
    }

    public double gy(double sy) {
        return (sy - ty) / scale;
    }

    public Viewport panBy(double dx, double dy) {
        return new Viewport(scale, tx + dx, ty + dy, width, height);
    }

    /** Zooms by {@code factor} keeping the graph point under (px, py) fixed on screen. */
    public Viewport zoomAt(double factor, double px, double py) {
        double s = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
        double gx = gx(px);
        double gy = gy(py);
        return new Viewport(s, px - gx * s, py - gy * s, width, height);
    }

    public Viewport resized(double w, double h) {
        return new Viewport(scale, tx, ty, w, h);
    }

    /**
     * The first view of a graph: readable labels from the top-left corner, as much of the width as fits without
     * going below a readable zoom. Fit (F) shows everything.
     */
    public static Viewport initial(LaidOutGraph g, double w, double h) {
        double top = GraphPainter.HEADER_BAND + 4;
        if (g.width() <= 0 || w <= 0) {
            return new Viewport(1, 10, top, w, h);
        }
        double s = Math.max(DEFAULT_MIN_SCALE, Math.min(1.0, (w - 20) / g.width()));
        return new Viewport(s, 10 - 20 * s, top - 16 * s, w, h);
    }

    /** The smallest first zoom: labels of {@link GraphPainter#LABEL_UNITS} stay at 11 px or more. */
    public static final double DEFAULT_MIN_SCALE = 11.0 / GraphPainter.LABEL_UNITS;

    /** The viewport that shows the whole graph with a margin. */
    public static Viewport fit(LaidOutGraph g, double w, double h) {
        if (g.width() <= 0 || g.height() <= 0 || w <= 0 || h <= 0) {
            return new Viewport(1, 0, 0, w, h);
        }
        double top = GraphPainter.HEADER_BAND + 4;
        double s = Math.max(MIN_SCALE, Math.min(1.2, Math.min((w - 20) / g.width(), (h - top - 10) / g.height())));
        return new Viewport(s, (w - g.width() * s) / 2, top, w, h);
    }
}
