package io.eksid.ui.inspector;

import io.eksid.ui.inspector.InspectorContent.Action;
import io.eksid.ui.inspector.InspectorContent.Field;
import io.eksid.ui.inspector.InspectorContent.Section;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The right-hand inspector: renders {@link InspectorContent}; actions go to the handler with the subject id. */
public final class InspectorView extends ScrollPane {

    private final VBox box = new VBox(10);
    private BiConsumer<Action, String> onAction = (a, id) -> { };
    private javafx.scene.Node footer;

    public InspectorView() {
        getStyleClass().add("inspector");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        box.setPadding(new Insets(12));
        box.setMinWidth(0);
        // Never wider than what is visible: long ARNs and policy lines wrap instead.
        viewportBoundsProperty().addListener((o, a, b) -> box.setMaxWidth(b.getWidth()));
        setContent(box);
        show(InspectorContent.EMPTY);
    }

    public void setOnAction(BiConsumer<Action, String> handler) {
        this.onAction = handler;
    }

    private InspectorContent shown;

    /**
     * Renders {@code c}. Every presentation of a churning cluster asks again; content equal to what is on screen
     * is left as it is, so the UI thread does not rebuild the controls and a button under the pointer stays put.
     */
    public void show(InspectorContent c) {
        if (c.equals(shown)) {
            return;
        }
        boolean newSubject = shown == null || !java.util.Objects.equals(shown.subjectId(), c.subjectId());
        shown = c;
        box.getChildren().clear();
        Label kind = new Label(c.kind().toUpperCase(java.util.Locale.ROOT));
        kind.getStyleClass().add("kind");
        Label title = new Label(c.title());
        title.getStyleClass().add("title");
        title.setWrapText(true);
        Label subtitle = new Label(c.subtitle());
        subtitle.setWrapText(true);
        subtitle.setMinWidth(40);
        title.setMinWidth(40);
        subtitle.getStyleClass().add("field-name");
        box.getChildren().addAll(kind, title, subtitle);
        if (c.answer() != null) {
            Label answer = new Label(c.answer().headline());
            answer.setId("inspector-answer");
            answer.setWrapText(true);
            answer.setMinWidth(40);
            answer.setMaxWidth(Double.MAX_VALUE);
            answer.getStyleClass().addAll("answer", "answer-" + c.answer().tone().name().toLowerCase(
                    java.util.Locale.ROOT));
            box.getChildren().add(answer);
        }
        if (!c.actions().isEmpty()) {
            FlowPane actions = new FlowPane(6, 6);
            for (Action a : c.actions()) {
                actions.getChildren().add(button(a, c.subjectId()));
            }
            box.getChildren().add(actions);
        }
        for (Section s : c.sections()) {
            box.getChildren().add(section(s));
        }
        if (footer != null) {
            box.getChildren().add(footer);
        }
        if (newSubject) {
            // A new selection starts at its answer, not where the previous one was scrolled to.
            setVvalue(0);
            layout();
            setVvalue(0);
        }
    }

    /** A node shown below the sections of every subject (the Permissions section, which hides itself when empty). */
    public void setFooter(javafx.scene.Node node) {
        footer = node;
        if (node != null && !box.getChildren().contains(node)) {
            box.getChildren().add(node);
        }
    }

    private Button button(Action a, String subject) {
        Button b = switch (a) {
            case CONVERT_TO_POD_IDENTITY -> new Button("Convert to Pod Identity\u2026",
                    new FontIcon(MaterialDesignS.SWAP_HORIZONTAL));
            case NEW_ASSOCIATION -> new Button("New association\u2026", new FontIcon(MaterialDesignP.PLUS));
            case COPY_ARN -> new Button("Copy ARN", new FontIcon(MaterialDesignC.CONTENT_COPY));
            case RESTART_HINT -> new Button("How to refresh credentials", new FontIcon(MaterialDesignR.RESTART));
            case CLEAN_UP_IRSA -> new Button("Finish clean-up\u2026", new FontIcon(MaterialDesignS.SWAP_HORIZONTAL));
        };
        b.setTooltip(new javafx.scene.control.Tooltip(switch (a) {
            case CONVERT_TO_POD_IDENTITY -> "Preview the conversion of this IRSA mapping to a Pod Identity association";
            case NEW_ASSOCIATION -> "Create a Pod Identity association for this service account";
            case COPY_ARN -> "Copy the ARN to the clipboard";
            case RESTART_HINT -> "Running pods keep the credentials they started with";
            case CLEAN_UP_IRSA -> "Preview removing the left-over IRSA annotation and OIDC trust (the association "
                    + "already works)";
        }));
        b.setId("inspector-" + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        b.setOnAction(e -> {
            if (a == Action.COPY_ARN && subject != null) {
                ClipboardContent cc = new ClipboardContent();
                cc.putString(subject.substring(subject.indexOf(':') + 1));
                Clipboard.getSystemClipboard().setContent(cc);
            }
            onAction.accept(a, subject);
        });
        return b;
    }

    private TitledPane section(Section s) {
        VBox content = new VBox(6);
        if (!s.fields().isEmpty()) {
            GridPane grid = new GridPane();
            grid.setHgap(10);
            grid.setVgap(4);
            ColumnConstraints names = new ColumnConstraints();
            names.setMinWidth(110);
            names.setPrefWidth(130);
            names.setMaxWidth(170);
            ColumnConstraints values = new ColumnConstraints();
            values.setHgrow(Priority.ALWAYS);
            values.setMinWidth(40);
            grid.getColumnConstraints().addAll(names, values);
            int row = 0;
            for (Field f : s.fields()) {
                Label n = new Label(f.name());
                n.getStyleClass().add("field-name");
                n.setWrapText(true);
                Label v = new Label(ArnText.breakable(f.value()));
                v.setWrapText(true);
                // Long ARNs have no spaces: let the label shrink and wrap instead of widening the inspector.
                v.setMinWidth(40);
                v.setMaxWidth(Double.MAX_VALUE);
                n.setMinWidth(40);
                switch (f.tone()) {
                    case "ok" -> v.getStyleClass().add("state-live");
                    case "warn" -> v.getStyleClass().add("state-degraded");
                    case "error" -> v.getStyleClass().add("state-error");
                    case "muted" -> v.getStyleClass().add("state-connecting");
                    default -> { }
                }
                if (ArnText.copyable(f.value())) {
                    Button copy = new Button(null, new FontIcon(MaterialDesignC.CONTENT_COPY));
                    copy.getStyleClass().add("copy-button");
                    copy.setTooltip(new javafx.scene.control.Tooltip("Copy " + f.value()));
                    copy.setOnAction(e -> {
                        ClipboardContent cc = new ClipboardContent();
                        cc.putString(f.value());
                        Clipboard.getSystemClipboard().setContent(cc);
                    });
                    javafx.scene.layout.HBox cell = new javafx.scene.layout.HBox(2, v, copy);
                    javafx.scene.layout.HBox.setHgrow(v, Priority.ALWAYS);
                    cell.setMinWidth(40);
                    grid.addRow(row++, n, cell);
                } else {
                    grid.addRow(row++, n, v);
                }
            }
            content.getChildren().add(grid);
        }
        if (s.meter() != null) {
            ProgressBar bar = new ProgressBar(Math.min(1, s.meter().ratio()));
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add("size-meter");
            if (s.meter().ratio() >= 0.95) {
                bar.getStyleClass().add("over-limit");
            } else if (s.meter().ratio() >= 0.8) {
                bar.getStyleClass().add("near-limit");
            }
            Label size = new Label("Size: " + s.meter().label());
            size.setWrapText(true);
            size.setMinWidth(40);
            content.getChildren().addAll(size, bar);
        }
        if (s.text() != null) {
            VBox lines = new VBox();
            lines.getStyleClass().add("policy-view");
            String[] split = s.text().split("\n", -1);
            for (int i = 0; i < split.length; i++) {
                Label l = new Label(split[i].isEmpty() ? " " : split[i]);
                l.setMinWidth(40);
                l.setWrapText(true);
                l.getStyleClass().add("mono");
                l.setMaxWidth(Double.MAX_VALUE);
                if (i >= s.highlightFrom() && i <= s.highlightTo() && s.highlightFrom() >= 0) {
                    l.getStyleClass().add("policy-line-deciding");
                }
                lines.getChildren().add(l);
            }
            content.getChildren().add(lines);
        }
        content.setMinWidth(0);
        TitledPane pane = new TitledPane(s.title(), content);
        pane.setMinWidth(0);
        pane.setMaxWidth(Double.MAX_VALUE);
        pane.setExpanded(true);
        pane.setAnimated(false);
        return pane;
    }
}
