package io.eksid.ui.graph;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;

/** The legend of mapping edges and badges, drawn with the same colours as the canvas. */
public final class GraphLegend extends FlowPane {

    public GraphLegend(GraphPalette pal) {
        getStyleClass().add("legend");
        setAlignment(Pos.CENTER_LEFT);
        setHgap(12);
        setVgap(4);
        setPrefWrapLength(560);
        setPickOnBounds(false);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        update(pal);
    }

    public void update(GraphPalette pal) {
        getChildren().clear();
        for (EdgeStyle s : new EdgeStyle[] {EdgeStyle.IRSA, EdgeStyle.POD_IDENTITY, EdgeStyle.BOTH, EdgeStyle.BROKEN,
                EdgeStyle.TARGET}) {
            Line l = new Line(0, 0, 22, 0);
            l.setStroke(pal.edge(s));
            l.setStrokeWidth(2.5);
            if (s == EdgeStyle.BROKEN) {
                l.getStrokeDashArray().setAll(6.0, 4.0);
            } else if (s == EdgeStyle.BOTH) {
                l.getStrokeDashArray().setAll(10.0, 3.0);
            }
            Label label = new Label(s.legend(), l);
            label.setMinWidth(USE_PREF_SIZE);
            getChildren().add(label);
        }
        for (NodeBadge b : new NodeBadge[] {NodeBadge.STALE, NodeBadge.UNSUPPORTED, NodeBadge.PROBLEM,
                NodeBadge.CONVERTIBLE}) {
            Circle c = new Circle(5, pal.badge(b));
            String text = switch (b) {
                case STALE -> "stale credentials";
                case UNSUPPORTED -> "Fargate/Windows";
                case PROBLEM -> "finding";
                case CONVERTIBLE -> "convertible";
            };
            Label label = new Label(text, c);
            label.setMinWidth(USE_PREF_SIZE);
            getChildren().add(label);
        }
    }
}
