package io.eksid.ui.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Adjacency of a laid-out graph, for "hover highlights the whole path": everything upstream of a node (what runs
 * as it) and downstream (what it may become), walked once per hover, not per frame.
 */
final class PathIndex {

    private final List<int[]> out;
    private final List<int[]> in;

    PathIndex(LaidOutGraph g) {
        int n = g.nodeCount();
        int[] outCount = new int[n];
        int[] inCount = new int[n];
        for (int j = 0; j < g.edgeCount(); j++) {
            outCount[g.edgeFrom(j)]++;
            inCount[g.edgeTo(j)]++;
        }
        out = new ArrayList<>(n);
        in = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new int[outCount[i]]);
            in.add(new int[inCount[i]]);
        }
        int[] o = new int[n];
        int[] p = new int[n];
        for (int j = 0; j < g.edgeCount(); j++) {
            out.get(g.edgeFrom(j))[o[g.edgeFrom(j)]++] = j;
            in.get(g.edgeTo(j))[p[g.edgeTo(j)]++] = j;
        }
        this.g = g;
    }

    private final LaidOutGraph g;

    /** Marks the nodes and edges on every path through {@code start}. */
    void path(int start, BitSet nodes, BitSet edges) {
        nodes.clear();
        edges.clear();
        if (start < 0) {
            return;
        }
        walk(start, nodes, edges, true);
        walk(start, nodes, edges, false);
    }

    private void walk(int start, BitSet nodes, BitSet edges, boolean downstream) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        BitSet seen = new BitSet();
        queue.add(start);
        seen.set(start);
        nodes.set(start);
        while (!queue.isEmpty()) {
            int i = queue.poll();
            for (int j : downstream ? out.get(i) : in.get(i)) {
                edges.set(j);
                int next = downstream ? g.edgeTo(j) : g.edgeFrom(j);
                nodes.set(next);
                if (!seen.get(next)) {
                    seen.set(next);
                    queue.add(next);
                }
            }
        }
    }

    /** Neighbour node indices in the direction given. */
    int[] neighbours(int i, boolean downstream) {
        int[] edgesOf = downstream ? out.get(i) : in.get(i);
        int[] r = new int[edgesOf.length];
        for (int k = 0; k < edgesOf.length; k++) {
            r[k] = downstream ? g.edgeTo(edgesOf[k]) : g.edgeFrom(edgesOf[k]);
        }
        return r;
    }
}
