package io.eksid.ui.graph;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import io.eksid.ui.TaskRunner;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/** The Graph tab: the canvas, its own small toolbar (zoom, filters, export) and the legend. */
public final class GraphPane extends BorderPane {

    private final GraphCanvas canvas = new GraphCanvas();
    private final GraphLegend legend = new GraphLegend(GraphPalette.light());
    private final Label empty = new Label("Waiting for the cluster\u2026");
    private final ToggleButton onlyProblems = new ToggleButton("Only problems");
    private final ToggleButton onlyIrsa = new ToggleButton("Only IRSA");
    private final Label exportStatus = new Label();
    private final TaskRunner tasks;
    private Consumer<String> onError = msg -> { };
    private Consumer<String> onSaved = msg -> { };
    private final javafx.beans.property.ReadOnlyDoubleWrapper layoutAspect =
            new javafx.beans.property.ReadOnlyDoubleWrapper(0);

    /** @param tasks writes exported files off the FX thread */
    public GraphPane(TaskRunner tasks) {
        this.tasks = java.util.Objects.requireNonNull(tasks);
        setId("graph-pane");
        canvas.setId("graph-canvas");
        Button fit = iconButton(MaterialDesignF.FIT_TO_PAGE_OUTLINE, "Fit the whole graph (F)", canvas::fit);
        Button zoomIn = iconButton(MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in (+)", () -> canvas.zoom(1.25));
        Button zoomOut = iconButton(MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out (-)", () -> canvas.zoom(0.8));
        onlyProblems.setId("graph-only-problems");
        onlyIrsa.setId("graph-only-irsa");
        onlyProblems.setGraphic(new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        Button png = new Button("PNG", new FontIcon(MaterialDesignI.IMAGE_OUTLINE));
        png.setTooltip(new Tooltip("Export the whole graph as PNG"));
        png.setOnAction(e -> export("png"));
        Button svg = new Button("SVG", new FontIcon(MaterialDesignF.FILE_DOCUMENT_OUTLINE));
        svg.setTooltip(new Tooltip("Export the whole graph as SVG"));
        svg.setOnAction(e -> export("svg"));
        exportStatus.setId("graph-export-status");
        ToolBar bar = new ToolBar(fit, zoomIn, zoomOut, new Separator(), onlyProblems, onlyIrsa, new Separator(),
                png, svg, exportStatus);
        setTop(bar);
        empty.getStyleClass().add("state-connecting");
        empty.setId("graph-empty");
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        empty.setMouseTransparent(true);
        StackPane center = new StackPane(canvas, empty);
        // The canvas never draws outside its region: a wide message must not spill over the panes around it.
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(center.widthProperty());
        clip.heightProperty().bind(center.heightProperty());
        center.setClip(clip);
        center.setMinSize(0, 0);
        setCenter(center);
        setBottom(legend);
        canvas.paletteProperty().addListener((o, a, b) -> legend.update(b));
        canvas.widthProperty().addListener((o, a, b) -> aspectChanged());
        canvas.heightProperty().addListener((o, a, b) -> aspectChanged());
    }

    /** The canvas's width / height, changed only when it moves enough to be worth another layout. */
    public javafx.beans.property.ReadOnlyDoubleProperty layoutAspectProperty() {
        return layoutAspect.getReadOnlyProperty();
    }

    private void aspectChanged() {
        double w = canvas.getWidth();
        double h = canvas.getHeight() - GraphPainter.HEADER_BAND;
        if (w < 50 || h < 50) {
            return;
        }
        double now = w / h;
        double before = layoutAspect.get();
        if (before <= 0 || Math.abs(Math.log(now / before)) > 0.1) {
            layoutAspect.set(now);
        }
    }

    private static Button iconButton(org.kordamp.ikonli.Ikon icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    public GraphLegend legend() {
        return legend;
    }

    public void setGraph(LaidOutGraph g, String emptyMessage) {
        canvas.setGraph(g);
        empty.setText(emptyMessage);
        empty.setVisible(g.nodeCount() == 0);
    }

    /** The text shown while the canvas has nothing to draw. */
    public void setEmptyMessage(String message) {
        empty.setText(message);
    }

    public void bindFilters(BooleanProperty problems, BooleanProperty irsa) {
        onlyProblems.selectedProperty().bindBidirectional(problems);
        onlyIrsa.selectedProperty().bindBidirectional(irsa);
    }

    public void setOnError(Consumer<String> handler) {
        this.onError = handler;
    }

    /** Called with "Saved <path>" once an export is written (the activity log keeps it). */
    public void setOnSaved(Consumer<String> handler) {
        this.onSaved = handler;
    }

    /** Asks where to save and exports the whole graph ("png" or "svg"). */
    public void export(String format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export graph as " + format.toUpperCase(java.util.Locale.ROOT));
        chooser.setInitialFileName("identity-graph." + format);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.toUpperCase(java.util.Locale.ROOT),
                "*." + format));
        java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            exportTo(file.toPath(), format);
        }
    }

    /**
     * Writes the whole current graph to a file: a PNG is painted here (FX thread), encoding and writing run in the
     * background. The toolbar then says "Saved <path>", or why not (also given to the error handler).
     */
    public void exportTo(Path file, String format) {
        LaidOutGraph g = canvas.graph();
        GraphPalette pal = canvas.paletteProperty().get();
        javafx.scene.image.WritableImage image;
        try {
            image = format.equals("svg") ? null : new PngExporter().render(g, pal);
        } catch (RuntimeException e) {
            exportFailed(file, e);
            return;
        }
        exportStatus.setText("Saving " + file + "\u2026");
        tasks.run(() -> {
            if (image == null) {
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    new SvgExporter().write(g, pal, w);
                }
            } else {
                PngExporter.save(image, file);
            }
            return file;
        }, saved -> {
            exportStatus.setText("Saved " + saved);
            onSaved.accept("Saved " + saved);
        }, e -> exportFailed(file, e));
    }

    private void exportFailed(Path file, Throwable e) {
        String message = "Could not export the graph to " + file + ": " + e.getMessage();
        exportStatus.setText(message);
        onError.accept(message);
    }

    /** What the last export did: "Saved <path>", or why it failed. */
    public Label exportStatus() {
        return exportStatus;
    }
}
