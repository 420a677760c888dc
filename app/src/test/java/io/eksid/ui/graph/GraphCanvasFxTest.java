package io.eksid.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The canvas paints only when something changed: idle churn must not keep the window busy. */
@ExtendWith(ApplicationExtension.class)
class GraphCanvasFxTest {

    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = new GraphCanvas();
        stage.setScene(new Scene(new StackPane(canvas), 900, 600));
        stage.show();
    }

    static ViewGraph graph(String detail) {
        List<ViewNode> nodes = new ArrayList<>();
        List<ViewEdge> edges = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            String ns = "ns" + n;
            nodes.add(new ViewNode("ns:" + ns, GraphColumn.NAMESPACE, ns, ns, "", NodeStyle.NAMESPACE, Set.of(),
                    true, true));
            nodes.add(new ViewNode("wl:" + ns + "/app", GraphColumn.WORKLOAD, ns, "app", detail, NodeStyle.WORKLOAD,
                    Set.of(), true, false));
            nodes.add(new ViewNode("sa:" + ns + "/sa", GraphColumn.SERVICE_ACCOUNT, ns, "sa", "", NodeStyle.SERVICE_ACCOUNT,
                    Set.of(), false, false));
            edges.add(new ViewEdge("wl:" + ns + "/app", "sa:" + ns + "/sa", EdgeStyle.RUNS_AS, ""));
            edges.add(new ViewEdge("sa:" + ns + "/sa", "role:r", EdgeStyle.IRSA, ""));
        }
        nodes.add(new ViewNode("role:r", GraphColumn.ROLE, null, "r", "", NodeStyle.ROLE, Set.of(), false, false));
        return new ViewGraph(nodes, edges);
    }

    private void settle() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !canvas.isAnimating());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anIdenticalLayoutPaintsNothingAndAFlashPaintsItsStartAndEndOnly(FxRobot robot) {
        GroupedLayout layout = new GroupedLayout();
        robot.interact(() -> canvas.setGraph(layout.layout(graph("3 pods"))));
        settle();
        long before = canvas.framesDrawn();
        assertThat(before).isPositive();

        robot.interact(() -> canvas.setGraph(layout.layout(graph("3 pods"))));
        settle();
        for (int i = 0; i < 10; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(canvas.isAnimating()).isFalse();
        assertThat(canvas.framesDrawn()).as("the same picture again").isEqualTo(before);

        // a changed workload flashes for most of a second: dozens of pulses, two frames
        robot.interact(() -> canvas.setGraph(layout.layout(graph("4 pods"))));
        assertThat(canvas.isAnimating()).isTrue();
        settle();
        assertThat(canvas.framesDrawn() - before).isBetween(1L, 3L);
    }
}
