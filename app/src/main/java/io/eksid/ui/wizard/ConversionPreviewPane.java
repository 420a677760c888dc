package io.eksid.ui.wizard;

import atlantafx.base.theme.Styles;
import io.eksid.model.plan.AlreadyDone;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ExternalRequest;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.PlannedServiceAccount;
import io.eksid.model.plan.SkippedItem;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/** The preview of a plan: trust diffs per role, steps per service account, what is skipped and why, owner requests. */
final class ConversionPreviewPane extends TabPane {

    private final Tab trust = new Tab();
    private final Tab accounts = new Tab();
    private final Tab skipped = new Tab();
    private final Tab requests = new Tab();
    private final java.util.function.BiConsumer<io.eksid.model.ServiceAccountRef, Boolean> includeBroken;

    /** @param includeBroken opts a broken IRSA mapping in (true) or out of the plan */
    ConversionPreviewPane(java.util.function.BiConsumer<io.eksid.model.ServiceAccountRef, Boolean> includeBroken) {
        this.includeBroken = includeBroken;
        getTabs().addAll(trust, accounts, skipped, requests);
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        trust.setId("tab-trust");
        accounts.setId("tab-accounts");
        skipped.setId("tab-skipped");
        requests.setId("tab-requests");
    }

    void show(ConversionPlan plan, PreviewFlags flags) {
        List<TrustChange> changes = TrustChange.of(plan);
        trust.setText("Role trust (" + changes.size() + ")");
        trust.setContent(scroll(changes.isEmpty() ? List.of(muted("No trust policy changes: every role already "
                + "trusts Pod Identity.")) : changes.stream().map(c -> (Node) new TrustDiffView(c)).toList()));

        List<Node> sas = new java.util.ArrayList<>();
        for (io.eksid.model.ServiceAccountRef ref : flags.excluded()) {
            sas.add(broken(ref, flags.brokenIrsa().get(ref), false));
        }
        int shown = 0;
        for (PlannedServiceAccount p : plan.planned()) {
            if (!flags.excluded().contains(p.serviceAccount())) {
                sas.add(serviceAccount(plan, p, flags));
                shown++;
            }
        }
        accounts.setText("Service accounts (" + shown + (flags.excluded().isEmpty() ? "" : ", "
                + flags.excluded().size() + " not included") + ")");
        for (AlreadyDone d : plan.alreadyDone()) {
            sas.add(row(new FontIcon(MaterialDesignC.CHECK_CIRCLE_OUTLINE), d.serviceAccount() + " \u2014 already "
                    + "converted", d.detail()));
        }
        accounts.setContent(scroll(sas.isEmpty() ? List.of(muted("No service account to convert.")) : sas));

        skipped.setText("Skipped (" + plan.skipped().size() + ")");
        skipped.setContent(scroll(plan.skipped().isEmpty() ? List.of(muted("Nothing skipped."))
                : plan.skipped().stream().map(ConversionPreviewPane::skippedRow).toList()));

        requests.setText("Owner requests (" + plan.externalRequests().size() + ")");
        requests.setContent(scroll(plan.externalRequests().isEmpty()
                ? List.of(muted("Nothing to ask other accounts' owners."))
                : plan.externalRequests().stream().map(ConversionPreviewPane::request).toList()));
    }

    private Node serviceAccount(ConversionPlan plan, PlannedServiceAccount p, PreviewFlags flags) {
        String why = flags.brokenIrsa().get(p.serviceAccount());
        VBox box = why == null ? card() : (VBox) broken(p.serviceAccount(), why, true);
        if (why == null) {
            Label name = new Label(p.serviceAccount() + "  \u2192  " + p.associationRoleArn());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            box.getChildren().add(name);
        } else {
            box.getChildren().add(muted("\u2192  " + p.associationRoleArn()));
        }
        String hostNetwork = flags.hostNetworkNote(p.serviceAccount());
        if (hostNetwork != null) {
            Label note = new Label(hostNetwork, new FontIcon(MaterialDesignA.ALERT_OUTLINE));
            note.setId("host-network-" + p.serviceAccount().namespace() + "-" + p.serviceAccount().name());
            note.getStyleClass().add("host-network-note");
            note.setWrapText(true);
            box.getChildren().add(note);
        }
        if (p.targetRoleArn() != null) {
            box.getChildren().add(muted("chains to " + p.targetRoleArn() + " (targetRoleArn)"));
        }
        if (p.addonName() != null) {
            box.getChildren().add(muted("owned by the add-on " + p.addonName() + ": set through the add-on's "
                    + "podIdentityAssociations"));
        }
        int n = 1;
        for (String id : p.stepIds()) {
            PlanStep s = plan.step(id).orElse(null);
            if (s != null) {
                Label step = new Label((n++) + ". " + s.title() + (s.kind().cleanUp() ? "  (after verification)" : ""));
                step.setWrapText(true);
                box.getChildren().add(step);
            }
        }
        return box;
    }

    /**
     * A service account whose IRSA mapping gives its pods no credentials today: converting it grants credentials
     * they do not have, so it is in the plan only once the user ticks it.
     */
    private Node broken(io.eksid.model.ServiceAccountRef ref, String why, boolean included) {
        VBox box = card();
        box.setStyle(box.getStyle() + "-fx-background-color: -color-warning-subtle; -fx-background-radius: 6;");
        Label title = new Label(ref + " \u2014 grants credentials these pods do not have today"
                + (included ? "" : " (not included)"), new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setWrapText(true);
        Label detail = new Label("Its IRSA mapping is broken (" + why.replaceAll("[.\\s]+$", "") + "), so its pods get no AWS credentials now; "
                + "after the conversion they would get the role's.");
        detail.setWrapText(true);
        javafx.scene.control.CheckBox include = new javafx.scene.control.CheckBox("Convert anyway: give these pods "
                + "the role's credentials");
        include.setId("include-broken-" + ref.namespace() + "-" + ref.name());
        include.setSelected(included);
        include.selectedProperty().addListener((o, a, b) -> includeBroken.accept(ref, b));
        box.getChildren().addAll(title, detail, include);
        return box;
    }

    private static Node skippedRow(SkippedItem s) {
        String reason = s.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return row(new FontIcon(MaterialDesignA.ALERT_OUTLINE), s.serviceAccount() + " \u2014 " + reason,
                s.detail() + (s.roleArn() == null ? "" : "  (" + s.roleArn() + ")"));
    }

    private static Node request(ExternalRequest r) {
        VBox box = card();
        Label title = new Label("Ask the owner of account " + r.account() + " to update " + r.roleArn());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        TextArea statement = new TextArea(r.statementJson());
        statement.setEditable(false);
        statement.setPrefRowCount(Math.min(14, (int) r.statementJson().lines().count() + 1));
        statement.setStyle("-fx-font-family: 'Monospaced';");
        box.getChildren().addAll(title, muted(r.reason() + " \u2014 for " + r.serviceAccounts().stream()
                .map(Object::toString).collect(Collectors.joining(", "))), statement);
        return box;
    }

    private static Node row(FontIcon icon, String title, String detail) {
        VBox box = card();
        Label t = new Label(title, icon);
        t.getStyleClass().add(Styles.TEXT_BOLD);
        Label d = new Label(detail);
        d.setWrapText(true);
        box.getChildren().addAll(t, d);
        return box;
    }

    private static VBox card() {
        VBox box = new VBox(4);
        box.setPadding(new Insets(8, 10, 8, 10));
        box.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6;");
        return box;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private static ScrollPane scroll(List<Node> nodes) {
        VBox box = new VBox(10);
        box.setPadding(new Insets(10));
        box.getChildren().addAll(nodes);
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        return sp;
    }

}
