package io.eksid.ui.graph;

import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Renders the whole graph into an off-screen canvas and writes a PNG. Large graphs are scaled down so the
 * image stays under {@link #MAX_SIDE} pixels a side. {@link #render} runs on the FX thread (canvas snapshot);
 * {@link #save} encodes and writes the file, off it.
 */
public final class PngExporter {

    static final double MAX_SIDE = 8000;

    private final GraphPainter painter = new GraphPainter();

    public void write(LaidOutGraph g, GraphPalette pal, Path file) throws IOException {
        save(render(g, pal), file);
    }

    /** Paints the whole graph into an image; FX thread only. */
    public WritableImage render(LaidOutGraph g, GraphPalette pal) {
        double scale = Math.min(2, Math.min(MAX_SIDE / Math.max(1, g.width()), MAX_SIDE / Math.max(1, g.height())));
        double w = Math.max(1, Math.ceil(g.width() * scale));
        double h = Math.max(1, Math.ceil(g.height() * scale));
        Canvas c = new Canvas(w, h);
        painter.paint(c.getGraphicsContext2D(), g, new Viewport(scale, 0, 0, w, h), pal, GraphPainter.Marks.NONE);
        return c.snapshot(null, null);
    }

    /** Encodes a rendered image as PNG into {@code file}; any thread. */
    public static void save(WritableImage img, Path file) throws IOException {
        if (!ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
