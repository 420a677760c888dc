package io.eksid.ui.bench;

import io.eksid.ui.graph.GraphPainter;
import io.eksid.ui.graph.GraphPalette;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.Viewport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;

/**
 * Measures frame times of the console's painter and of the naive full redraw on the same views, in the same run,
 * interleaved so machine noise hits both alike. A frame is timed up to a 1x1 snapshot of the canvas, which forces
 * the software pipeline to actually render the queued commands.
 */
public final class RenderBenchmark {

    private final double width;
    private final double height;

    public RenderBenchmark(double width, double height) {
        this.width = width;
        this.height = height;
    }

    /** Results of one scenario: ours and the naive redraw over the same viewports. */
    public record Result(String name, int nodes, int edges, FrameStats ours, FrameStats naive) {
        public double speedup() {
            return naive.medianMs() / Math.max(0.001, ours.medianMs());
        }
    }

    /** A pan-and-zoom path starting at {@code start}: pans across, zooms in and out around the centre. */
    public List<Viewport> path(Viewport start, int frames) {
        List<Viewport> path = new ArrayList<>(frames);
        Viewport v = start;
        for (int i = 0; i < frames; i++) {
            int phase = (i / 20) % 4;
            v = switch (phase) {
                case 0 -> v.panBy(-25, -12);
                case 1 -> v.zoomAt(1.04, width / 2, height / 2);
                case 2 -> v.panBy(25, 12);
                default -> v.zoomAt(1 / 1.04, width / 2, height / 2);
            };
            path.add(v);
        }
        return path;
    }

    /** Runs on the FX thread (call from any other thread). */
    public Result run(String name, LaidOutGraph g, List<Viewport> path, GraphPalette pal) throws Exception {
        CompletableFuture<Result> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(runOnFx(name, g, path, pal));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.MINUTES);
    }

    private Result runOnFx(String name, LaidOutGraph g, List<Viewport> path, GraphPalette pal) {
        Canvas canvas = new Canvas(width, height);
        GraphicsContext gc = canvas.getGraphicsContext2D();
        GraphPainter ours = new GraphPainter();
        NaivePainter naive = new NaivePainter();
        WritableImage pixel = new WritableImage(1, 1);
        javafx.scene.SnapshotParameters params = new javafx.scene.SnapshotParameters();
        params.setViewport(new javafx.geometry.Rectangle2D(0, 0, 1, 1));
        // warm-up both
        for (int i = 0; i < Math.min(10, path.size()); i++) {
            ours.paint(gc, g, path.get(i), pal, GraphPainter.Marks.NONE);
            canvas.snapshot(params, pixel);
            naive.paint(gc, g, path.get(i), pal);
            canvas.snapshot(params, pixel);
        }
        double[] oursMs = new double[path.size()];
        double[] naiveMs = new double[path.size()];
        for (int i = 0; i < path.size(); i++) {
            Viewport vp = path.get(i);
            long t0 = System.nanoTime();
            ours.paint(gc, g, vp, pal, GraphPainter.Marks.NONE);
            canvas.snapshot(params, pixel);
            long t1 = System.nanoTime();
            naive.paint(gc, g, vp, pal);
            canvas.snapshot(params, pixel);
            long t2 = System.nanoTime();
            oursMs[i] = (t1 - t0) / 1e6;
            naiveMs[i] = (t2 - t1) / 1e6;
        }
        return new Result(name, g.nodeCount(), g.edgeCount(), FrameStats.of(oursMs), FrameStats.of(naiveMs));
    }
}
