package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.engine.live.IdentityState;
import io.eksid.ui.graph.GraphCanvas;
import io.eksid.ui.graph.LaidOutGraph;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

/** What a newcomer reads at a glance: the graph uses the window, the toolbar fits, a palette finds anything. */
@ExtendWith(ApplicationExtension.class)
class GlanceFxTest {

    @TempDir
    static Path dir;

    private static ConsoleHarness console;
    private static Scene scene;
    private static Stage stage;

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
    void start(Stage s) {
        stage = s;
        if (scene == null) {
            scene = console.scene(1600, 1000);
        }
        s.setScene(scene);
        s.setWidth(1600);
        s.setHeight(1000);
        s.show();
        if (console.vm.currentContextProperty().get() == null) {
            console.vm.start("acme-prod");
        }
    }

    static LaidOutGraph awaitGraph() {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            IdentityState s = console.vm.stateProperty().get();
            return s != null && s.lastAwsRefresh() != null && !s.snapshot().associations().isEmpty()
                    && console.vm.graphProperty().get().indexOf("sa:checkout/checkout-worker") >= 0;
        });
        return console.vm.graphProperty().get();
    }

    private static GraphCanvas canvas() {
        return console.view.graphPane().canvas();
    }

    @Test
    void namespacesArePackedSoTheWholeGraphHasTheViewportsShape(FxRobot robot) {
        awaitGraph();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            LaidOutGraph g = canvas().graph();
            double viewport = canvas().getWidth() / (canvas().getHeight() - 24);
            double graph = g.width() / g.height();
            assertThat(graph / viewport).as("graph %s x %s in a %s x %s canvas", g.width(), g.height(),
                    canvas().getWidth(), canvas().getHeight()).isBetween(0.7, 1.45);
            assertThat(g.bands()).isGreaterThan(1);
        });
        List<LaidOutGraph.GroupBox> boxes = canvas().graph().groups();
        assertThat(boxes).hasSizeGreaterThan(10);
        for (int a = 0; a < boxes.size(); a++) {
            for (int b = a + 1; b < boxes.size(); b++) {
                LaidOutGraph.GroupBox p = boxes.get(a);
                LaidOutGraph.GroupBox q = boxes.get(b);
                boolean overlap = p.x() < q.x() + q.w() && q.x() < p.x() + p.w()
                        && p.y() < q.y() + q.h() && q.y() < p.y() + p.h();
                assertThat(overlap).as("%s overlaps %s", p.group(), q.group()).isFalse();
            }
        }
        LaidOutGraph g = canvas().graph();
        for (int i = 0; i < g.nodeCount(); i++) {
            for (int k = i + 1; k < g.nodeCount(); k++) {
                boolean overlap = g.x(i) < g.x(k) + g.w(k) && g.x(k) < g.x(i) + g.w(i)
                        && g.y(i) < g.y(k) + g.h(k) && g.y(k) < g.y(i) + g.h(i);
                assertThat(overlap).as("%s overlaps %s", g.node(i).id(), g.node(k).id()).isFalse();
            }
        }
    }

    @Test
    void at1280By760TheToolbarFitsAndTheLegendKeepsToASmallStrip(FxRobot robot) {
        awaitGraph();
        robot.interact(() -> {
            if (robot.lookup("#show-fleet").tryQuery().isEmpty()) {
                console.view.attachFleet(new javafx.scene.control.Label("fleet")); // as the app wires it
            }
            stage.setWidth(1280);
            stage.setHeight(760);
        });
        try {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            for (String id : List.of("#refresh", "#theme-toggle", "#convert-irsa", "#new-association",
                    "#who-can-open", "#show-fleet")) {
                javafx.scene.Node n = robot.lookup(id).query();
                javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
                assertThat(n.getScene()).as(id).isSameAs(scene);
                assertThat(n.isVisible() && b.getMinX() >= 0 && b.getMaxX() <= scene.getWidth() + 0.5)
                        .as("%s at %s in a %s wide window", id, b, scene.getWidth()).isTrue();
                assertThat(n.getParent()).as(id).isNotInstanceOf(javafx.scene.control.ContextMenu.class);
            }
            // nothing went into the toolbar's overflow menu
            javafx.scene.control.ToolBar bar = robot.lookup(".tool-bar").queryAllAs(javafx.scene.control.ToolBar.class)
                    .stream().filter(t -> t.getItems().contains(robot.lookup("#refresh").query())).findFirst()
                    .orElseThrow();
            for (javafx.scene.Node n : robot.from(bar).lookup(".tool-bar-overflow-button").queryAll()) {
                assertThat(n.isVisible()).as("the toolbar's overflow menu").isFalse();
            }
            robot.interact(() -> canvas().fit());
            javafx.scene.Node legend = console.view.graphPane().legend();
            javafx.geometry.Bounds l = legend.localToScene(legend.getLayoutBounds());
            javafx.geometry.Bounds c = canvas().localToScene(canvas().getLayoutBounds());
            javafx.geometry.Bounds pane = console.view.graphPane().localToScene(
                    console.view.graphPane().getLayoutBounds());
            assertThat(l.getHeight()).as("legend %s in a graph pane %s", l, pane).isLessThanOrEqualTo(60)
                    .isLessThan(pane.getHeight() * 0.15);
            LaidOutGraph g = canvas().graph();
            io.eksid.ui.graph.Viewport vp = canvas().viewport();
            double bottom = 0;
            for (int i = 0; i < g.nodeCount(); i++) {
                bottom = Math.max(bottom, vp.sy(g.y(i) + g.h(i)));
            }
            assertThat(c.getMinY() + bottom).as("fitted content bottom").isLessThanOrEqualTo(l.getMinY());
        } finally {
            robot.interact(() -> {
                stage.setWidth(1600);
                stage.setHeight(1000);
            });
        }
    }

    @Test
    void ctrlKGoesToAServiceAccountByPartOfItsNameAndRunsConvertByName(FxRobot robot) {
        awaitGraph();
        robot.interact(() -> console.vm.selectedNodeIdProperty().set(null));
        robot.interact(() -> canvas().requestFocus());
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.K)
                .release(javafx.scene.input.KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> console.view.palette().isShowing());
        robot.write("catalog-imag").type(javafx.scene.input.KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sa:catalog/catalog-images"
                .equals(console.vm.selectedNodeIdProperty().get()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sa:catalog/catalog-images"
                .equals(canvas().selectedIdProperty().get()));
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup(".inspector .title")
                .queryAs(javafx.scene.control.Label.class).getText().equals("catalog-images"));
        assertThat(console.view.palette().isShowing()).isFalse();

        console.wizardCalls.clear();
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.K)
                .release(javafx.scene.input.KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> console.view.palette().isShowing());
        robot.write("convert").type(javafx.scene.input.KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> console.wizardCalls.contains("convert []"));
    }

    @Test
    void savingTheGraphSaysWhereOrWhyNot(FxRobot robot) {
        awaitGraph();
        Path png = dir.resolve("graph.png");
        robot.interact(() -> console.view.graphPane().exportTo(png, "png"));
        // the file is written in the background; the activity log says so once it is
        await().atMost(Duration.ofSeconds(10)).until(() -> console.vm.activity().stream()
                .anyMatch(e -> e.summary().equals("Saved " + png)));
        assertThat(png).exists().isNotEmptyFile();
        Path nowhere = dir.resolve("no-such-folder").resolve("graph.svg");
        robot.interact(() -> console.view.graphPane().exportTo(nowhere, "svg"));
        await().atMost(Duration.ofSeconds(10)).until(() -> console.vm.activity().stream()
                .anyMatch(e -> e.kind() == ActivityEntry.Kind.ERROR
                        && e.summary().startsWith("Could not export the graph to " + nowhere)));
    }

    @Test
    void aFindingAWizardCanFixOffersItsPreviewAndOneItCannotOffersNone(FxRobot robot) {
        awaitGraph();
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<io.eksid.ui.tables.TableRows.FindingRow> table =
                (javafx.scene.control.TableView<io.eksid.ui.tables.TableRows.FindingRow>) console.view.tables()
                        .get("findings");
        await().atMost(Duration.ofSeconds(20)).until(() -> table.getItems().stream()
                .anyMatch(r -> r.code().equals("IRSA_TRUST_DENIES")));
        robot.interact(() -> console.view.tabs().getSelectionModel().select(4));
        console.wizardCalls.clear();
        var denies = table.getItems().stream().filter(r -> r.code().equals("IRSA_TRUST_DENIES")
                && r.nodeId().startsWith("sa:")).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(denies));
        javafx.scene.control.Button fix = robot.lookup("#finding-fix-open").queryButton();
        assertThat(fix.isVisible()).isTrue();
        robot.clickOn(fix);
        await().atMost(Duration.ofSeconds(5)).until(() -> console.wizardCalls.contains(
                "convert [" + denies.nodeId() + "]"));
        var other = table.getItems().stream().filter(r -> io.eksid.ui.tables.FindingFix.of(r).isEmpty())
                .findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(other));
        assertThat(fix.isVisible()).as(other.code()).isFalse();
        robot.interact(() -> console.view.tabs().getSelectionModel().select(0));
    }
}
