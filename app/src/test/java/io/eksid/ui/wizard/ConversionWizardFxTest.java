package io.eksid.ui.wizard;

import static io.eksid.ui.wizard.WizardFx.node;
import static io.eksid.ui.wizard.WizardFx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlannedServiceAccount;
import io.eksid.model.plan.Selection;
import io.eksid.ui.FxTaskRunner;
import io.eksid.ui.theme.ThemeManager;
import io.eksid.ui.theme.ThemeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The conversion wizard in its window (headless Monocle) on the acme sandbox: the host-network note once per
 * service account in the preview, broken IRSA mappings flagged and opt-in, and the summary when the apply ends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConversionWizardFxTest {

    static final ServiceAccountRef BROKEN = new ServiceAccountRef("checkout", "checkout-worker");

    @TempDir
    static Path dir;
    static WizardSandbox sandbox;
    static ClusterSnapshot snapshot;
    static WorkspacePlanRunner runner;
    static ExecutorService background;
    static ThemeManager theme;
    final FxRobot robot = new FxRobot();
    ConversionWizardModel model;
    Stage stage;

    @BeforeAll
    static void start() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        sandbox = new WizardSandbox(dir);
        snapshot = sandbox.liveSnapshot();
        runner = sandbox.runner();
        background = Executors.newFixedThreadPool(2);
        theme = onFx(WizardFx::lightTheme);
    }

    @AfterAll
    static void stop() {
        runner.close();
        background.shutdownNow();
        sandbox.close();
    }

    @AfterEach
    void closeWindow() throws Exception {
        onFx(() -> {
            stage.close();
            return null;
        });
    }

    private void open(Selection selection) throws Exception {
        onFx(() -> {
            model = new ConversionWizardModel(snapshot, selection, new FxTaskRunner(background), runner,
                    new SimpleBooleanProperty(), new SimpleBooleanProperty(), e -> { }, () -> { },
                    Clock.systemUTC());
            stage = WizardFx.show(new ConversionWizardView(model, () -> stage.close()), theme, 1180, 800);
            model.replan();
            return null;
        });
        awaitPlan();
    }

    private void awaitPlan() {
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> !model.planningProperty().get()
                && model.planProperty().get() != null));
    }

    private static List<Node> all(String query) throws Exception {
        return onFx(() -> {
            Node root = node("#conversion-wizard");
            root.applyCss();
            return List.copyOf(root.lookupAll(query));
        });
    }

    @Test
    @Order(1)
    void theHostNetworkNoteShowsOncePerServiceAccountInThePreview() throws Exception {
        open(Selection.allIrsa());
        ConversionPlan plan = onFx(() -> model.planProperty().get());
        PreviewFlags flags = onFx(() -> model.flagsProperty().get());
        long perPod = plan.notes().stream().filter(n -> n.contains("uses the host network")).count();
        assertThat(flags.hostNetworkPods()).isNotEmpty();
        // the plan (and every export) notes it once per pod; the preview once per service account
        assertThat(perPod).isGreaterThan(flags.hostNetworkPods().size());
        List<Node> notes = all(".host-network-note");
        assertThat(notes).hasSize(flags.hostNetworkPods().size());
        for (ServiceAccountRef sa : flags.hostNetworkPods().keySet()) {
            String text = onFx(() -> ((Label) node("#host-network-" + sa.namespace() + "-" + sa.name())).getText());
            assertThat(text).startsWith("Host network: " + flags.hostNetworkPods().get(sa).size() + " pod")
                    .contains("of " + sa).contains("not documented to work");
        }
    }

    @Test
    @Order(2)
    void aBrokenIrsaMappingIsFlaggedAndOnlyConvertedOnceTicked() throws Exception {
        open(Selection.allIrsa());
        ConversionPlan plan = onFx(() -> model.planProperty().get());
        assertThat(plan.planned()).extracting(PlannedServiceAccount::serviceAccount).doesNotContain(BROKEN);
        assertThat(onFx(() -> model.flagsProperty().get().excluded())).containsExactly(BROKEN);
        String box = "#include-broken-checkout-checkout-worker";
        assertThat(onFx(() -> ((CheckBox) node(box)).isSelected())).as("unticked by default").isFalse();
        assertThat(all(".label").stream().map(n -> ((Label) n).getText()))
                .contains("checkout/checkout-worker \u2014 grants credentials these pods do not have today "
                        + "(not included)");
        assertThat(onFx(() -> ((Label) node("#conversion-summary")).getText())).contains("1 not included");
        onFx(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) node("#conversion-wizard")
                    .lookup(".tab-pane");
            tabs.getSelectionModel().select(1);
            return null;
        });
        WizardFx.screenshot("#conversion-wizard", "conversion-broken-irsa-light.png");

        onFx(() -> {
            ((CheckBox) node(box)).setSelected(true);
            return null;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> model.planProperty().get().planned().stream()
                .anyMatch(p -> p.serviceAccount().equals(BROKEN))));
        awaitPlan();
        assertThat(onFx(() -> ((CheckBox) node(box)).isSelected())).isTrue();
        assertThat(all(".label").stream().map(n -> ((Label) n).getText()))
                .contains("checkout/checkout-worker \u2014 grants credentials these pods do not have today");

        onFx(() -> {
            ((CheckBox) node(box)).setSelected(false);
            return null;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> model.planProperty().get().planned().stream()
                .noneMatch(p -> p.serviceAccount().equals(BROKEN))));
    }

    @Test
    @Order(3)
    void theSummaryWhenTheApplyEndsSaysWhatWasDoneAndWhereTheJournalIs() throws Exception {
        open(Selection.of(new ServiceAccountRef("payments", "payments-api")));
        assertThat(onFx(() -> node("#apply-summary").isVisible())).isFalse();
        robot.clickOn("#apply");
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> node("#confirm-apply").isVisible()));
        robot.clickOn("#confirm-apply");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                onFx(() -> model.phaseProperty().get()) == ConversionWizardModel.Phase.FINISHED);
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> node("#apply-summary").isVisible()));
        List<String> lines = onFx(() -> ((VBox) node("#apply-summary-lines")).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList());
        ApplySummary s = onFx(() -> model.summaryProperty().get());
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("Steps: " + s.done() + " done, 0 skipped, 0 failed");
        assertThat(s.done()).isEqualTo(onFx(() -> model.planProperty().get().steps().size()));
        assertThat(lines.get(1)).startsWith("Roles rewritten: 1 \u00b7 associations created: 1");
        assertThat(lines.get(2)).startsWith("Pods to restart: none");
        assertThat(lines.get(3)).isEqualTo("Verification: 1 of 1 passed");
        assertThat(lines.get(4)).startsWith("Journal: ");
        assertThat(Path.of(lines.get(4).substring("Journal: ".length()))).isAbsolute().exists();
        assertThat(Files.size(Path.of(s.journal()))).isPositive();
        WizardFx.screenshot("#conversion-wizard", "conversion-summary-light.png");
        onFx(() -> {
            theme.modeProperty().set(ThemeMode.DARK);
            return null;
        });
        WizardFx.screenshot("#conversion-wizard", "conversion-summary-dark.png");
        onFx(() -> {
            theme.modeProperty().set(ThemeMode.LIGHT);
            return null;
        });
    }
}
