package io.eksid.ui.wizard;

import atlantafx.base.theme.Styles;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The conversion wizard: opens at the preview, options re-plan live, exports, one Apply behind an explicit
 * confirmation, then per-step progress with a safe Cancel and the verification results.
 */
public final class ConversionWizardView extends BorderPane {

    private final ConversionWizardModel vm;
    private final Label summary = new Label();
    private final javafx.scene.layout.FlowPane chips = new javafx.scene.layout.FlowPane(6, 6);
    private final Label progressTitle = new Label();
    private final javafx.scene.control.ProgressBar progressBar = new javafx.scene.control.ProgressBar(0);
    private final ConversionPreviewPane preview;
    private final ListView<StepRow> progress = new ListView<>();
    private final Label status = new Label();

    /** @param close closes the wizard's window */
    public ConversionWizardView(ConversionWizardModel vm, Runnable close) {
        this.vm = vm;
        this.preview = new ConversionPreviewPane((sa, include) -> {
            if (include) {
                vm.optedInBroken().add(sa);
            } else {
                vm.optedInBroken().remove(sa);
            }
        });
        setId("conversion-wizard");
        setPadding(new Insets(14));
        setTop(header());
        setCenter(center());
        setBottom(footer(close));
        vm.planProperty().addListener((o, a, p) -> showPlan(p));
        vm.planErrorProperty().addListener((o, a, e) -> showPlan(vm.planProperty().get()));
        showPlan(vm.planProperty().get());
    }

    /** The view model behind this view (for the window's tests). */
    public ConversionWizardModel model() {
        return vm;
    }

    private VBox header() {
        Label title = new Label("Convert IRSA to EKS Pod Identity");
        title.getStyleClass().add(Styles.TITLE_3);
        Label scope = new Label(vm.selection().describe());
        scope.getStyleClass().add(Styles.TEXT_MUTED);
        summary.setId("conversion-summary");
        summary.setWrapText(true);
        CheckBox restart = option("Restart workloads", vm.restartWorkloadsProperty(), "option-restart",
                "Rollout-restart the workloads of each service account so new pods get Pod Identity; running pods "
                        + "keep their old credentials until they are replaced");
        CheckBox annotation = option("Remove IRSA annotation after verify", vm.removeAnnotationProperty(),
                "option-remove-annotation", "Remove eks.amazonaws.com/role-arn once new pods are verified on Pod "
                        + "Identity");
        CheckBox oidc = option("Remove OIDC trust after verify", vm.removeOidcTrustProperty(), "option-remove-oidc",
                "Remove only this service account's :sub entry of this cluster's issuer; other clusters' and "
                        + "other service accounts' trust stays");
        CheckBox chain = option("Chain cross-account roles", vm.chainCrossAccountProperty(), "option-chain",
                "Associate a bridge role in the cluster account with targetRoleArn to the other account's role; "
                        + "off: skip cross-account service accounts");
        Label optionsLabel = new Label("Options");
        optionsLabel.getStyleClass().add(Styles.TEXT_BOLD);
        javafx.scene.layout.FlowPane options = new javafx.scene.layout.FlowPane(18, 6, optionsLabel, restart,
                annotation, oidc, chain);
        options.setPadding(new Insets(6, 0, 6, 0));
        options.disableProperty().bind(vm.phaseProperty().isNotEqualTo(ConversionWizardModel.Phase.PREVIEW)
                .and(vm.phaseProperty().isNotEqualTo(ConversionWizardModel.Phase.CONFIRMING)));
        chips.setId("summary-chips");
        VBox top = new VBox(6, new HBox(10, title, scope), chips, summary, options);
        ((HBox) top.getChildren().get(0)).setAlignment(Pos.BASELINE_LEFT);
        top.setPadding(new Insets(0, 0, 8, 0));
        return top;
    }

    private static CheckBox option(String text, javafx.beans.property.BooleanProperty p, String id, String tip) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.setTooltip(new javafx.scene.control.Tooltip(tip));
        c.selectedProperty().bindBidirectional(p);
        return c;
    }

    private StackPane center() {
        progress.setId("apply-progress");
        progress.setItems(vm.steps());
        progress.setCellFactory(l -> new StepCell());
        ListView<String> verification = new ListView<>(vm.verification());
        verification.setId("verification");
        verification.setPrefHeight(120);
        Label verTitle = new Label("Verification");
        verTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox.setVgrow(progress, Priority.ALWAYS);
        progressTitle.getStyleClass().add(Styles.TEXT_BOLD);
        progressTitle.setId("progress-title");
        progressBar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progressBar, Priority.ALWAYS);
        HBox progressHeader = new HBox(12, progressTitle, progressBar);
        progressHeader.setAlignment(Pos.CENTER_LEFT);
        vm.steps().addListener((javafx.collections.ListChangeListener<StepRow>) c -> updateProgress());
        VBox applying = new VBox(8, summaryCard(), progressHeader, progress, verTitle, verification);
        applying.visibleProperty().bind(vm.phaseProperty().isEqualTo(ConversionWizardModel.Phase.APPLYING)
                .or(vm.phaseProperty().isEqualTo(ConversionWizardModel.Phase.FINISHED)));
        preview.visibleProperty().bind(applying.visibleProperty().not());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setMaxSize(48, 48);
        busy.visibleProperty().bind(vm.planningProperty().and(applying.visibleProperty().not()));
        return new StackPane(preview, applying, busy);
    }

    /** When the apply ends: what it did, what is left to the user, and where the journal is. */
    private VBox summaryCard() {
        Label title = new Label("Summary");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        VBox lines = new VBox(2);
        lines.setId("apply-summary-lines");
        VBox card = new VBox(4, title, lines);
        card.setId("apply-summary");
        card.setPadding(new Insets(8, 10, 8, 10));
        card.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6;"
                + "-fx-background-color: -color-bg-subtle;");
        vm.summaryProperty().addListener((o, a, s) -> lines.getChildren().setAll(s == null ? java.util.List.of()
                : s.lines().stream().map(t -> {
                    Label l = new Label(t);
                    l.setWrapText(true);
                    return (javafx.scene.Node) l;
                }).toList()));
        card.visibleProperty().bind(vm.summaryProperty().isNotNull());
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    private VBox footer(Runnable close) {
        MenuButton export = new MenuButton("Export", new FontIcon(MaterialDesignE.EXPORT));
        export.setId("export");
        for (PlanExport f : PlanExport.values()) {
            MenuItem save = new MenuItem("Save " + f.label() + "\u2026");
            save.setOnAction(e -> save(f));
            MenuItem copy = new MenuItem("Copy " + f.label(), new FontIcon(MaterialDesignC.CONTENT_COPY));
            copy.setOnAction(e -> copy(f));
            export.getItems().addAll(save, copy);
        }
        export.disableProperty().bind(vm.planProperty().isNull());

        Button apply = new Button("Apply\u2026", new FontIcon(MaterialDesignP.PLAY));
        apply.setId("apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setDefaultButton(true);
        apply.disableProperty().bind(vm.applyDisabledReasonProperty().isNotNull());
        apply.setOnAction(e -> vm.requestApply());
        apply.visibleProperty().bind(vm.phaseProperty().isEqualTo(ConversionWizardModel.Phase.PREVIEW));
        apply.managedProperty().bind(apply.visibleProperty());

        Label reason = new Label();
        reason.setId("apply-disabled-reason");
        reason.setWrapText(true);
        reason.getStyleClass().add(Styles.TEXT_MUTED);
        reason.textProperty().bind(Bindings.createStringBinding(() -> vm.phaseProperty().get()
                        == ConversionWizardModel.Phase.PREVIEW ? vm.applyDisabledReasonProperty().get() : null,
                vm.applyDisabledReasonProperty(), vm.phaseProperty()));

        Button cancelApply = new Button("Cancel", new FontIcon(MaterialDesignS.STOP_CIRCLE_OUTLINE));
        cancelApply.setId("cancel-apply");
        cancelApply.setOnAction(e -> vm.cancelApply());
        cancelApply.visibleProperty().bind(vm.phaseProperty().isEqualTo(ConversionWizardModel.Phase.APPLYING));
        cancelApply.managedProperty().bind(cancelApply.visibleProperty());

        Button closeButton = new Button("Close");
        closeButton.setId("close-wizard");
        closeButton.setOnAction(e -> close.run());
        closeButton.disableProperty().bind(vm.phaseProperty().isEqualTo(ConversionWizardModel.Phase.APPLYING));

        status.setId("apply-result");
        status.setWrapText(true);
        status.textProperty().bind(vm.resultProperty());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        keepLabelWhole(export, cancelApply, apply, closeButton);
        HBox buttons = new HBox(10, export, status, grow, reason, cancelApply, apply, closeButton);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(10, 0, 0, 0));
        HBox.setHgrow(status, Priority.SOMETIMES);
        return new VBox(8, confirmation(), buttons);
    }

    private HBox confirmation() {
        Label text = new Label();
        text.setWrapText(true);
        text.setId("confirm-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        vm.phaseProperty().addListener((o, a, p) -> text.setText(vm.confirmationText()));
        Button back = new Button("Back to preview");
        back.setId("back-to-preview");
        back.setOnAction(e -> vm.cancelConfirmation());
        Button confirm = new Button("Write these changes", new FontIcon(MaterialDesignC.CHECK));
        confirm.setId("confirm-apply");
        confirm.getStyleClass().add(Styles.DANGER);
        confirm.setOnAction(e -> vm.confirmApply());
        confirm.setTooltip(new javafx.scene.control.Tooltip("Apply the previewed steps; every change is journaled "
                + "first and can be rolled back"));
        back.setTooltip(new javafx.scene.control.Tooltip("Nothing is written: return to the preview"));
        keepLabelWhole(back, confirm);
        text.setMinWidth(120);
        HBox bar = new HBox(10, new FontIcon(MaterialDesignA.ALERT_OUTLINE), text, back, confirm);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10));
        bar.setStyle("-fx-background-color: -color-warning-subtle; -fx-background-radius: 6;");
        bar.visibleProperty().bind(vm.phaseProperty().isEqualTo(ConversionWizardModel.Phase.CONFIRMING));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /**
     * Buttons never give up their width to the long wrapping text next to them: a confirm bar whose Apply and
     * Cancel both read "\u2026" cannot be told apart.
     */
    static void keepLabelWhole(javafx.scene.control.Control... controls) {
        for (javafx.scene.control.Control c : controls) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
    }

    private void showPlan(ConversionPlan p) {
        if (vm.planErrorProperty().get() != null) {
            summary.setText("The plan could not be computed: " + vm.planErrorProperty().get());
            summary.getStyleClass().add(Styles.DANGER);
            return;
        }
        summary.getStyleClass().remove(Styles.DANGER);
        if (p == null) {
            summary.setText("Computing the plan from the live cluster state\u2026");
            return;
        }
        PlanSummary s = p.summary();
        chips.getChildren().setAll(chip(s.serviceAccountsToConvert() + " to convert", "-color-accent-subtle"),
                chip(s.serviceAccountsAlreadyDone() + " already converted", "-color-success-subtle"),
                chip(s.serviceAccountsSkipped() + " skipped", s.serviceAccountsSkipped() > 0
                        ? "-color-warning-subtle" : "-color-bg-subtle"),
                chip(s.roleTrustUpdates() + " trust updates", "-color-bg-subtle"),
                chip(s.associations() + " associations", "-color-bg-subtle"),
                chip(s.workloadRestarts() + " restarts", "-color-bg-subtle"),
                chip(s.cleanUpSteps() + " clean-up", "-color-bg-subtle"),
                chip(s.externalRequests() + " owner requests", s.externalRequests() > 0
                        ? "-color-warning-subtle" : "-color-bg-subtle"));
        summary.setText(String.format("Cluster %s (account %s) \u00b7 %d service accounts selected \u00b7 %d steps "
                        + "to apply, %d to convert, %d skipped%s", p.cluster().name(), p.cluster().account(),
                s.serviceAccountsSelected(), s.steps(), s.serviceAccountsToConvert(), s.serviceAccountsSkipped(),
                (vm.flagsProperty().get().excluded().isEmpty() ? "" : ", " + vm.flagsProperty().get().excluded().size()
                        + " not included (IRSA broken today: opt in on the Service accounts tab)")
                        + (vm.accountsNote() == null ? "" : "\n" + vm.accountsNote())));
        preview.show(p, vm.flagsProperty().get());
    }

    private static Label chip(String text, String background) {
        Label l = new Label(text);
        l.setStyle("-fx-background-color: " + background + "; -fx-background-radius: 10; -fx-padding: 2 10 2 10;"
                + "-fx-border-color: -color-border-muted; -fx-border-radius: 10;");
        return l;
    }

    private void updateProgress() {
        long finished = vm.steps().stream().filter(r -> r.state() != StepRow.State.PENDING
                && r.state() != StepRow.State.RUNNING).count();
        long failed = vm.steps().stream().filter(r -> r.state() == StepRow.State.FAILED).count();
        int total = vm.steps().size();
        progressBar.setProgress(total == 0 ? 0 : (double) finished / total);
        progressTitle.setText(finished + " of " + total + " steps finished" + (failed > 0 ? " \u00b7 " + failed
                + " failed" : ""));
    }

    private void save(PlanExport f) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the plan as " + f.label());
        chooser.setInitialFileName(f.fileName());
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file.toPath(), vm.export(f), StandardCharsets.UTF_8);
            status.textProperty().unbind();
            status.setText("Saved " + f.label() + " to " + file);
        } catch (IOException | RuntimeException e) {
            status.textProperty().unbind();
            status.setText("Could not save " + file + ": " + e.getMessage() + ". Use Copy instead.");
        }
    }

    private void copy(PlanExport f) {
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.export(f));
        Clipboard.getSystemClipboard().setContent(content);
        status.textProperty().unbind();
        status.setText(f.label() + " copied to the clipboard");
    }

    /** A step with its state icon and the engine's detail; rows notify the list when they change. */
    private static final class StepCell extends ListCell<StepRow> {

        @Override
        protected void updateItem(StepRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            FontIcon icon = switch (row.state()) {
                case PENDING -> icon(MaterialDesignC.CIRCLE_OUTLINE, "-color-fg-muted");
                case RUNNING -> icon(MaterialDesignP.PROGRESS_CLOCK, "-color-accent-fg");
                case DONE -> icon(MaterialDesignC.CHECK_CIRCLE, "-color-success-fg");
                case FAILED -> icon(MaterialDesignC.CLOSE_CIRCLE, "-color-danger-fg");
                case SKIPPED -> icon(MaterialDesignS.SKIP_NEXT_CIRCLE, "-color-warning-fg");
                case NOT_RUN -> icon(MaterialDesignC.CANCEL, "-color-fg-muted");
            };
            Label title = new Label(row.title());
            VBox text = new VBox(1, title);
            if (!row.detailProperty().get().isEmpty()) {
                Label detail = new Label(row.detailProperty().get());
                detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                detail.setWrapText(true);
                text.getChildren().add(detail);
            }
            HBox box = new HBox(8, icon, text);
            box.setAlignment(Pos.CENTER_LEFT);
            setGraphic(box);
        }

        private static FontIcon icon(org.kordamp.ikonli.Ikon ikon, String color) {
            FontIcon icon = new FontIcon(ikon);
            icon.setIconSize(16);
            // FontIcon keeps its font in its inline style: append, never replace
            icon.setStyle(icon.getStyle() + "-fx-icon-color: " + color + ";");
            return icon;
        }
    }
}
