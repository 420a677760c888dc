package io.eksid.ui.graph;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * The identity graph on one viewport-sized canvas: pan (drag, Shift+arrows), zoom (wheel, +/-), fit (F),
 * keyboard navigation (arrows move the selection along columns and edges, Enter expands), hover highlights the
 * whole path, changed nodes flash. Redraws are coalesced into at most one per pulse.
 */
public final class GraphCanvas extends Region {

    private static final long FLASH_NANOS = 900_000_000L;

    private final Canvas canvas = new Canvas();
    private final GraphPainter painter = new GraphPainter();
    private final ObjectProperty<GraphPalette> palette = new SimpleObjectProperty<>(GraphPalette.light());
    private final ReadOnlyObjectWrapper<String> selectedId = new ReadOnlyObjectWrapper<>();
    private final Tooltip tooltip = new Tooltip();
    private LaidOutGraph graph = LaidOutGraph.EMPTY;
    private PathIndex paths = new PathIndex(LaidOutGraph.EMPTY);
    private Viewport viewport = new Viewport(1, 0, 0, 0, 0);
    private boolean fitted;
    private int hovered = -1;
    private final BitSet pathNodes = new BitSet();
    private final BitSet pathEdges = new BitSet();
    private final Map<String, Long> flashUntil = new HashMap<>();
    private boolean dirty = true;
    private double dragX;
    private double dragY;
    private boolean dragged;
    private Consumer<String> onToggle = id -> { };
    private Consumer<String> onActivate = id -> { };
    private Consumer<String> onInspect = id -> { };
    private long frames;
    private final QueryOverlay queryOverlay = new QueryOverlay();
    private java.util.Set<String> queryMatches;
    private boolean timerRunning;
    /**
     * Runs only while there is something to paint: a running timer keeps the toolkit pulsing at 60 Hz, and with
     * churn an always-on timer repainting every flash frame kept the window busy while nobody touched it. A flash
     * is a fixed colour, so it costs one frame when it starts and one when it ends.
     */
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (flashUntil.values().removeIf(t -> t < now)) {
                dirty = true;
            }
            if (dirty) {
                dirty = false;
                draw();
            }
            if (flashUntil.isEmpty()) {
                stop();
                timerRunning = false;
            }
        }
    };

    public GraphCanvas() {
        getChildren().add(canvas);
        getStyleClass().add("graph-canvas");
        setFocusTraversable(true);
        setMinSize(100, 100);
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(this::moved);
        canvas.setOnMouseExited(e -> setHovered(-1));
        canvas.setOnScroll(this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        palette.addListener((o, a, b) -> requestRedraw());
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) {
                requestRedraw();
            } else {
                timer.stop();
                timerRunning = false;
            }
        });
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            viewport = viewport.resized(w, h);
            if (!fitted && graph.nodeCount() > 0 && w > 0) {
                initialView();
            }
            requestRedraw();
        }
    }

    public ObjectProperty<GraphPalette> paletteProperty() {
        return palette;
    }

    public ReadOnlyObjectProperty<String> selectedIdProperty() {
        return selectedId.getReadOnlyProperty();
    }

    /** Selects a node by id (from the tables or search) and brings it into view. */
    public void select(String id) {
        selectedId.set(id);
        int i = id == null ? -1 : graph.indexOf(id);
        if (i >= 0) {
            reveal(i);
        }
        requestRedraw();
    }

    /** Called with a node id when the user expands or collapses it. */
    public void setOnToggle(Consumer<String> handler) {
        this.onToggle = handler;
    }

    /** Called with a node id on double click (open in the inspector, start a wizard). */
    public void setOnActivate(Consumer<String> handler) {
        this.onActivate = handler;
    }

    /** Called with the selected node id on Enter for a node that does not expand (the inspector takes over). */
    public void setOnInspect(Consumer<String> handler) {
        this.onInspect = handler;
    }

    public LaidOutGraph graph() {
        return graph;
    }

    /** Ids of the nodes on the highlighted (hovered or keyboard-selected) path. */
    public java.util.Set<String> highlightedIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = pathNodes.nextSetBit(0); i >= 0 && i < graph.nodeCount(); i = pathNodes.nextSetBit(i + 1)) {
            ids.add(graph.node(i).id());
        }
        return ids;
    }

    public Viewport viewport() {
        return viewport;
    }

    public void setViewport(Viewport vp) {
        viewport = vp.resized(getWidth(), getHeight());
        requestRedraw();
    }

    /** Whether the paint timer is running (something is waiting to be drawn, or a flash is on). */
    public boolean isAnimating() {
        return timerRunning;
    }

    public long framesDrawn() {
        return frames;
    }

    /**
     * Shows a new layout. Nodes whose id is new or whose content changed flash briefly; the viewport is kept, so
     * unchanged nodes stay where the user was looking.
     */
    public void setGraph(LaidOutGraph next) {
        LaidOutGraph previous = graph;
        if (next.samePicture(previous)) {
            return; // churn that changes nothing drawn (a pod replaced by its twin) paints nothing
        }
        long until = System.nanoTime() + FLASH_NANOS;
        if (previous.nodeCount() > 0) {
            for (int i = 0; i < next.nodeCount(); i++) {
                ViewNode v = next.node(i);
                int before = previous.indexOf(v.id());
                if (before < 0 || !previous.node(before).equals(v)) {
                    flashUntil.put(v.id(), until);
                }
            }
        }
        graph = next;
        paths = new PathIndex(next);
        hovered = -1;
        pathNodes.clear();
        pathEdges.clear();
        if (!fitted && getWidth() > 0) {
            initialView();
        }
        requestRedraw();
    }

    private void initialView() {
        viewport = Viewport.initial(graph, getWidth(), getHeight());
        fitted = graph.nodeCount() > 0;
    }

    public void fit() {
        viewport = Viewport.fit(graph, getWidth(), getHeight());
        fitted = graph.nodeCount() > 0;
        requestRedraw();
    }

    /**
     * Zoom buttons and +/-: about the selected node when it is on screen, else about the visible part of the
     * graph, so the graph never jumps off-screen.
     */
    public void zoom(double factor) {
        double px = getWidth() / 2;
        double py = getHeight() / 2;
        int sel = selectedId.get() == null ? -1 : graph.indexOf(selectedId.get());
        if (sel >= 0) {
            double cx = viewport.sx(graph.x(sel) + graph.w(sel) / 2);
            double cy = viewport.sy(graph.y(sel) + graph.h(sel) / 2);
            if (cx >= 0 && cy >= 0 && cx <= getWidth() && cy <= getHeight()) {
                px = cx;
                py = cy;
            }
        } else if (graph.nodeCount() > 0) {
            // the centre of what of the graph is visible
            double left = Math.max(0, viewport.sx(0));
            double top = Math.max(0, viewport.sy(0));
            double right = Math.min(getWidth(), viewport.sx(graph.width()));
            double bottom = Math.min(getHeight(), viewport.sy(graph.height()));
            if (right > left && bottom > top) {
                px = (left + right) / 2;
                py = top;
            }
        }
        viewport = viewport.zoomAt(factor, px, py);
        requestRedraw();
    }

    public void requestRedraw() {
        dirty = true;
        if (!timerRunning && getScene() != null) {
            timerRunning = true;
            timer.start();
        }
    }

    /** Draws now (tests and benchmarks call this directly; the UI goes through the pulse timer). */
    public void draw() {
        frames++;
        BitSet flashing = new BitSet();
        for (String id : flashUntil.keySet()) {
            int i = graph.indexOf(id);
            if (i >= 0) {
                flashing.set(i);
            }
        }
        int sel = selectedId.get() == null ? -1 : graph.indexOf(selectedId.get());
        painter.paint(canvas.getGraphicsContext2D(), graph, viewport, palette.get(),
                new GraphPainter.Marks(sel, hovered, pathNodes, pathEdges, flashing));
        if (queryMatches != null) {
            queryOverlay.paint(canvas.getGraphicsContext2D(), graph, viewport, palette.get(), queryMatches);
        }
    }

    /** Highlights the nodes a query matched (Who can…?) and dims the rest; null ends the query. */
    public void setQueryMatches(java.util.Set<String> nodeIds) {
        queryMatches = nodeIds == null ? null : java.util.Set.copyOf(nodeIds);
        requestRedraw();
    }

    public java.util.Set<String> queryMatches() {
        return queryMatches;
    }

    public Canvas canvas() {
        return canvas;
    }

    private void reveal(int i) {
        double cx = viewport.sx(graph.x(i) + graph.w(i) / 2);
        double cy = viewport.sy(graph.y(i) + graph.h(i) / 2);
        if (cx < 40 || cy < 40 || cx > getWidth() - 40 || cy > getHeight() - 40) {
            viewport = viewport.panBy(getWidth() / 2 - cx, getHeight() / 2 - cy);
        }
    }

    private void setHovered(int i) {
        if (i != hovered) {
            hovered = i;
            paths.path(i, pathNodes, pathEdges);
            if (i >= 0) {
                ViewNode v = graph.node(i);
                tooltip.setText(v.label() + (v.detail().isEmpty() ? "" : "\n" + v.detail()));
                Tooltip.install(canvas, tooltip);
            } else {
                Tooltip.uninstall(canvas, tooltip);
            }
            requestRedraw();
        }
    }

    private int hit(double sx, double sy) {
        return graph.spatial().hit(viewport.gx(sx), viewport.gy(sy));
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        dragged = false;
    }

    private void dragged(MouseEvent e) {
        viewport = viewport.panBy(e.getX() - dragX, e.getY() - dragY);
        dragX = e.getX();
        dragY = e.getY();
        dragged = true;
        requestRedraw();
    }

    private void released(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        int i = hit(e.getX(), e.getY());
        if (i < 0) {
            return;
        }
        ViewNode v = graph.node(i);
        selectedId.set(v.id());
        if (e.getClickCount() == 2) {
            onActivate.accept(v.id());
        } else if (v.expandable()) {
            onToggle.accept(v.id());
        }
        requestRedraw();
    }

    private void moved(MouseEvent e) {
        setHovered(hit(e.getX(), e.getY()));
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double factor = Math.pow(1.0015, e.getDeltaY());
        viewport = viewport.zoomAt(factor, e.getX(), e.getY());
        requestRedraw();
        e.consume();
    }

    private void key(KeyEvent e) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return; // Ctrl+F, Ctrl+K and friends belong to the window
        }
        if (e.isShiftDown() && k.isArrowKey()) {
            double step = 80;
            viewport = viewport.panBy(k == KeyCode.LEFT ? step : k == KeyCode.RIGHT ? -step : 0,
                    k == KeyCode.UP ? step : k == KeyCode.DOWN ? -step : 0);
        } else if (k == KeyCode.PLUS || k == KeyCode.EQUALS || k == KeyCode.ADD) {
            zoom(1.25);
        } else if (k == KeyCode.MINUS || k == KeyCode.SUBTRACT) {
            zoom(0.8);
        } else if (k == KeyCode.F || k == KeyCode.DIGIT0) {
            fit();
        } else if (k.isArrowKey()) {
            moveSelection(k);
        } else if (k == KeyCode.ENTER && selectedId.get() != null) {
            int i = graph.indexOf(selectedId.get());
            if (i >= 0 && graph.node(i).expandable()) {
                onToggle.accept(selectedId.get());
            } else {
                onInspect.accept(selectedId.get());
            }
        } else if (k == KeyCode.ESCAPE) {
            selectedId.set(null);
            hovered = -1;
            pathNodes.clear();
            pathEdges.clear();
        } else {
            return;
        }
        requestRedraw();
        e.consume();
    }

    /** Up/Down: previous/next node in the same column; Left/Right: along the edges. */
    private void moveSelection(KeyCode k) {
        if (graph.nodeCount() == 0) {
            return;
        }
        int cur = selectedId.get() == null ? -1 : graph.indexOf(selectedId.get());
        if (cur < 0) {
            select(graph.node(0).id());
            return;
        }
        int best = -1;
        if (k == KeyCode.UP || k == KeyCode.DOWN) {
            GraphColumn col = graph.node(cur).column();
            double y0 = graph.y(cur);
            double bestDy = Double.MAX_VALUE;
            for (int i = 0; i < graph.nodeCount(); i++) {
                if (i == cur || graph.node(i).column() != col
                        || Math.abs(graph.x(i) - graph.x(cur)) > GroupedLayout.BAND_STEP / 2) {
                    continue; // up and down stay in the band
                }
                double dy = graph.y(i) - y0;
                if ((k == KeyCode.DOWN ? dy > 0 : dy < 0) && Math.abs(dy) < bestDy) {
                    bestDy = Math.abs(dy);
                    best = i;
                }
            }
        } else {
            int[] next = paths.neighbours(cur, k == KeyCode.RIGHT);
            double bestDy = Double.MAX_VALUE;
            for (int i : next) {
                double dy = Math.abs(graph.y(i) - graph.y(cur));
                if (dy < bestDy) {
                    bestDy = dy;
                    best = i;
                }
            }
        }
        if (best >= 0) {
            select(graph.node(best).id());
            paths.path(best, pathNodes, pathEdges);
        }
    }
}
