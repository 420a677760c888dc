package io.eksid.ui.tables;

import io.eksid.model.findings.Severity;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The Findings tab: the table grouped by severity (worst first, then by finding), each row a wrapped summary
 * with a severity icon and colour; under it the selected finding in full: what is wrong, and the fix with a
 * copy button and a way to the subject in the graph.
 */
public final class FindingsView extends SplitPane {

    private final FilterableTable<TableRows.FindingRow> table;
    private final Label title = new Label("Select a finding to read it in full");
    private final Label message = new Label();
    private final TextArea fix = new TextArea();
    private final Button copy = new Button("Copy fix", new FontIcon(MaterialDesignC.CONTENT_COPY));
    private final Button show = new Button("Show in graph", new FontIcon(MaterialDesignG.GRAPH_OUTLINE));
    private final Button fixIt = new Button("Fix\u2026");
    private java.util.function.BiConsumer<FindingFix, String> onFix = (f, id) -> { };

    /** @param showInGraph selects the finding's subject and shows the graph */
    public FindingsView(FilterableTable<TableRows.FindingRow> table, Consumer<String> showInGraph) {
        this.table = table;
        setId("findings-view");
        setOrientation(Orientation.VERTICAL);
        TableColumn<TableRows.FindingRow, String> severity = new TableColumn<>("Severity");
        severity.setId("finding-severity");
        severity.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(cd.getValue().severity()));
        severity.setComparator(Comparator.comparing((String s) -> rank(s)).reversed());
        severity.setCellFactory(c -> new SeverityCell());
        severity.setPrefWidth(110);
        severity.setMinWidth(110);
        table.table().getColumns().add(0, severity);

        VBox details = new VBox(8);
        details.setId("finding-details");
        details.setPadding(new Insets(10, 12, 10, 12));
        title.getStyleClass().add("finding-title");
        title.setWrapText(true);
        message.setId("finding-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        fix.setId("finding-fix");
        fix.setEditable(false);
        fix.setWrapText(true);
        fix.setPrefRowCount(4);
        fix.getStyleClass().add("mono");
        copy.setId("copy-fix");
        copy.setTooltip(new Tooltip("Copy the fix (commands and policy) to the clipboard"));
        copy.setMinWidth(Region.USE_PREF_SIZE);
        show.setId("finding-show-in-graph");
        show.setMinWidth(Region.USE_PREF_SIZE);
        Label fixTitle = new Label("Fix");
        fixTitle.getStyleClass().add("field-name");
        fixIt.setId("finding-fix-open");
        fixIt.setMinWidth(Region.USE_PREF_SIZE);
        fixIt.getStyleClass().add("accent");
        fixIt.setTooltip(new Tooltip("Open the wizard's preview for this finding; nothing changes until you confirm"));
        fixIt.setOnAction(e -> {
            TableRows.FindingRow r = table.table().getSelectionModel().getSelectedItem();
            FindingFix.of(r).ifPresent(f -> onFix.accept(f, r.nodeId()));
        });
        HBox buttons = new HBox(8, fixIt, copy, show);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(fix, Priority.ALWAYS);
        details.getChildren().addAll(title, message, fixTitle, fix, buttons);
        getItems().addAll(table, details);
        setDividerPositions(0.62);

        copy.setOnAction(e -> {
            TableRows.FindingRow r = table.table().getSelectionModel().getSelectedItem();
            if (r != null) {
                ClipboardContent cc = new ClipboardContent();
                cc.putString(r.fix());
                Clipboard.getSystemClipboard().setContent(cc);
                copy.setText("Copied");
            }
        });
        show.setOnAction(e -> {
            TableRows.FindingRow r = table.table().getSelectionModel().getSelectedItem();
            if (r != null) {
                showInGraph.accept(r.nodeId());
            }
        });
        table.table().getSelectionModel().selectedItemProperty().addListener((o, a, r) -> show(r));
        show(null);
    }

    /** Called with the wizard and the finding's subject node when the user asks for the fix's preview. */
    public void setOnFix(java.util.function.BiConsumer<FindingFix, String> handler) {
        this.onFix = handler;
    }

    private void show(TableRows.FindingRow r) {
        java.util.Optional<FindingFix> wizard = FindingFix.of(r);
        fixIt.setVisible(wizard.isPresent());
        fixIt.setManaged(wizard.isPresent());
        wizard.ifPresent(f -> fixIt.setText(f.label()));
        copy.setText("Copy fix");
        copy.setDisable(r == null || r.fix().isEmpty());
        show.setDisable(r == null);
        if (r == null) {
            title.setText("Select a finding to read it in full");
            message.setText("");
            fix.setText("");
            return;
        }
        title.setText(r.severity() + " \u00b7 " + r.code() + " \u00b7 " + r.subject());
        title.setGraphic(icon(r.severity()));
        message.setText(r.message());
        fix.setText(r.fix().isEmpty() ? "No fix needed." : r.fix());
    }

    public FilterableTable<TableRows.FindingRow> table() {
        return table;
    }

    static int rank(String severity) {
        try {
            return Severity.valueOf(severity).ordinal();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    static FontIcon icon(String severity) {
        Ikon ikon = switch (severity) {
            case "CRITICAL" -> MaterialDesignS.SHIELD_ALERT;
            case "ERROR" -> MaterialDesignA.ALERT_CIRCLE;
            case "WARNING" -> MaterialDesignA.ALERT;
            default -> MaterialDesignI.INFORMATION_OUTLINE;
        };
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(16);
        icon.getStyleClass().add("severity-icon-" + severity.toLowerCase(Locale.ROOT));
        return icon;
    }

    /** Severity as an icon and a colour, and the word, so it reads without colour too. */
    private static final class SeverityCell extends TableCell<TableRows.FindingRow, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeIf(c -> c.startsWith("severity-"));
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(item.charAt(0) + item.substring(1).toLowerCase(Locale.ROOT));
            setGraphic(icon(item));
            getStyleClass().add("severity-" + item.toLowerCase(Locale.ROOT));
        }
    }
}
