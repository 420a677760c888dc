package io.eksid.ui.wizard;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The new-association wizard's confirm step: the frozen plan's exact calls, numbered, with their count; after the
 * apply, the offer to restart the workloads whose running pods still have their old credentials.
 */
final class AssociationConfirmPane extends VBox {

    private final NewAssociationModel vm;
    private final VBox calls = new VBox(3);

    AssociationConfirmPane(NewAssociationModel vm, String clusterName, String account) {
        super(10);
        this.vm = vm;
        setId("association-confirm");
        setPadding(new Insets(12, 0, 12, 0));
        Label heading = new Label();
        heading.setId("confirm-count");
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setWrapText(true);
        heading.textProperty().bind(Bindings.createStringBinding(() -> vm.confirmedCallsProperty().get() == null
                ? "" : "Write " + vm.confirmedCallsProperty().get().count() + " to cluster " + clusterName
                + " (account " + account + ")", vm.confirmedCallsProperty()));
        calls.setId("confirm-calls");
        calls.setPadding(new Insets(8, 10, 8, 10));
        calls.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 6;"
                + "-fx-border-color: -color-border-default; -fx-border-radius: 6;");
        vm.confirmedCallsProperty().addListener((o, a, c) -> showCalls(c));
        Label journal = new Label("Each call is journaled before it is sent; the Activity tab can roll the whole "
                + "change back.");
        journal.setWrapText(true);
        journal.getStyleClass().add(Styles.TEXT_MUTED);
        FontIcon icon = new FontIcon(MaterialDesignA.ALERT_OUTLINE);
        // a bare icon keeps its font in its inline style and takes no theme colour: append one
        icon.setStyle(icon.getStyle() + "-fx-icon-color: -color-fg-muted;");
        HBox warning = new HBox(8, icon, journal);
        warning.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(heading, calls, warning, restart());
    }

    private void showCalls(AssociationCalls c) {
        calls.getChildren().clear();
        if (c == null) {
            return;
        }
        String title = null;
        for (int i = 0; i < c.calls().size(); i++) {
            if (!c.titles().get(i).equals(title)) {
                title = c.titles().get(i);
                Label step = new Label(title);
                step.getStyleClass().add(Styles.TEXT_BOLD);
                step.setPadding(new Insets(i == 0 ? 0 : 6, 0, 0, 0));
                calls.getChildren().add(step);
            }
            // a space after each JSON comma lets a long call wrap between fields, not inside an ARN
            Label l = new Label((i + 1) + ". " + c.calls().get(i).replace("\",\"", "\", \""));
            l.setId("confirm-call-" + (i + 1));
            l.setWrapText(true);
            l.setPadding(new Insets(0, 0, 0, 14));
            l.setStyle("-fx-font-family: 'Monospaced';");
            calls.getChildren().add(l);
        }
    }

    /** The restart offer: its text, a button that asks for the confirmation, the confirmation, the result. */
    private VBox restart() {
        RestartOffer offer = vm.restartOffer();
        Label text = new Label();
        text.setId("restart-offer");
        text.setWrapText(true);
        text.textProperty().bind(offer.offerProperty());
        Button ask = new Button("Restart\u2026", new FontIcon(MaterialDesignR.RESTART));
        ask.setId("restart-workload");
        ask.setOnAction(e -> offer.request());
        ask.visibleProperty().bind(offer.stateProperty().isEqualTo(RestartOffer.State.OFFERED));
        ask.managedProperty().bind(ask.visibleProperty());
        ConversionWizardView.keepLabelWhole(ask);

        Label confirmText = new Label();
        confirmText.setId("restart-confirm-text");
        confirmText.setWrapText(true);
        confirmText.textProperty().bind(offer.confirmationProperty());
        HBox.setHgrow(confirmText, javafx.scene.layout.Priority.ALWAYS);
        Button yes = new Button("Restart now");
        yes.setId("confirm-restart");
        yes.getStyleClass().add(Styles.DANGER);
        yes.setOnAction(e -> offer.confirm());
        Button no = new Button("Not now");
        no.setId("decline-restart");
        no.setOnAction(e -> offer.decline());
        ConversionWizardView.keepLabelWhole(yes, no);
        HBox confirm = new HBox(10, confirmText, no, yes);
        confirm.setAlignment(Pos.CENTER_LEFT);
        confirm.setPadding(new Insets(8));
        confirm.setStyle("-fx-background-color: -color-warning-subtle; -fx-background-radius: 6;");
        confirm.visibleProperty().bind(offer.stateProperty().isEqualTo(RestartOffer.State.CONFIRMING));
        confirm.managedProperty().bind(confirm.visibleProperty());

        Label result = new Label();
        result.setId("restart-result");
        result.setWrapText(true);
        result.textProperty().bind(offer.resultProperty());
        HBox offerRow = new HBox(10, text, ask);
        offerRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
        VBox box = new VBox(8, offerRow, confirm, result);
        box.setPadding(new Insets(10));
        box.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6;");
        box.visibleProperty().bind(offer.stateProperty().isNotEqualTo(RestartOffer.State.NONE));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }
}
