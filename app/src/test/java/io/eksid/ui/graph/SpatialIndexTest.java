package io.eksid.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class SpatialIndexTest {

    /** Builds an index from rectangles given as {x, y, w, h}. */
    private static SpatialIndex index(double cell, double[]... rects) {
        return index(cell, List.of(rects));
    }

    private static SpatialIndex index(double cell, List<double[]> rects) {
        int n = rects.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rects.get(i)[0];
            y[i] = rects.get(i)[1];
            w[i] = rects.get(i)[2];
            h[i] = rects.get(i)[3];
        }
        return new SpatialIndex(x, y, w, h, cell);
    }

    /** Every index the query reports, in report order, duplicates kept. */
    private static List<Integer> query(SpatialIndex index, double qx, double qy, double qw, double qh) {
        List<Integer> found = new ArrayList<>();
        index.query(qx, qy, qw, qh, found::add);
        return found;
    }

    private static List<Integer> bruteForce(List<double[]> rects, double qx, double qy, double qw, double qh) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < rects.size(); i++) {
            double[] b = rects.get(i);
            if (b[0] < qx + qw && b[0] + b[2] > qx && b[1] < qy + qh && b[1] + b[3] > qy) {
                r.add(i);
            }
        }
        return r;
    }

    private static double[] rect(double x, double y, double w, double h) {
        return new double[] {x, y, w, h};
    }

    @Test
    void aViewportReturnsExactlyTheNodesItOverlaps() {
        SpatialIndex index = index(256,
                rect(0, 0, 100, 40),      // 0: top left
                rect(300, 0, 100, 40),    // 1: right of the viewport
                rect(0, 500, 100, 40),    // 2: below the viewport
                rect(150, 90, 20, 20));   // 3: pokes into the viewport's bottom right corner
        assertThat(query(index, 0, 0, 200, 100)).containsExactlyInAnyOrder(0, 3);
        assertThat(query(index, 0, 0, 1000, 1000)).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(query(index, 250, 0, 200, 50)).containsExactly(1);
    }

    @Test
    void rectanglesThatOnlyTouchTheViewportAreNotReturned() {
        SpatialIndex index = index(256, rect(0, 0, 100, 40), rect(0, 500, 100, 40));
        // the viewport starts exactly where node 0 ends on the right
        assertThat(query(index, 100, 0, 50, 10)).isEmpty();
        // the viewport ends exactly where node 2 begins at the top
        assertThat(query(index, 0, 0, 100, 500)).containsExactly(0);
        // a hair further and it is in
        assertThat(query(index, 0, 0, 100, 500.5)).containsExactlyInAnyOrder(0, 1);
        assertThat(query(index, 99.5, 39.5, 1, 1)).containsExactly(0);
    }

    @Test
    void emptyAreasReturnNothing() {
        SpatialIndex index = index(64, rect(100, 100, 50, 50), rect(400, 100, 50, 50));
        assertThat(query(index, 200, 100, 150, 50)).as("the gap between the two").isEmpty();
        assertThat(query(index, 5000, 5000, 100, 100)).as("far beyond the graph").isEmpty();
        assertThat(query(index, -500, -500, 100, 100)).as("before the origin").isEmpty();
        assertThat(query(index, -500, -500, 620, 620)).as("from before the origin into node 0").containsExactly(0);
        assertThat(query(index(64), 0, 0, 1000, 1000)).as("no nodes at all").isEmpty();
    }

    @Test
    void aNodeSpanningManyCellsIsReportedOnce() {
        SpatialIndex index = index(10, rect(5, 5, 500, 300), rect(40, 40, 5, 5));
        assertThat(query(index, 0, 0, 1000, 1000)).containsExactlyInAnyOrder(0, 1);
        assertThat(query(index, 0, 0, 1000, 1000)).as("asked again").containsExactlyInAnyOrder(0, 1);
        assertThat(query(index, 480, 280, 100, 100)).containsExactly(0);
    }

    @Test
    void aLargeGridOfNodesReturnsOnlyTheVisibleBlock() {
        List<double[]> rects = new ArrayList<>();
        for (int r = 0; r < 100; r++) {
            for (int c = 0; c < 100; c++) {
                rects.add(rect(c * 30, r * 20, 20, 10)); // index r * 100 + c
            }
        }
        SpatialIndex index = index(256, rects);
        // columns 1..3 (x 30..110) meet x 45..105; rows 1..2 (y 20..50) meet y 25..55
        assertThat(query(index, 45, 25, 60, 30)).containsExactlyInAnyOrder(101, 102, 103, 201, 202, 203);
        assertThat(query(index, 0, 0, 3000, 2000)).hasSize(10_000).doesNotHaveDuplicates();
        // the gap between columns 0 and 1 (x 20..30) holds nothing
        assertThat(query(index, 21, 0, 8, 2000)).isEmpty();
    }

    @Test
    void hitPicksTheTopmostNodeUnderThePoint() {
        SpatialIndex index = index(256,
                rect(0, 0, 100, 100),     // 0
                rect(50, 50, 100, 100),   // 1: overlaps 0, drawn after it
                rect(150, 0, 50, 50));    // 2: starts where 1 ends
        assertThat(index.hit(10, 10)).isEqualTo(0);
        assertThat(index.hit(75, 75)).as("both 0 and 1 are under it").isEqualTo(1);
        assertThat(index.hit(150, 10)).as("a left edge belongs to the node").isEqualTo(2);
        assertThat(index.hit(149.9995, 149.9995)).isEqualTo(1);
        assertThat(index.hit(150, 140)).as("a right edge does not").isEqualTo(-1);
        assertThat(index.hit(300, 300)).isEqualTo(-1);
        assertThat(index.hit(-1, -1)).isEqualTo(-1);
        assertThat(index(256).hit(0, 0)).isEqualTo(-1);
    }

    @Test
    void theIndexOfARealLayoutFindsEveryNodeAndEachNodeUnderItsCentre() {
        List<ViewNode> nodes = new ArrayList<>();
        List<ViewEdge> edges = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            String ns = "ns" + n;
            nodes.add(new ViewNode("ns:" + ns, GraphColumn.NAMESPACE, ns, ns, "", NodeStyle.NAMESPACE, Set.of(),
                    true, true));
            for (int s = 0; s < 4; s++) {
                String sa = "sa:" + ns + "/sa" + s;
                String wl = "wl:" + ns + "/app" + s;
                nodes.add(new ViewNode(sa, GraphColumn.SERVICE_ACCOUNT, ns, "sa" + s, "", NodeStyle.SERVICE_ACCOUNT,
                        Set.of(), false, false));
                nodes.add(new ViewNode(wl, GraphColumn.WORKLOAD, ns, "app" + s, "", NodeStyle.WORKLOAD, Set.of(),
                        true, false));
                edges.add(new ViewEdge(wl, sa, EdgeStyle.RUNS_AS, ""));
                edges.add(new ViewEdge(sa, "role:r" + (s % 3), EdgeStyle.IRSA, ""));
            }
        }
        for (int r = 0; r < 3; r++) {
            nodes.add(new ViewNode("role:r" + r, GraphColumn.ROLE, null, "r" + r, "", NodeStyle.ROLE, Set.of(),
                    false, false));
        }
        LaidOutGraph g = new GroupedLayout().layout(new ViewGraph(nodes, edges));
        List<Integer> all = query(g.spatial(), 0, 0, g.width(), g.height());
        assertThat(all).hasSize(g.nodeCount()).doesNotHaveDuplicates();
        for (int i = 0; i < g.nodeCount(); i++) {
            assertThat(g.spatial().hit(g.x(i) + g.w(i) / 2, g.y(i) + g.h(i) / 2)).as(g.node(i).id()).isEqualTo(i);
        }
    }

    @Provide
    Arbitrary<List<double[]>> boxes() {
        // half-unit steps so that edges often coincide exactly
        Arbitrary<Double> pos = Arbitraries.integers().between(-100, 2400).map(v -> v * 0.5);
        Arbitrary<Double> size = Arbitraries.integers().between(0, 800).map(v -> v * 0.5);
        return Combinators.combine(pos, pos, size, size).as(SpatialIndexTest::rect).list().ofMaxSize(120);
    }

    @Provide
    Arbitrary<List<double[]>> queries() {
        Arbitrary<Double> pos = Arbitraries.integers().between(-400, 2800).map(v -> v * 0.5);
        Arbitrary<Double> size = Arbitraries.integers().between(0, 1600).map(v -> v * 0.5);
        return Combinators.combine(pos, pos, size, size).as(SpatialIndexTest::rect).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 400)
    void aQueryReturnsWhatABruteForceFilterReturnsEachOnce(@ForAll("boxes") List<double[]> rects,
                                                           @ForAll("queries") List<double[]> viewports,
                                                           @ForAll @DoubleRange(min = 4, max = 600) double cell) {
        SpatialIndex index = index(cell, rects);
        for (double[] q : viewports) { // several queries on one index: nothing may leak from one to the next
            List<Integer> found = query(index, q[0], q[1], q[2], q[3]);
            assertThat(found).doesNotHaveDuplicates();
            assertThat(found).containsExactlyInAnyOrderElementsOf(bruteForce(rects, q[0], q[1], q[2], q[3]));
        }
    }

    @Property(tries = 400)
    void hitIsTheHighestIndexUnderThePoint(@ForAll("boxes") List<double[]> rects,
                                           @ForAll("queries") List<double[]> points,
                                           @ForAll @DoubleRange(min = 4, max = 600) double cell) {
        SpatialIndex index = index(cell, rects);
        for (double[] p : points) {
            List<Integer> under = bruteForce(rects, p[0], p[1], 0.001, 0.001);
            int expected = under.isEmpty() ? -1 : under.get(under.size() - 1);
            assertThat(index.hit(p[0], p[1])).isEqualTo(expected);
        }
    }
}
