package io.eksid.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.ui.FxToolkit;
import io.eksid.ui.graph.GraphPalette;
import io.eksid.ui.graph.GroupedLayout;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.Viewport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The render benchmark's harness works headless; figures come from {@code eksid bench render}, not from here. */
class RenderBenchmarkTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.start();
    }

    @Test
    void measuresBothPaintersOverTheSamePath() throws Exception {
        LaidOutGraph g = new GroupedLayout().layout(SyntheticGraphs.expanded(300, 1));
        assertThat(g.nodeCount()).isBetween(250, 320);
        RenderBenchmark bench = new RenderBenchmark(800, 600);
        var path = bench.path(Viewport.fit(g, 800, 600), 12);
        RenderBenchmark.Result r = bench.run("smoke", g, path, GraphPalette.light());
        // every frame was timed, for both painters: a frame that was not rendered would time at zero
        assertThat(r.ours().medianMs()).isPositive();
        assertThat(r.naive().medianMs()).isPositive();
        assertThat(r.ours().meanMs()).isLessThanOrEqualTo(r.ours().p99Ms());
        assertThat(r.nodes()).isEqualTo(g.nodeCount());
    }

    @Test
    void thePathPansAcrossZoomsInPansBackAndZoomsOut() {
        RenderBenchmark bench = new RenderBenchmark(800, 600);
        Viewport start = new Viewport(1, 0, 0, 800, 600);
        var path = bench.path(start, 80);

        assertThat(path).doesNotHaveDuplicates();
        assertThat(path.get(19).scale()).isEqualTo(1);
        assertThat(path.get(19).tx()).isLessThan(start.tx());
        assertThat(path.get(39).scale()).isGreaterThan(path.get(20).scale()).isGreaterThan(1.5);
        assertThat(path.get(59).scale()).isEqualTo(path.get(39).scale());
        assertThat(path.get(79).scale()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void statsArePercentilesOfTheSample() {
        FrameStats s = FrameStats.of(new double[] {5, 1, 3, 2, 4});
        assertThat(s.medianMs()).isEqualTo(3);
        assertThat(s.p99Ms()).isEqualTo(5);
        assertThat(s.meanMs()).isEqualTo(3);
    }
}
