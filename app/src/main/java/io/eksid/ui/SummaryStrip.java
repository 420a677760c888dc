package io.eksid.ui;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/**
 * "28 IRSA mappings · 26 convertible now · 2 broken · 4 pods on stale credentials · agent not installed": the
 * answer before the graph, each item a link that filters the graph and the tables to what it counts.
 */
public final class SummaryStrip extends FlowPane {

    /** What a link asks for. */
    public enum Focus { IRSA, CONVERTIBLE, BROKEN, STALE, AGENT, ALL }

    private final Consumer<Focus> onFocus;

    public SummaryStrip(Consumer<Focus> onFocus) {
        super(6, 2);
        this.onFocus = onFocus;
        setId("summary-strip");
        getStyleClass().add("summary-strip");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 10, 4, 10));
        show(null);
    }

    public void show(IdentitySummary s) {
        getChildren().clear();
        if (s == null || !s.kubeListed()) {
            getChildren().add(new Label("Reading the cluster\u2026"));
            return;
        }
        add(s.irsaMappings() + " IRSA mappings", Focus.IRSA, "Show only service accounts with an IRSA annotation",
                "");
        if (!s.awsRead()) {
            dot();
            getChildren().add(new Label("reading AWS\u2026"));
            return;
        }
        dot();
        add(s.convertible() + " convertible now", Focus.CONVERTIBLE, "Show the IRSA mappings a conversion can "
                + "take on (blue dot)", "summary-convertible");
        dot();
        add(s.broken() + " broken", Focus.BROKEN, "Show only what does not work", s.broken() > 0
                ? "summary-broken" : "");
        dot();
        add(s.stalePods() + " pods on stale credentials", Focus.STALE, "Show workloads whose running pods differ "
                + "from what a new pod would get", s.stalePods() > 0 ? "summary-stale" : "");
        dot();
        add(s.agentPresent() ? "Pod Identity agent running" : "agent not installed", Focus.AGENT,
                "Show the findings about the eks-pod-identity-agent add-on", s.agentPresent() ? ""
                        : "summary-broken");
        dot();
        add("show everything", Focus.ALL, "Clear the filters", "");
    }

    private void add(String text, Focus focus, String tip, String style) {
        Hyperlink link = new Hyperlink(text);
        link.setId("summary-" + focus.name().toLowerCase(java.util.Locale.ROOT));
        link.setTooltip(new Tooltip(tip));
        if (!style.isEmpty()) {
            link.getStyleClass().add(style);
        }
        link.setOnAction(e -> {
            link.setVisited(false);
            onFocus.accept(focus);
        });
        getChildren().add(link);
    }

    private void dot() {
        Label l = new Label("\u00b7");
        l.getStyleClass().add("summary-dot");
        getChildren().add(l);
    }
}
