package io.eksid.ui.graph;

import java.util.HashMap;
import java.util.Map;

/**
 * Two facts about a layout's edges the painters need: parallel edges (same two nodes, e.g. a Pod Identity edge and
 * a shadowed IRSA edge) get distinct vertical offsets so neither hides the other, and a node many service accounts
 * point at gets a count for its bundle's label.
 */
final class EdgeBundles {

    /** From this many service accounts on, a role's incoming edges carry a label. */
    static final int LABEL_FROM = 5;
    /** Vertical distance between parallel edges, in graph units. */
    static final double PARALLEL_GAP = 5;

    private final double[] offset;
    private final int[] incoming;

    EdgeBundles(int nodeCount, int[] from, int[] to, java.util.List<ViewNode> nodes) {
        offset = new double[from.length];
        Map<Long, Integer> parallel = new HashMap<>();
        for (int j = 0; j < from.length; j++) {
            parallel.merge(key(from[j], to[j]), 1, Integer::sum);
        }
        Map<Long, Integer> seen = new HashMap<>();
        for (int j = 0; j < from.length; j++) {
            long k = key(from[j], to[j]);
            int total = parallel.get(k);
            if (total > 1) {
                int index = seen.merge(k, 1, Integer::sum) - 1;
                offset[j] = (index - (total - 1) / 2.0) * PARALLEL_GAP;
            }
        }
        // service accounts reach a role directly (IRSA) or through an association's diamond; count each once
        incoming = new int[nodeCount];
        int[] saOfMapping = new int[nodeCount];
        java.util.Arrays.fill(saOfMapping, -1);
        for (int j = 0; j < from.length; j++) {
            if (nodes.get(to[j]).column() == GraphColumn.MAPPING
                    && nodes.get(from[j]).column() == GraphColumn.SERVICE_ACCOUNT) {
                saOfMapping[to[j]] = from[j];
            }
        }
        java.util.Set<Long> counted = new java.util.HashSet<>();
        for (int j = 0; j < from.length; j++) {
            ViewNode target = nodes.get(to[j]);
            ViewNode source = nodes.get(from[j]);
            if (target.column() != GraphColumn.ROLE) {
                continue;
            }
            int sa = from[j];
            if (source.column() == GraphColumn.MAPPING) {
                sa = saOfMapping[from[j]];
            } else if (source.column() != GraphColumn.SERVICE_ACCOUNT) {
                continue;
            }
            if (sa >= 0 && counted.add(key(sa, to[j]))) {
                incoming[to[j]]++;
            }
        }
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    double offset(int edge) {
        return offset[edge];
    }

    /** The bundle label for a node, or null when fewer than {@link #LABEL_FROM} service accounts point at it. */
    String label(int node, ViewNode v) {
        int n = incoming[node];
        return n < LABEL_FROM ? null : n + " service accounts \u2192 " + v.label();
    }
}
