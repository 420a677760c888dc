package io.eksid.ui.wizard;

import static io.eksid.ui.wizard.WizardFx.node;
import static io.eksid.ui.wizard.WizardFx.onFx;
import static io.eksid.ui.wizard.WizardFx.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.CancellationToken;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.Selection;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import io.eksid.ui.ActivityEntry;
import io.eksid.ui.ActivityView;
import io.eksid.ui.FxTaskRunner;
import io.eksid.ui.theme.ThemeManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Rolling back a run from its window (headless Monocle) on the acme sandbox: the confirmation counts what will be
 * undone per kind before anything is undone, progress shows while it runs, and a rolled-back run no longer offers
 * Roll back, in the Activity tab or in the rollback window, and says why.
 */
class RollbackFxTest {

    static final ServiceAccountRef SA = new ServiceAccountRef("payments", "payments-api");

    @TempDir
    static Path dir;
    static WizardSandbox sandbox;
    static ClusterSnapshot snapshot;
    static WorkspacePlanRunner runner;
    static ExecutorService background;
    static ThemeManager theme;
    final FxRobot robot = new FxRobot();

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

    private RollbackModel open(String journalId, List<ActivityEntry> activity, Stage[] stage) throws Exception {
        return onFx(() -> {
            RollbackModel m = new RollbackModel(journalId, sandbox.journals, new FxTaskRunner(background), runner,
                    new SimpleBooleanProperty(), new SimpleBooleanProperty(), activity::add, () -> { },
                    Clock.systemUTC());
            stage[0] = WizardFx.show(new RollbackView(m, () -> stage[0].close()), theme, 900, 600);
            m.load();
            return m;
        });
    }

    @Test
    void theConfirmationCountsWhatIsUndoneProgressShowsAndARolledBackRunOffersNoSecondRollback() throws Exception {
        ConversionPlan plan = new ConversionPlanner(new TrustEvaluator(), new TrustRewriter())
                .plan(snapshot, Selection.of(SA), ConversionOptions.defaults());
        ApplyResult applied = runner.apply(plan, e -> { }, new CancellationToken());
        assertThat(applied.outcome()).isEqualTo(ApplyResult.Outcome.COMPLETED);
        String id = JournalFiles.runId(applied.journal());
        List<ActivityEntry> log = new CopyOnWriteArrayList<>();

        Stage[] stage = new Stage[1];
        RollbackModel m = open(id, log, stage);
        List<RollbackModel.Phase> phases = new CopyOnWriteArrayList<>();
        onFx(() -> {
            m.phaseProperty().addListener((o, a, b) -> phases.add(b));
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> node("#confirm-rollback").isVisible()));
        List<String> counts = onFx(() -> ((VBox) node("#rollback-counts")).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(counts).contains("\u2022 1 trust policy restored", "\u2022 1 association deleted",
                "\u2022 1 workload restarted again (its pods return to the old credentials)",
                "\u2022 1 agent add-on kept (other associations may rely on it)");
        assertThat(onFx(() -> text("#rollback-message"))).contains("3 changes undone, newest first");
        assertThat(sandbox.sandbox.awsWorld().hasPodIdentityAssociation("acme-prod", SA.namespace(), SA.name()))
                .as("nothing undone before the confirmation").isTrue();

        robot.clickOn("#confirm-rollback");
        await().atMost(Duration.ofSeconds(90)).until(() -> onFx(() -> m.phaseProperty().get())
                == RollbackModel.Phase.FINISHED);
        assertThat(phases).containsSubsequence(RollbackModel.Phase.RUNNING, RollbackModel.Phase.FINISHED);
        assertThat(onFx(() -> node("#rollback-progress").isVisible())).isTrue();
        assertThat(onFx(() -> ((ProgressBar) node("#rollback-progress")).getProgress())).isEqualTo(1.0);
        int rows = onFx(() -> m.rows().size());
        assertThat(onFx(() -> text("#rollback-progress-title"))).isEqualTo(rows + " of " + rows
                + " steps rolled back");
        assertThat(onFx(() -> m.rows().stream().map(StepRow::state).toList()))
                .doesNotContain(StepRow.State.PENDING, StepRow.State.RUNNING, StepRow.State.FAILED);
        assertThat(onFx(() -> text("#rollback-result"))).startsWith("Rolled back " + id + ": 3 changes undone");
        assertThat(sandbox.sandbox.awsWorld().hasPodIdentityAssociation("acme-prod", SA.namespace(), SA.name()))
                .isFalse();
        onFx(() -> {
            stage[0].close();
            return null;
        });

        // the Activity tab: Roll back is offered for the run, and replaced by "Rolled back" once it is
        ObservableList<ActivityEntry> activity = onFx(() -> FXCollections.observableArrayList(
                new ActivityEntry(Instant.now(), ActivityEntry.Kind.CONVERSION, "Conversion of " + SA, "", id)));
        Stage[] tab = new Stage[1];
        onFx(() -> {
            tab[0] = WizardFx.show(new ActivityView(activity, x -> { }), theme, 1000, 300);
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> rollbackButton(id) != null));
        ActivityEntry rollbackEntry = log.stream().filter(e -> e.kind() == ActivityEntry.Kind.ROLLBACK)
                .findFirst().orElseThrow();
        onFx(() -> {
            activity.add(0, rollbackEntry);
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> node("#rolled-back-" + id) != null));
        assertThat(onFx(() -> rollbackButton(id))).isNull();
        assertThat(onFx(() -> ((Label) node("#rolled-back-" + id)).getTooltip().getText()))
                .contains("nothing is left to roll back");
        onFx(() -> {
            tab[0].close();
            return null;
        });

        // and the rollback window, opened again on it, says why there is nothing to do
        RollbackModel again = open(id, log, stage);
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> again.phaseProperty().get())
                == RollbackModel.Phase.NOTHING_TO_DO);
        assertThat(onFx(() -> text("#rollback-message"))).startsWith("Already rolled back");
        assertThat(onFx(() -> node("#confirm-rollback").isVisible())).isFalse();
        onFx(() -> {
            stage[0].close();
            return null;
        });
    }

    private static Button rollbackButton(String id) {
        return WizardFx.allNodes(".button").stream().filter(n -> n instanceof Button b
                && ("Roll back " + id).equals(b.getText())).map(n -> (Button) n).findFirst().orElse(null);
    }
}
