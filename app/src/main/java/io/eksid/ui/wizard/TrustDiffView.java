package io.eksid.ui.wizard;

import atlantafx.base.theme.Styles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One role's trust rewrite side by side: the document before and after, lines only in one side highlighted
 * (removed red, added green), and the new size against the trust-policy quota.
 */
final class TrustDiffView extends VBox {

    private static final String MONO = "-fx-font-family: 'Monospaced'; -fx-font-size: 11.5px;";

    TrustDiffView(TrustChange change) {
        setSpacing(6);
        setPadding(new Insets(10));
        setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6;"
                + "-fx-background-color: -color-bg-default;");
        Label role = new Label(change.roleArn());
        role.getStyleClass().add(Styles.TEXT_BOLD);
        Label heading = new Label(change.heading() + " \u00b7 for " + change.serviceAccounts().stream()
                .map(Object::toString).collect(Collectors.joining(", ")));
        heading.getStyleClass().add(Styles.TEXT_MUTED);
        heading.setWrapText(true);
        getChildren().addAll(role, heading, sizeMeter(change), sides(change));
        for (String note : change.notes()) {
            Label n = new Label("\u24d8 " + note);
            n.setWrapText(true);
            n.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().add(n);
        }
    }

    private static HBox sizeMeter(TrustChange c) {
        ProgressBar bar = new ProgressBar(Math.min(1, c.quotaUse()));
        bar.setPrefWidth(220);
        if (c.quotaUse() > 1) {
            bar.getStyleClass().add(Styles.DANGER);
        } else if (c.quotaUse() > 0.85) {
            bar.getStyleClass().add(Styles.WARNING);
        } else {
            bar.getStyleClass().add(Styles.SUCCESS);
        }
        Label size = new Label(String.format("%,d \u2192 %,d of %,d characters (white space not counted)",
                c.charactersBefore(), c.charactersAfter(), c.quota()));
        size.getStyleClass().add(Styles.TEXT_SMALL);
        HBox box = new HBox(10, new Label("Trust policy size"), bar, size);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private static GridPane sides(TrustChange c) {
        List<String> before = lines(c.before());
        List<String> after = lines(c.after());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(half, half);
        Label b = new Label("Before");
        Label a = new Label("After");
        b.getStyleClass().add(Styles.TEXT_MUTED);
        a.getStyleClass().add(Styles.TEXT_MUTED);
        grid.add(b, 0, 0);
        grid.add(a, 1, 0);
        grid.add(column(before, after, "-color-danger-subtle"), 0, 1);
        grid.add(column(after, before, "-color-success-subtle"), 1, 1);
        return grid;
    }

    /** The lines of {@code mine}, those not matched in {@code other} highlighted (a multiset difference). */
    private static VBox column(List<String> mine, List<String> other, String highlight) {
        Map<String, Integer> available = new HashMap<>();
        other.forEach(l -> available.merge(l.strip(), 1, Integer::sum));
        VBox box = new VBox();
        box.setPadding(new Insets(6));
        box.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 4;");
        for (String line : mine) {
            Label l = new Label(line.isEmpty() ? " " : line);
            l.setMaxWidth(Double.MAX_VALUE);
            l.setWrapText(true);
            String key = line.strip();
            boolean matched = available.getOrDefault(key, 0) > 0;
            if (matched) {
                available.merge(key, -1, Integer::sum);
                l.setStyle(MONO);
            } else {
                l.setStyle(MONO + "-fx-background-color: " + highlight + ";");
                l.getStyleClass().add("diff-changed");
            }
            box.getChildren().add(l);
        }
        return box;
    }

    private static List<String> lines(String doc) {
        return doc == null || doc.isBlank() ? List.of("(none)") : List.of(doc.split("\\R"));
    }
}
