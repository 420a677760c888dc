package io.eksid.ui.graph;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;

/**
 * The legend of mapping edges, node marks and badges, drawn with the same colours as the canvas. Docked under
 * the canvas (never over it) and collapsible to one line.
 */
public final class GraphLegend extends HBox {

    private final FlowPane items = new FlowPane(12, 4);
    private final ToggleButton toggle = new ToggleButton("Legend");
    /** Two lines of legend items. */
    static final double MAX_LINES_HEIGHT = 42;

    public GraphLegend(GraphPalette pal) {
        getStyleClass().add("legend");
        setId("graph-legend");
        setAlignment(Pos.TOP_LEFT);
        setSpacing(10);
        setPadding(new Insets(4, 8, 4, 8));
        toggle.setId("legend-toggle");
        toggle.setSelected(true);
        toggle.setTooltip(new Tooltip("Show or hide the legend"));
        toggle.setMinWidth(USE_PREF_SIZE);
        items.setAlignment(Pos.CENTER_LEFT);
        // At most two lines, whatever the window's width: the rest scrolls, the graph keeps its room.
        ScrollPane lines = new ScrollPane(items);
        lines.setId("legend-items");
        lines.setFitToWidth(true);
        lines.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        lines.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        lines.setPrefViewportHeight(MAX_LINES_HEIGHT);
        lines.setMaxHeight(MAX_LINES_HEIGHT + 4);
        lines.getStyleClass().add("legend-lines");
        lines.visibleProperty().bind(toggle.selectedProperty());
        lines.managedProperty().bind(toggle.selectedProperty());
        HBox.setHgrow(lines, Priority.ALWAYS);
        getChildren().addAll(toggle, lines);
        update(pal);
    }

    /** Expanded (true) or collapsed to its toggle. */
    public ToggleButton toggle() {
        return toggle;
    }

    public void update(GraphPalette pal) {
        items.getChildren().clear();
        for (EdgeStyle s : EDGES) {
            Line l = new Line(0, 0, 22, 0);
            l.setStroke(pal.edge(s));
            l.setStrokeWidth(2.5);
            if (s == EdgeStyle.BROKEN || s == EdgeStyle.UNPROVABLE) {
                l.getStrokeDashArray().setAll(6.0, 4.0);
            } else if (s == EdgeStyle.BOTH) {
                l.getStrokeDashArray().setAll(10.0, 3.0);
            }
            add(edgeText(s), l);
        }
        Polygon diamond = new Polygon(6, 0, 12, 6, 6, 12, 0, 6);
        diamond.setFill(pal.fill(NodeStyle.ASSOCIATION));
        diamond.setStroke(pal.nodeStroke());
        add("association", diamond);
        Rectangle missing = new Rectangle(14, 10, pal.fill(NodeStyle.ROLE_MISSING));
        missing.setStroke(pal.nodeStroke());
        add("missing / broken", missing);
        Rectangle changed = new Rectangle(14, 10, pal.flash());
        changed.setStroke(pal.nodeStroke());
        add("just changed", changed);
        for (NodeBadge b : NodeBadge.values()) {
            add(badgeText(b), new Circle(5, pal.badge(b)));
        }
    }

    /** The legend's words for a badge (the canvas, the exports). */
    static String badgeText(NodeBadge b) {
        return switch (b) {
            case STALE -> "stale credentials";
            case UNSUPPORTED -> "Fargate/Windows";
            case PROBLEM -> "finding";
            case CONVERTIBLE -> "convertible";
            case CLEAN_UP -> "converted, clean-up pending";
        };
    }

    /** The legend's words for an edge style. */
    static String edgeText(EdgeStyle s) {
        return s == EdgeStyle.UNPROVABLE ? "unproven / waiting for AWS" : s.legend();
    }

    /** The edge styles the legend shows, in its order. */
    static final EdgeStyle[] EDGES = {EdgeStyle.IRSA, EdgeStyle.POD_IDENTITY, EdgeStyle.BOTH, EdgeStyle.BROKEN,
        EdgeStyle.UNPROVABLE, EdgeStyle.TARGET};

    private void add(String text, javafx.scene.Node graphic) {
        Label label = new Label(text, graphic);
        label.setMinWidth(USE_PREF_SIZE);
        items.getChildren().add(label);
    }
}
