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
        assertThat(r.ours().frames()).isEqualTo(12);
        assertThat(r.naive().frames()).isEqualTo(12);
        assertThat(r.ours().medianMs()).isPositive();
        assertThat(r.naive().medianMs()).isPositive();
    }

    @Test
    void statsArePercentilesOfTheSample() {
        FrameStats s = FrameStats.of(new double[] {5, 1, 3, 2, 4});
        assertThat(s.medianMs()).isEqualTo(3);
        assertThat(s.p99Ms()).isEqualTo(5);
        assertThat(s.meanMs()).isEqualTo(3);
    }
}
