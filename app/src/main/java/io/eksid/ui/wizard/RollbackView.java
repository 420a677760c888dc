package io.eksid.ui.wizard;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/** Rolling back a run: what will be undone (counts per kind), the explicit confirmation, progress, the result. */
public final class RollbackView extends BorderPane {

    public RollbackView(RollbackModel vm, Runnable close) {
        setId("rollback-window");
        setPadding(new Insets(14));
        Label title = new Label("Roll back " + vm.journalId());
        title.getStyleClass().add(Styles.TITLE_3);
        Label message = new Label();
        message.setId("rollback-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        VBox counts = new VBox(2);
        counts.setId("rollback-counts");
        counts.setPadding(new Insets(4, 0, 4, 14));
        vm.previewProperty().addListener((o, a, p) -> counts.getChildren().setAll(p == null ? java.util.List.of()
                : p.countsPerKind().stream().map(t -> (javafx.scene.Node) new Label("\u2022 " + t)).toList()));
        setTop(new VBox(8, title, message, counts));

        ProgressBar bar = new ProgressBar();
        bar.setId("rollback-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label progressText = new Label();
        progressText.setId("rollback-progress-title");
        progressText.getStyleClass().add(Styles.TEXT_BOLD);
        progressText.textProperty().bind(vm.progressTextProperty());
        HBox header = new HBox(12, progressText, bar);
        header.setAlignment(Pos.CENTER_LEFT);
        ListView<StepRow> steps = new ListView<>(vm.rows());
        steps.setId("rollback-steps");
        steps.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(StepRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.title() + " \u2014 " + stateText(row));
            }
        });
        VBox.setVgrow(steps, Priority.ALWAYS);
        VBox running = new VBox(8, header, steps);
        running.setPadding(new Insets(12, 0, 0, 0));
        running.visibleProperty().bind(vm.phaseProperty().isEqualTo(RollbackModel.Phase.RUNNING)
                .or(vm.phaseProperty().isEqualTo(RollbackModel.Phase.FINISHED)));
        setCenter(running);

        Label result = new Label();
        result.setId("rollback-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        HBox.setHgrow(result, Priority.SOMETIMES);
        Button confirm = new Button("Roll back", new FontIcon(MaterialDesignU.UNDO_VARIANT));
        confirm.setId("confirm-rollback");
        confirm.getStyleClass().add(Styles.DANGER);
        confirm.setOnAction(e -> vm.confirm());
        confirm.visibleProperty().bind(vm.phaseProperty().isEqualTo(RollbackModel.Phase.CONFIRM));
        confirm.managedProperty().bind(confirm.visibleProperty());
        Button closeButton = new Button("Close");
        closeButton.setId("close-rollback");
        closeButton.setOnAction(e -> close.run());
        closeButton.disableProperty().bind(vm.phaseProperty().isEqualTo(RollbackModel.Phase.RUNNING));
        ConversionWizardView.keepLabelWhole(confirm, closeButton);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(10, result, grow, confirm, closeButton);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(10, 0, 0, 0));
        setBottom(buttons);
    }

    private static String stateText(StepRow row) {
        String state = switch (row.state()) {
            case PENDING -> "waiting";
            case RUNNING -> "running";
            case DONE -> "undone";
            case FAILED -> "not undone";
            case SKIPPED -> "kept";
            case NOT_RUN -> "not started";
        };
        return row.detailProperty().get().isEmpty() ? state : state + ": " + row.detailProperty().get();
    }
}
