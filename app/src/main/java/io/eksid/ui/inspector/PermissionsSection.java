package io.eksid.ui.inspector;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.access.AccessDecision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The inspector's Permissions section for a pod, a service account or a role: the session tags sent, every
 * policy statement by statement, and a "Can it…?" box whose answer highlights the deciding statements.
 */
public final class PermissionsSection extends VBox {

    private final PermissionsModel model = new PermissionsModel();
    private final ComboBox<String> action = new ComboBox<>();
    private final TextField resource = new TextField();
    private final Label decision = new Label();
    private final Label reason = new Label();
    private final Label unseen = new Label();
    private final VBox policies = new VBox(6);
    private final VBox tags = new VBox(2);
    private final Label header = new Label();
    private final ObservableList<String> completions = FXCollections.observableArrayList(PermissionsModel.COMMON_ACTIONS);
    private IdentityState state;
    private PermissionsModel.Subject subject;
    private PermissionsModel.Answer answer;

    public PermissionsSection() {
        super(8);
        setId("permissions-section");
        setPadding(new Insets(4, 0, 0, 0));
        // Never wider than the inspector: ARNs and policy lines wrap.
        setMinWidth(0);
        header.setWrapText(true);
        header.setMinWidth(40);
        header.getStyleClass().add("field-name");

        action.setId("can-it-action");
        action.setEditable(true);
        action.setItems(completions);
        action.setPromptText("s3:GetObject");
        action.setMaxWidth(Double.MAX_VALUE);
        action.setPrefWidth(150);
        action.setMinWidth(60);
        action.getEditor().textProperty().addListener((o, a, typed) -> {
            List<String> next = PermissionsModel.completions(typed);
            if (!next.equals(completions)) {
                completions.setAll(next);
            }
        });
        resource.setId("can-it-resource");
        resource.setPromptText("arn:aws:s3:::bucket/key");
        resource.setPrefColumnCount(10);
        resource.setMinWidth(60);
        Button check = new Button("Check");
        check.setId("can-it-check");
        check.setDefaultButton(false);
        check.setOnAction(e -> check());
        resource.setOnAction(e -> check());
        decision.setId("can-it-decision");
        decision.setWrapText(true);
        decision.setMinWidth(40);
        reason.setId("can-it-reason");
        reason.setWrapText(true);
        reason.setMinWidth(40);
        GridPane box = new GridPane();
        box.setMinWidth(0);
        box.setHgap(8);
        box.setVgap(4);
        box.addRow(0, new Label("Action"), action);
        box.addRow(1, new Label("Resource"), resource);
        GridPane.setHgrow(action, Priority.ALWAYS);
        GridPane.setHgrow(resource, Priority.ALWAYS);
        unseen.setId("can-it-unseen");
        unseen.getStyleClass().add("state-connecting");
        unseen.setWrapText(true);
        unseen.setMinWidth(40);
        VBox canIt = new VBox(6, box, new HBox(8, check), decision, reason, unseen);
        TitledPane canItPane = new TitledPane("Can it\u2026?", canIt);
        canItPane.setId("can-it");
        canItPane.setAnimated(false);
        canItPane.setMinWidth(0);
        TitledPane tagPane = new TitledPane("Session tags it sends", tags);
        tagPane.setAnimated(false);
        tagPane.setMinWidth(0);
        policies.setMinWidth(0);
        getChildren().addAll(header, canItPane, tagPane, policies);
        setVisible(false);
        setManaged(false);
    }

    /** Shows the section for the node, or hides it when the node has no role session (namespaces, providers…). */
    public void show(IdentityState state, String nodeId) {
        this.state = state;
        Optional<PermissionsModel.Subject> s = model.subject(state, nodeId);
        boolean sameSubject = subject != null && s.isPresent() && subject.nodeId().equals(s.get().nodeId());
        subject = s.orElse(null);
        setVisible(subject != null);
        setManaged(subject != null);
        if (subject == null) {
            return;
        }
        if (!sameSubject) {
            answer = null;
            decision.setText("");
            reason.setText("");
            unseen.setText("");
        }
        // Break ARNs at their separators so the label can wrap them.
        header.setText("PERMISSIONS \u2014 " + subject.description()
                + (subject.roleArn() == null ? "" : "\nRole: " + subject.roleArn().replace("/", "/\u200b")
                .replace(":", ":\u200b")));
        tags.getChildren().clear();
        if (subject.sessionTags().isEmpty()) {
            tags.getChildren().add(muted(subject.mechanism() + ": no session tags"));
        } else {
            subject.sessionTags().forEach((k, v) -> tags.getChildren().add(mono(k + " = "
                    + (v == null ? "(each pod's own)" : v))));
        }
        renderPolicies();
    }

    private void check() {
        if (subject == null || state == null) {
            return;
        }
        try {
            answer = model.check(state, subject, action.getEditor().getText(), resource.getText());
        } catch (IllegalArgumentException e) {
            answer = null;
            decision.getStyleClass().removeAll("state-live", "state-error", "state-degraded");
            decision.setText(e.getMessage());
            reason.setText("");
            unseen.setText("");
            renderPolicies();
            return;
        }
        AccessDecision d = answer.decision();
        decision.getStyleClass().removeAll("state-live", "state-error", "state-degraded");
        decision.getStyleClass().add(switch (d.decision()) {
            case ALLOWED -> "state-live";
            case UNKNOWN -> "state-degraded";
            default -> "state-error";
        });
        decision.setText(d.decision().name().replace('_', ' '));
        reason.setText(breakable(d.reason()));
        unseen.setText(d.unknown().isEmpty() ? "" : "Not seen by this answer: " + d.unknown().size()
                + " (SCPs, resource policies\u2026): hover for details");
        unseen.setTooltip(d.unknown().isEmpty() ? null : new javafx.scene.control.Tooltip(String.join("\n", d.unknown())));
        renderPolicies();
    }

    private void renderPolicies() {
        policies.getChildren().clear();
        if (subject.unavailable() != null) {
            policies.getChildren().add(muted(subject.unavailable()));
            return;
        }
        Map<String, List<Integer>> deciding = answer == null ? Map.of() : answer.decidingStatements();
        for (PermissionsModel.PolicyView p : subject.policies()) {
            VBox lines = new VBox();
            lines.getStyleClass().add("policy-view");
            String[] split = p.text().text().split("\n", -1);
            List<Integer> hit = deciding.getOrDefault(p.name(), List.of());
            for (int i = 0; i < split.length; i++) {
                Label l = mono(split[i].isEmpty() ? " " : split[i]);
                for (int s : hit) {
                    if (s < p.text().statementLines().size()) {
                        int[] range = p.text().statementLines().get(s);
                        if (i >= range[0] && i <= range[1]) {
                            l.getStyleClass().add("policy-line-deciding");
                        }
                    }
                }
                lines.getChildren().add(l);
            }
            TitledPane pane = new TitledPane(p.label(), lines);
            pane.setAnimated(false);
            pane.setMinWidth(0);
            pane.setExpanded(!hit.isEmpty() || subject.policies().size() <= 3);
            pane.getProperties().put("policy", p.name());
            policies.getChildren().add(pane);
        }
    }

    /** Zero-width breaks after ARN separators, so a label can wrap a long ARN. */
    private static String breakable(String text) {
        return text.replace("/", "/\u200b").replace(":", ":\u200b");
    }

    private static Label mono(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("mono");
        l.setWrapText(true);
        l.setMinWidth(40);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("state-connecting");
        l.setWrapText(true);
        l.setMinWidth(40);
        return l;
    }
}
