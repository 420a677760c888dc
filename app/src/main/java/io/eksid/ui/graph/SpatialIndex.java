package io.eksid.ui.graph;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A uniform grid over node rectangles for culling and hit-testing: a frame visits only the cells the viewport
 * covers instead of every node. Cells hold node indices in one flat array (CSR layout).
 */
public final class SpatialIndex {

    private final double cell;
    private final int cols;
    private final int rows;
    private final int[] cellStart;
    private final int[] cellItems;
    private final double[] x;
    private final double[] y;
    private final double[] w;
    private final double[] h;
    private final int[] visitedStamp;
    private int stamp;

    SpatialIndex(double[] x, double[] y, double[] w, double[] h, double cell) {
        this.x = x;
        this.y = y;
        this.w = w;
        this.h = h;
        this.cell = cell;
        double maxX = 0;
        double maxY = 0;
        for (int i = 0; i < x.length; i++) {
            maxX = Math.max(maxX, x[i] + w[i]);
            maxY = Math.max(maxY, y[i] + h[i]);
        }
        this.cols = Math.max(1, (int) Math.ceil(maxX / cell) + 1);
        this.rows = Math.max(1, (int) Math.ceil(maxY / cell) + 1);
        int[] counts = new int[cols * rows + 1];
        for (int i = 0; i < x.length; i++) {
            forCells(i, c -> counts[c + 1]++);
        }
        for (int c = 0; c < cols * rows; c++) {
            counts[c + 1] += counts[c];
        }
        this.cellStart = counts;
        this.cellItems = new int[counts[cols * rows]];
        int[] fill = Arrays.copyOf(counts, counts.length);
        for (int i = 0; i < x.length; i++) {
            final int node = i;
            forCells(i, c -> cellItems[fill[c]++] = node);
        }
        this.visitedStamp = new int[x.length];
    }

    private void forCells(int i, IntConsumer action) {
        int c0 = clampCol(x[i]);
        int c1 = clampCol(x[i] + w[i]);
        int r0 = clampRow(y[i]);
        int r1 = clampRow(y[i] + h[i]);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                action.accept(r * cols + c);
            }
        }
    }

    private int clampCol(double v) {
        return Math.max(0, Math.min(cols - 1, (int) (v / cell)));
    }

    private int clampRow(double v) {
        return Math.max(0, Math.min(rows - 1, (int) (v / cell)));
    }

    /** Calls {@code action} once for every node intersecting the rectangle (graph coordinates). */
    public synchronized void query(double qx, double qy, double qw, double qh, IntConsumer action) {
        if (x.length == 0) {
            return;
        }
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(visitedStamp, 0);
            stamp = 1;
        }
        int c0 = clampCol(qx);
        int c1 = clampCol(qx + qw);
        int r0 = clampRow(qy);
        int r1 = clampRow(qy + qh);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cellIndex = r * cols + c;
                for (int k = cellStart[cellIndex]; k < cellStart[cellIndex + 1]; k++) {
                    int i = cellItems[k];
                    if (visitedStamp[i] == stamp) {
                        continue;
                    }
                    visitedStamp[i] = stamp;
                    if (x[i] < qx + qw && x[i] + w[i] > qx && y[i] < qy + qh && y[i] + h[i] > qy) {
                        action.accept(i);
                    }
                }
            }
        }
    }

    /** The topmost node under a point, or -1. */
    public int hit(double px, double py) {
        int[] found = {-1};
        query(px, py, 0.001, 0.001, i -> found[0] = Math.max(found[0], i));
        return found[0];
    }
}
