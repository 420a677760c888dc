package io.eksid.ui.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.ui.ConsoleHarness;
import io.eksid.ui.MainViewModel;
import io.eksid.ui.graph.GraphCanvas;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.Viewport;
import io.eksid.ui.inspector.AccessVerdicts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The guided tour on the sandbox's first run, driven through the window: it opens by itself once the graph is
 * live, rings a broken mapping, a convertible service account and the Convert button in turn, and says when it was
 * finished or skipped so that it is not offered again; the toolbar's help button brings it back.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuidedTourFxTest {

    @TempDir
    static Path dir;

    private static ConsoleHarness console;
    private static Scene scene;
    private static final AtomicInteger seen = new AtomicInteger();

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
            scene = console.scene(1500, 940);
            console.view.offerTour(seen::incrementAndGet); // as ConsoleApp does on the sandbox's first run
        }
        stage.setScene(scene);
        stage.show();
        if (console.vm.currentContextProperty().get() == null) {
            console.vm.start("acme-prod");
        }
    }

    private static GuidedTour tour() {
        return console.view.tour();
    }

    private static Bounds sceneBounds(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        Bounds[] b = new Bounds[1];
        robot.interact(() -> b[0] = n.localToScene(n.getLayoutBounds()));
        return b[0];
    }

    /** Where a graph node is in the scene now. */
    private static Bounds nodeInScene(FxRobot robot, String id) {
        GraphCanvas c = robot.lookup("#graph-canvas").queryAs(GraphCanvas.class);
        Bounds[] b = new Bounds[1];
        robot.interact(() -> {
            LaidOutGraph g = c.graph();
            int i = g.indexOf(id);
            Viewport vp = c.viewport();
            b[0] = c.localToScene(new javafx.geometry.BoundingBox(vp.sx(g.x(i)), vp.sy(g.y(i)),
                    g.w(i) * vp.scale(), g.h(i) * vp.scale()));
        });
        return b[0];
    }

    private static void assertCalloutInsideTheWindowAndOffTheRing(FxRobot robot) {
        Bounds callout = sceneBounds(robot, "#tour-callout");
        assertThat(callout.getMinX()).isGreaterThanOrEqualTo(0);
        assertThat(callout.getMinY()).isGreaterThanOrEqualTo(0);
        assertThat(callout.getMaxX()).isLessThanOrEqualTo(scene.getWidth());
        assertThat(callout.getMaxY()).isLessThanOrEqualTo(scene.getHeight());
        Node ring = robot.lookup("#tour-ring").query();
        if (ring.isVisible()) {
            assertThat(callout.intersects(sceneBounds(robot, "#tour-ring"))).as("callout covers its subject").isFalse();
        }
    }

    /** The ring follows its subject on the next frame: wait for it, then say where each was if it did not. */
    private static void awaitRingAround(FxRobot robot, java.util.function.Supplier<Bounds> subject) {
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> contains(sceneBounds(robot, "#tour-ring"), subject.get()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("ring " + sceneBounds(robot, "#tour-ring") + " does not surround "
                    + subject.get(), e);
        }
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return outer.getMinX() <= inner.getMinX() + 0.5 && outer.getMinY() <= inner.getMinY() + 0.5
                && outer.getMaxX() >= inner.getMaxX() - 0.5 && outer.getMaxY() >= inner.getMaxY() - 0.5;
    }

    @Test
    @Order(1)
    void opensByItselfOnceLiveAndWalksABrokenMappingAConvertibleAccountAndTheConvertButton(FxRobot robot) {
        await().atMost(Duration.ofSeconds(90)).until(() -> tour().stopProperty().get() == 0);
        IdentityState s = console.vm.stateProperty().get();
        assertThat(MainViewModel.awsRead(s)).as("the tour waits for every source").isTrue();
        assertThat(robot.lookup("#tour-callout").query().isVisible()).isTrue();

        // 1: a broken mapping, selected so the inspector explains it, and ringed in the graph
        TourStop broken = tour().stops().get(0);
        assertThat(broken.title()).isEqualTo("A broken mapping");
        ServiceAccountIdentity sa = s.graph().serviceAccounts().stream()
                .filter(x -> x.nodeId().equals(broken.nodeId())).findFirst().orElseThrow();
        assertThat(AccessVerdicts.newPods(s.graph(), sa).tone()).isEqualTo(AccessVerdicts.Tone.FAILS);
        assertThat(console.vm.selectedNodeIdProperty().get()).isEqualTo(broken.nodeId());
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#tour-ring").query().isVisible());
        awaitRingAround(robot, () -> nodeInScene(robot, broken.nodeId()));
        assertCalloutInsideTheWindowAndOffTheRing(robot);

        // 2: a service account a conversion takes on now
        robot.clickOn("#tour-next");
        assertThat(tour().stopProperty().get()).isEqualTo(1);
        TourStop convertible = tour().stops().get(1);
        assertThat(convertible.title()).isEqualTo("Ready for Pod Identity");
        assertThat(s.graph().convertibleIrsaMappings()).extracting(ServiceAccountIdentity::nodeId)
                .contains(convertible.nodeId());
        assertThat(console.vm.selectedNodeIdProperty().get()).isEqualTo(convertible.nodeId());
        awaitRingAround(robot, () -> nodeInScene(robot, convertible.nodeId()));
        assertCalloutInsideTheWindowAndOffTheRing(robot);

        // 3: the Convert button, with the number it would convert
        robot.clickOn("#tour-next");
        assertThat(tour().stopProperty().get()).isEqualTo(2);
        assertThat(tour().stops().get(2).text())
                .contains("all " + s.graph().convertibleIrsaMappings().size() + " IRSA mappings");
        awaitRingAround(robot, () -> sceneBounds(robot, "#convert-irsa"));
        assertCalloutInsideTheWindowAndOffTheRing(robot);
        assertThat(robot.lookup("#tour-next").queryButton().getText()).isEqualTo("Done");
        assertThat(seen.get()).as("not seen before it ends").isZero();

        robot.clickOn("#tour-next");
        assertThat(tour().stopProperty().get()).isEqualTo(-1);
        assertThat(robot.lookup("#tour-callout").query().isVisible()).isFalse();
        assertThat(robot.lookup("#tour-ring").query().isVisible()).isFalse();
        assertThat(seen.get()).as("remembered once").isEqualTo(1);
    }

    @Test
    @Order(2)
    void theHelpButtonBringsItBackAndEscapeOrSkipEndsIt(FxRobot robot) {
        await().atMost(Duration.ofSeconds(90)).until(() -> tour().stopProperty().get() == -1 && seen.get() == 1);

        robot.clickOn("#tour-open");
        assertThat(tour().stopProperty().get()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#tour-ring").query().isVisible());
        // another tab in front: the ring does not point at a graph that is not shown
        robot.interact(() -> console.view.tabs().getSelectionModel().select(4));
        await().atMost(Duration.ofSeconds(10)).until(() -> !robot.lookup("#tour-ring").query().isVisible());
        assertCalloutInsideTheWindowAndOffTheRing(robot);
        robot.interact(() -> console.view.tabs().getSelectionModel().select(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#tour-ring").query().isVisible());
        robot.clickOn("#tour-next");
        robot.type(KeyCode.ESCAPE);
        assertThat(tour().stopProperty().get()).isEqualTo(-1);
        assertThat(seen.get()).isEqualTo(2);

        robot.clickOn("#tour-open");
        robot.clickOn("#tour-next");
        robot.clickOn("#tour-skip");
        assertThat(tour().stopProperty().get()).isEqualTo(-1);
        assertThat(robot.lookup("#tour-callout").query().isVisible()).isFalse();
        assertThat(seen.get()).isEqualTo(3);
    }
}
