package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.engine.live.IdentityState;
import io.eksid.ui.graph.GraphCanvas;
import io.eksid.ui.graph.GraphPalette;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The console window on an in-process sandbox, driven as a user would, headless. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    @TempDir
    static Path dir;

    private static ConsoleHarness console;
    private static Scene scene;

    @BeforeAll
    static void sandbox() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        org.testfx.api.FxToolkit.setupFixture(() -> console = new ConsoleHarness(dir));
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Start
    void start(Stage stage) {
        if (scene == null) {
            scene = new Scene(console.view, 1400, 900);
            scene.getStylesheets().add(getClass().getResource("/io/eksid/ui/console.css").toExternalForm());
            console.theme.attach(console.view);
        }
        stage.setScene(scene);
        stage.show();
        if (console.vm.currentContextProperty().get() == null) {
            console.vm.start("acme-prod");
        }
    }

    private static IdentityState awaitState() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            IdentityState s = console.vm.stateProperty().get();
            return s != null && s.graph().counts().pods() > 100 && s.lastAwsRefresh() != null
                    && !s.snapshot().associations().isEmpty();
        });
        return console.vm.stateProperty().get();
    }

    @Test
    void graphAndStatusBarShowTheScenarioAsKubernetesReportsIt(FxRobot robot) throws Exception {
        IdentityState s = awaitState();
        try (KubernetesClient k = new KubernetesClientBuilder().withConfig(
                Config.fromKubeconfig("acme-prod", Files.readString(console.sandbox.kubeconfigPath()), null)).build()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> console.vm.stateProperty().get().graph().counts()
                    .serviceAccounts() == k.serviceAccounts().inAnyNamespace().list().getItems().size());
            long annotated = k.serviceAccounts().inAnyNamespace().list().getItems().stream()
                    .filter(sa -> sa.getMetadata().getAnnotations() != null
                            && sa.getMetadata().getAnnotations().containsKey("eks.amazonaws.com/role-arn")).count();
            assertThat(console.vm.stateProperty().get().graph().counts().irsaMappings()).isEqualTo((int) annotated);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> console.vm.graphProperty().get().nodeCount() > 40);
        Label counts = robot.lookup("#status-counts").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.getText().contains(
                console.vm.stateProperty().get().graph().counts().serviceAccounts() + " service accounts"));
        assertThat(robot.lookup("#sandbox-banner").query().isVisible()).isTrue();
        assertThat(robot.lookup("#convert-irsa").queryButton().getText())
                .contains("(" + s.graph().convertibleIrsaMappings().size() + ")");
    }

    @Test
    void searchingAServiceAccountSelectsItAndFillsTheInspectorWithExplain(FxRobot robot) {
        awaitState();
        TextField search = robot.lookup("#search").queryAs(TextField.class);
        robot.interact(search::clear);
        robot.clickOn(search).write("catalog-images").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sa:catalog/catalog-images"
                .equals(console.vm.selectedNodeIdProperty().get()));
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup(".inspector .title").queryAs(Label.class)
                .getText().equals("catalog-images"));
        assertThat(robot.lookup("IRSA \u2014 explain").tryQuery()).isPresent();
        assertThat(robot.lookup("#graph-canvas").queryAs(GraphCanvas.class).selectedIdProperty().get())
                .isEqualTo("sa:catalog/catalog-images");
    }

    @Test
    void unknownSearchSaysSoAtTheField(FxRobot robot) {
        awaitState();
        TextField search = robot.lookup("#search").queryAs(TextField.class);
        robot.interact(search::clear);
        robot.clickOn(search).write("no-such-thing-anywhere").type(KeyCode.ENTER);
        assertThat(robot.lookup("No match for \u201cno-such-thing-anywhere\u201d").tryQuery()).isPresent();
    }

    @Test
    void liveChurnUpdatesTheViewWithoutFreezingIt(FxRobot robot) throws Exception {
        awaitState();
        int before = console.vm.graphUpdatesProperty().get();
        console.sandbox.cluster("acme-prod").startChurn(25);
        try {
            long worst = 0;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (System.nanoTime() < until) {
                long t0 = System.nanoTime();
                CompletableFuture<Void> ping = new CompletableFuture<>();
                Platform.runLater(() -> ping.complete(null));
                ping.get(5, TimeUnit.SECONDS); // a frozen FX thread fails here
                worst = Math.max(worst, System.nanoTime() - t0);
                Thread.sleep(50);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> console.vm.graphUpdatesProperty().get() > before);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(worst)).isLessThan(5);
        } finally {
            console.sandbox.cluster("acme-prod").stopChurn();
        }
    }

    @Test
    void themeToggleSwitchesTheGraphPalette(FxRobot robot) {
        awaitState();
        GraphCanvas canvas = robot.lookup("#graph-canvas").queryAs(GraphCanvas.class);
        robot.clickOn("#theme-toggle");
        await().atMost(Duration.ofSeconds(5)).until(() -> canvas.paletteProperty().get().equals(GraphPalette.dark()));
        robot.clickOn("#theme-toggle");
        await().atMost(Duration.ofSeconds(5)).until(() -> canvas.paletteProperty().get().equals(GraphPalette.light()));
    }

    @Test
    void convertButtonOpensTheWizardForTheWholeCluster(FxRobot robot) {
        awaitState();
        robot.clickOn("#convert-irsa");
        assertThat(console.wizardCalls).contains("convert []");
    }

    @Test
    void graphExportsAsSvgAndPng(FxRobot robot) throws Exception {
        awaitState();
        await().atMost(Duration.ofSeconds(30)).until(() -> console.vm.graphProperty().get().nodeCount() > 40);
        Path svg = dir.resolve("graph.svg");
        Path png = dir.resolve("graph.png");
        robot.interact(() -> {
            console.view.graphPane().exportTo(svg, "svg");
            console.view.graphPane().exportTo(png, "png");
        });
        assertThat(Files.readString(svg)).startsWith("<svg").contains("catalog-images");
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }
}
