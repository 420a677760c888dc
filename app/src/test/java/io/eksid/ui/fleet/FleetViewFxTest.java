package io.eksid.ui.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.engine.live.WorkspaceSource;
import io.eksid.ui.ConsoleHarness;
import io.eksid.ui.FxTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Fleet view in the window, on the sandbox's two clusters plus a context from a second kubeconfig file
 * whose API server does not answer: every context gets a row, the unreachable one fails alone with the fix, a
 * click on a context opens it and "Convert IRSA…" opens its conversion preview.
 */
@ExtendWith(ApplicationExtension.class)
class FleetViewFxTest {

    @TempDir
    static Path dir;

    private static ConsoleHarness console;
    private static FleetConsole fleet;
    private static Scene scene;

    @BeforeAll
    static void setUp() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        Path offline = dir.resolve("offline-kubeconfig");
        Files.writeString(offline, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: offline
                  cluster:
                    server: http://127.0.0.1:9
                users:
                - name: offline
                  user:
                    token: nothing
                contexts:
                - name: offline-cluster
                  context:
                    cluster: offline
                    user: offline
                current-context: offline-cluster
                """);
        org.testfx.api.FxToolkit.setupFixture(() -> {
            console = new ConsoleHarness(dir);
            console.workspace.addSource(new WorkspaceSource("offline", List.of(offline), null, null, null));
            fleet = console.components.attachFleet(Map::of, subjects -> console.wizardCalls.add("convert "
                    + subjects + " on " + console.vm.currentContextProperty().get()));
        });
    }

    @AfterAll
    static void tearDown() {
        if (console != null) { // closes the fleet's workspace too
            console.close();
        }
    }

    @Start
    void start(Stage stage) {
        if (scene == null) {
            scene = console.scene(1500, 940);
            console.vm.start("acme-prod");
        }
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void listsEveryContextOpensOneAndConvertsFromARow(FxRobot robot) throws Exception {
        robot.clickOn("#show-fleet");
        assertThat(console.view.getCenter()).isSameAs(fleet.view());
        robot.clickOn("#fleet-refresh");
        await().atMost(Duration.ofSeconds(120)).until(() -> !fleet.model().runningProperty().get()
                && fleet.model().rows().size() == 3);
        List<FleetRow> rows = fleet.model().rows();
        assertThat(rows).extracting(FleetRow::context)
                .containsExactlyInAnyOrder("acme-prod", "acme-staging", "offline-cluster");
        FleetRow prod = row("acme-prod");
        assertThat(prod.state()).isIn(FleetRow.State.OK, FleetRow.State.DEGRADED);
        assertThat(prod.account()).isEqualTo("111122223333");
        assertThat(prod.region()).isEqualTo("us-west-2");
        assertThat(prod.irsaMappings()).isPositive();
        assertThat(prod.convertible()).isPositive();
        assertThat(prod.critical() + prod.errors() + prod.warnings() + prod.infos()).isPositive();
        assertThat(prod.agent()).isEqualTo("missing");
        assertThat(row("acme-staging").agent()).isEqualTo("present");
        FleetRow offline = row("offline-cluster");
        assertThat(offline.state()).isEqualTo(FleetRow.State.FAILED);
        assertThat(offline.reason()).isNotBlank();
        assertThat(offline.fix()).isNotBlank();
        assertThat(fleet.view().table().getItems()).hasSize(3);
        assertThat(fleet.model().summaryProperty().get()).contains("3 contexts scanned").contains("1 failed");

        robot.interact(() -> fleet.model().filterProperty().set("offline"));
        assertThat(fleet.view().table().getItems()).extracting(FleetRow::context).containsExactly("offline-cluster");
        robot.interact(() -> fleet.model().filterProperty().set(""));
        robot.clickOn("Failed");
        javafx.scene.control.Label detail = robot.lookup("#fleet-detail").queryAs(javafx.scene.control.Label.class);
        assertThat(detail.getText()).startsWith("offline-cluster: Failed").contains("Fix: " + offline.fix());
        saveScreenshot(robot);

        robot.clickOn("acme-staging");
        assertThat(console.view.getCenter()).isNotSameAs(fleet.view());
        await().atMost(Duration.ofSeconds(60)).until(() -> console.vm.stateProperty().get() != null
                && console.vm.stateProperty().get().contextName().equals("acme-staging"));

        robot.clickOn("#show-fleet");
        robot.interact(() -> {
            fleet.view().table().getSortOrder().clear();
            fleet.view().table().getItems().stream().filter(r -> r.context().equals("acme-prod")).findFirst()
                    .ifPresent(r -> fleet.view().table().scrollTo(r));
        });
        robot.clickOn(robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && b.getText() != null && b.getText().startsWith("Convert IRSA") && isInRowOf(b, "acme-prod")).queryButton());
        await().atMost(Duration.ofSeconds(90)).until(() -> console.wizardCalls.contains("convert [] on acme-prod"));
    }

    private static boolean isInRowOf(javafx.scene.Node node, String context) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.TableRow<?> row && row.getItem() instanceof FleetRow r) {
                return r.context().equals(context);
            }
        }
        return false;
    }

    private static FleetRow row(String context) {
        return fleet.model().rows().stream().filter(r -> r.context().equals(context)).findFirst().orElseThrow();
    }

    private static void saveScreenshot(FxRobot robot) throws Exception {
        console.screenshots(robot, scene, "fleet-light.png", 500);
    }
}
