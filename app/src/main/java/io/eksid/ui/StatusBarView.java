package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.graph.IdentityCounts;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Sources' state, counts, last AWS refresh and the Pod Identity agent's state, along the bottom. */
public final class StatusBarView extends HBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Label sources = new Label();
    private final Label counts = new Label();
    private final Label agent = new Label();
    private final Label refreshed = new Label();

    public StatusBarView(MainViewModel vm) {
        this.vm = vm;
        getStyleClass().add("status-bar");
        setSpacing(18);
        setId("status-bar");
        sources.setId("status-sources");
        counts.setId("status-counts");
        agent.setId("status-agent");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(sources, counts, spacer, agent, refreshed);
        refreshed.setId("status-aws-read");
        vm.stateProperty().addListener((o, a, s) -> update(s));
        update(null);
        // The age of the AWS data moves on its own, and a Refresh shows until every source was read again.
        javafx.animation.Timeline tick = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(1), e -> {
                    vm.updateFreshness();
                    showFreshness();
                }));
        tick.setCycleCount(javafx.animation.Animation.INDEFINITE);
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                tick.play();
            } else {
                tick.stop();
            }
        });
        vm.refreshingProperty().addListener((o, a, b) -> showFreshness());
        vm.awsReadAtProperty().addListener((o, a, b) -> showFreshness());
    }

    private final MainViewModel vm;

    private void showFreshness() {
        refreshed.getStyleClass().removeIf(c -> c.startsWith("state-"));
        if (vm.refreshingProperty().get()) {
            refreshed.setText("Refreshing AWS data\u2026");
            refreshed.getStyleClass().add("state-connecting");
            return;
        }
        java.time.Instant at = vm.awsReadAtProperty().get();
        if (at == null) {
            IdentityState s = vm.stateProperty().get();
            refreshed.setText(s == null ? "" : "AWS not read yet");
            return;
        }
        long ago = Math.max(0, java.time.Duration.between(at, vm.clock().instant()).toSeconds());
        refreshed.setText("AWS read " + TIME.format(at) + " (" + (ago < 60 ? ago + " s" : ago / 60 + " min")
                + " ago)");
        refreshed.setTooltip(new Tooltip("Every AWS fact shown is at least this recent; Refresh reads it again now"));
    }

    private void update(IdentityState s) {
        if (s == null) {
            sources.setText("Not connected");
            counts.setText("");
            agent.setText("");
            refreshed.setText("");
            return;
        }
        int live = 0;
        StringBuilder tip = new StringBuilder();
        SourceState worst = SourceState.LIVE;
        for (SourceStatus src : s.sources()) {
            if (src.state() == SourceState.LIVE) {
                live++;
            }
            if (src.state().ordinal() > worst.ordinal()) {
                worst = src.state();
            }
            tip.append(src.source()).append(": ").append(src.state().name().toLowerCase(Locale.ROOT))
                    .append(src.reason().isEmpty() ? "" : " \u2014 " + src.reason()).append('\n');
        }
        sources.setText(s.sources().isEmpty() ? "Sources starting\u2026"
                : "Sources " + live + "/" + s.sources().size() + " live");
        sources.getStyleClass().removeIf(c -> c.startsWith("state-"));
        // no source yet is not "all live": grey, not green
        sources.getStyleClass().add(s.sources().isEmpty() ? "state-connecting"
                : "state-" + worst.name().toLowerCase(Locale.ROOT));
        sources.setTooltip(new Tooltip(tip.toString().strip()));
        if (s.sources().isEmpty()) {
            // Nothing has reported yet: every number and the agent are unknown, not 0 and not missing.
            counts.setText("nothing read yet");
            counts.setTooltip(null);
            agent.setText("Pod Identity agent: unknown");
            agent.setTooltip(new Tooltip("No source has been read yet."));
            agent.getStyleClass().removeIf(x -> x.startsWith("state-"));
            agent.getStyleClass().add("state-connecting");
            refreshed.setText("AWS not refreshed yet");
            return;
        }
        IdentityCounts c = s.graph().counts();
        // A count whose source could not be read is shown as "?" with the reason, never as 0.
        Map<String, String> unknown = IdentityCounts.unknown(s.snapshot().unread());
        Map<String, Integer> n = c.byName();
        java.util.function.Function<String, String> shown = k -> unknown.containsKey(k) ? "?" : String.valueOf(n.get(k));
        counts.setText(shown.apply("namespaces") + " namespaces \u00b7 " + shown.apply("serviceAccounts")
                + " service accounts \u00b7 " + shown.apply("pods") + " pods \u00b7 " + shown.apply("irsaMappings")
                + " IRSA \u00b7 " + shown.apply("associations") + " associations \u00b7 " + shown.apply("roles")
                + " roles" + (!unknown.containsKey("stalePods") && c.stalePods() > 0 ? " \u00b7 " + c.stalePods()
                + " stale pods" : ""));
        counts.setTooltip(unknown.isEmpty() ? null : new Tooltip("Unknown: " + String.join("\n",
                new java.util.LinkedHashSet<>(unknown.values()))));
        var a = s.graph().agentStatus();
        agent.getStyleClass().removeIf(x -> x.startsWith("state-"));
        if (!MainViewModel.awsRead(s)) {
            // the add-on list comes from AWS: before it is read the agent is unknown, not missing
            agent.setText("Pod Identity agent: reading\u2026");
            agent.setTooltip(null);
            agent.getStyleClass().add("state-connecting");
        } else {
            agent.setText("Pod Identity agent: " + a.state().name().toLowerCase(Locale.ROOT));
            agent.setTooltip(new Tooltip(a.reason()));
            agent.getStyleClass().add(a.present() ? "state-live" : a.unknown() ? "state-connecting"
                    : "state-degraded");
        }
        showFreshness();
    }
}
