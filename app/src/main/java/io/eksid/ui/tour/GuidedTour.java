package io.eksid.ui.tour;

import io.eksid.engine.live.IdentityState;
import io.eksid.ui.graph.GraphCanvas;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.Viewport;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * The guided tour: one callout at a time, each with a ring around what it explains (a graph node or a toolbar
 * button). The callout and the ring are unmanaged children of the window's root pane, so they float over every
 * pane without changing its layout, and follow the graph as it pans, zooms and re-lays out.
 */
public final class GuidedTour {

    private static final double WIDTH = 380;
    private static final double GAP = 10;

    private final Pane host;
    private final GraphCanvas canvas;
    private final Consumer<String> goTo;
    private final VBox callout = new VBox(8);
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label counter = new Label();
    private final Button next = new Button("Next");
    private final Button skip = new Button("Skip tour");
    private final Rectangle ring = new Rectangle();
    private final ReadOnlyIntegerWrapper stop = new ReadOnlyIntegerWrapper(-1);
    /** The stop being put on screen; {@link #stop} follows once it is. */
    private int current = -1;
    private List<TourStop> stops = List.of();
    private Runnable onEnded = () -> { };
    /** After each frame's layout: the graph panned, zoomed or was re-laid out, or another tab came to the front. */
    private final Runnable follow = this::place;
    private javafx.scene.Scene following;
    /** The stop's control, looked up once per stop: a lookup walks the whole window, and place() runs each pulse. */
    private Node control;
    /** The callout's size for the stop's text, measured when the stop or the window's width changes. */
    private double sizedForWidth = -1;
    private double calloutW;
    private double calloutH;

    /**
     * @param host   the window's root pane, which the callout floats over
     * @param canvas the graph, whose nodes the tour points at
     * @param goTo   selects a node in the graph and the inspector (and shows the graph tab)
     */
    public GuidedTour(Pane host, GraphCanvas canvas, Consumer<String> goTo) {
        this.host = host;
        this.canvas = canvas;
        this.goTo = goTo;
        callout.setId("tour-callout");
        callout.getStyleClass().add("tour-callout");
        title.getStyleClass().add("tour-title");
        text.setWrapText(true);
        text.getStyleClass().add("tour-text");
        counter.getStyleClass().add("tour-counter");
        next.setId("tour-next");
        next.getStyleClass().add("accent");
        next.setOnAction(e -> next());
        skip.setId("tour-skip");
        skip.setOnAction(e -> end());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, counter, spacer, skip, next);
        buttons.setAlignment(Pos.CENTER_LEFT);
        callout.getChildren().addAll(title, text, buttons);
        callout.setPrefWidth(WIDTH);
        callout.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                end();
                e.consume();
            }
        });
        ring.getStyleClass().add("tour-ring");
        ring.setId("tour-ring");
        ring.setMouseTransparent(true);
        for (Node n : List.of(ring, callout)) {
            n.setManaged(false);
            n.setVisible(false);
        }
        host.getChildren().addAll(ring, callout);
    }

    /** Called once when the tour is finished or skipped. */
    public void setOnEnded(Runnable r) {
        onEnded = r;
    }

    /** Which stop shows (0-based), or -1 when the tour is closed. */
    public ReadOnlyIntegerProperty stopProperty() {
        return stop.getReadOnlyProperty();
    }

    public List<TourStop> stops() {
        return stops;
    }

    /** Starts from the first stop, with stops picked from {@code state}. */
    public void start(IdentityState state) {
        stops = TourPlan.of(state);
        if (stops.isEmpty()) {
            return;
        }
        show(0);
    }

    public void next() {
        if (current + 1 < stops.size()) {
            show(current + 1);
        } else {
            end();
        }
    }

    public void end() {
        if (current < 0) {
            return;
        }
        current = -1;
        stop.set(-1);
        callout.setVisible(false);
        ring.setVisible(false);
        if (following != null) {
            following.removePostLayoutPulseListener(follow);
            following = null;
        }
        onEnded.run();
    }

    private void show(int i) {
        current = i;
        TourStop s = stops.get(i);
        title.setText(s.title());
        text.setText(s.text());
        counter.setText((i + 1) + " of " + stops.size());
        next.setText(i + 1 == stops.size() ? "Done" : "Next");
        if (s.nodeId() != null) {
            goTo.accept(s.nodeId());
        }
        control = s.controlId() == null ? null : host.lookup("#" + s.controlId());
        sizedForWidth = -1;
        // set later by BorderPane: a pane added after us would cover the callout
        ring.toFront();
        callout.toFront();
        callout.setVisible(true);
        if (following == null && host.getScene() != null) {
            following = host.getScene();
            following.addPostLayoutPulseListener(follow);
        }
        place();
        next.requestFocus();
        // Last: whoever follows the stop finds its callout already shown and placed.
        stop.set(i);
    }

    /** Puts the ring around the stop's subject and the callout below it (above when there is no room). */
    void place() {
        if (current < 0) {
            return;
        }
        Bounds target = targetBounds(stops.get(current));
        if (sizedForWidth != host.getWidth()) {
            callout.applyCss();
            calloutW = Math.min(WIDTH, host.getWidth() - 2 * GAP);
            calloutH = callout.prefHeight(calloutW);
            sizedForWidth = host.getWidth();
        }
        double w = calloutW;
        double h = calloutH;
        double x;
        double y;
        if (target == null) {
            ring.setVisible(false);
            x = (host.getWidth() - w) / 2;
            y = (host.getHeight() - h) / 2;
        } else {
            // unchanged values are no-ops, so following every pulse schedules no further pulse
            ring.setX(target.getMinX() - 4);
            ring.setY(target.getMinY() - 4);
            ring.setWidth(target.getWidth() + 8);
            ring.setHeight(target.getHeight() + 8);
            ring.setVisible(true);
            x = target.getMinX();
            y = target.getMaxY() + GAP + 4;
            if (y + h > host.getHeight() - GAP) {
                y = target.getMinY() - GAP - 4 - h;
            }
        }
        x = Math.max(GAP, Math.min(x, host.getWidth() - w - GAP));
        y = Math.max(GAP, Math.min(y, host.getHeight() - h - GAP));
        if (Math.abs(callout.getLayoutX() - x) > 0.5 || Math.abs(callout.getLayoutY() - y) > 0.5
                || Math.abs(callout.getWidth() - w) > 0.5 || Math.abs(callout.getHeight() - h) > 0.5) {
            callout.resizeRelocate(x, y, w, h);
        }
    }

    /** In the window and drawn: it and every pane above it are visible (a tab in the back is not). */
    private static boolean shown(Node n) {
        if (n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Where the subject is, in the host's coordinates; null while it is not on screen. */
    private Bounds targetBounds(TourStop s) {
        if (s.controlId() != null) {
            if (control == null || !shown(control)) {
                return null;
            }
            return host.sceneToLocal(control.localToScene(control.getBoundsInLocal()));
        }
        LaidOutGraph g = canvas.graph();
        int i = g.indexOf(s.nodeId());
        if (i < 0 || !shown(canvas)) {
            return null; // not laid out yet (its namespace is being expanded), or another tab is in front
        }
        Viewport vp = canvas.viewport();
        Bounds local = new BoundingBox(vp.sx(g.x(i)), vp.sy(g.y(i)), g.w(i) * vp.scale(), g.h(i) * vp.scale());
        if (local.getMaxX() < 0 || local.getMaxY() < 0 || local.getMinX() > canvas.getWidth()
                || local.getMinY() > canvas.getHeight()) {
            return null; // panned away: the callout waits in the middle
        }
        return host.sceneToLocal(canvas.localToScene(local));
    }
}
