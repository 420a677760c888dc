package io.eksid.ui.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.elk.alg.layered.options.LayerConstraint;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays the graph out in fixed columns. Inside each namespace block, workloads (and expanded pods) and service
 * accounts are placed by ELK layered with Brandes-Köpf placement — one small ELK run per namespace, cached by the
 * block's structure, so a change re-lays out only the namespaces it touched and collapsed namespaces are never
 * laid out. Cluster-wide columns (roles, target roles and OIDC providers) are ordered by the barycenter of what
 * points at them, which keeps edges short without a global layered run (measured: ~50 s or a stack overflow at
 * 10,000 nodes with network simplex, 2.6 s with Brandes-Köpf on one flat graph).
 *
 * <p>Not thread-safe: one instance per layout thread; call from a background thread, never the FX thread.
 */
public final class GroupedLayout {

    static final double HEADER_H = 28;
    static final double NODE_H = 34;
    static final double POD_H = 22;
    static final double GROUP_GAP = 18;
    static final double GROUP_PAD = 10;
    static final double NODE_GAP = 8;

    private final Map<String, CachedBlock> cache = new HashMap<>();
    private final RecursiveGraphLayoutEngine engine = new RecursiveGraphLayoutEngine();
    private int elkRuns;

    public GroupedLayout() {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    /**
     * Lays out a namespace of two nodes and forgets it: ELK loads and links its layered algorithm (some 900
     * classes) on its first run, and a console that calls this while it reads its first state does not pay for
     * that on the way to its first graph. The cache and {@link #elkRuns()} are as before.
     */
    public void warmUp() {
        Map<String, CachedBlock> kept = new HashMap<>(cache);
        int runs = elkRuns;
        try {
            layout(new ViewGraph(List.of(
                    new ViewNode("wl:warm-up/Deployment/app", GraphColumn.WORKLOAD, "warm-up", "app", "",
                            NodeStyle.WORKLOAD, Set.of(), false, false),
                    new ViewNode("sa:warm-up/app", GraphColumn.SERVICE_ACCOUNT, "warm-up", "app", "",
                            NodeStyle.SERVICE_ACCOUNT, Set.of(), false, false)),
                    List.of(new ViewEdge("wl:warm-up/Deployment/app", "sa:warm-up/app", EdgeStyle.RUNS_AS, ""))));
        } finally {
            cache.clear();
            cache.putAll(kept);
            elkRuns = runs;
        }
    }

    /** How many namespace blocks ELK has laid out so far (the rest came from the cache). */
    public int elkRuns() {
        return elkRuns;
    }

    /** Side of an association's diamond. */
    static final double DIAMOND = 22;

    /**
     * Column positions, narrow enough that the whole width reads at a zoom where labels are 11 px or more on a
     * 1500 px window with the inspector open.
     */
    public static double columnX(GraphColumn c) {
        return switch (c) {
            case NAMESPACE -> 30;
            case WORKLOAD -> 40;
            case SERVICE_ACCOUNT -> 240;
            case MAPPING -> 440;
            case ROLE -> 480;
            case TRUST_TARGET -> 730;
        };
    }

    /** Right edge of the columns that live inside namespace blocks. */
    static final double BLOCK_RIGHT = 470;
    /** Total width of the layout with one band. */
    static final double LAYOUT_WIDTH = 970;
    /**
     * Horizontal distance between two bands: a band is namespace blocks with the roles they use beside them, so
     * most edges stay inside their band; OIDC providers and target roles follow the last band.
     */
    public static final double BAND_STEP = 750;
    private static final int MAX_BANDS = 12;

    static double width(ViewNode n) {
        return switch (n.column()) {
            case NAMESPACE -> BLOCK_RIGHT - 40;
            case WORKLOAD -> n.style() == NodeStyle.POD ? 160 : 180;
            case SERVICE_ACCOUNT -> 180;
            case MAPPING -> DIAMOND;
            case ROLE -> 230;
            case TRUST_TARGET -> 230;
        };
    }

    static double height(ViewNode n) {
        if (n.column() == GraphColumn.NAMESPACE) {
            return HEADER_H;
        }
        if (n.column() == GraphColumn.MAPPING) {
            return DIAMOND;
        }
        return n.style() == NodeStyle.POD ? POD_H : NODE_H;
    }

    /** Relative y offsets of a block's nodes, keyed by node id, and the block's height. */
    private record CachedBlock(String signature, Map<String, Double> offsets, double height) {
    }

    /** One band: every namespace in one stack. */
    public LaidOutGraph layout(ViewGraph graph) {
        return layout(graph, 0);
    }

    /**
     * Lays the namespaces out in as many bands, side by side, as bring the whole graph's shape closest to
     * {@code aspect} (width / height of the viewport; 0 or less keeps one band).
     */
    public LaidOutGraph layout(ViewGraph graph, double aspect) {
        List<ViewNode> nodes = graph.nodes();
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).id(), i);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            ViewNode v = nodes.get(i);
            x[i] = columnX(v.column()) + (v.style() == NodeStyle.POD ? 20 : 0);
            w[i] = width(v);
            h[i] = height(v);
        }
        List<int[]> edgePairs = new ArrayList<>();
        List<ViewEdge> keptEdges = new ArrayList<>();
        for (ViewEdge e : graph.edges()) {
            Integer a = index.get(e.from());
            Integer b = index.get(e.to());
            if (a != null && b != null) {
                edgePairs.add(new int[] {a, b});
                keptEdges.add(e);
            }
        }

        // Namespace blocks, in name order, down one band after the other.
        Map<String, List<Integer>> byGroup = new TreeMap<>();
        List<Integer> global = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String g = nodes.get(i).group();
            if (g == null) {
                global.add(i);
            } else {
                byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, CachedBlock> used = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> e : byGroup.entrySet()) {
            used.put(e.getKey(), block(e.getKey(), e.getValue(), nodes, edgePairs, keptEdges));
        }
        cache.keySet().retainAll(used.keySet());
        List<String> groupNames = new ArrayList<>(used.keySet());
        double[] blockH = new double[groupNames.size()];
        for (int k = 0; k < blockH.length; k++) {
            blockH[k] = used.get(groupNames.get(k)).height() + GROUP_GAP;
        }
        int roleCount = 0;
        for (int i : global) {
            if (nodes.get(i).column() == GraphColumn.ROLE) {
                roleCount++;
            }
        }
        int[] bandOf = BandPacking.pack(blockH, aspect, roleCount * (NODE_H + NODE_GAP * 2), BAND_STEP,
                LAYOUT_WIDTH - BAND_STEP, MAX_BANDS);
        int bands = 1;
        for (int b : bandOf) {
            bands = Math.max(bands, b + 1);
        }
        double[] top = new double[bands];
        Arrays.fill(top, 20);
        int[] bandOfNode = new int[n];
        List<LaidOutGraph.GroupBox> boxes = new ArrayList<>();
        for (int k = 0; k < groupNames.size(); k++) {
            String group = groupNames.get(k);
            CachedBlock block = used.get(group);
            int band = bandOf[k];
            double dx = band * BAND_STEP;
            for (int i : byGroup.get(group)) {
                y[i] = top[band] + block.offsets().getOrDefault(nodes.get(i).id(), 0.0);
                x[i] += dx;
                bandOfNode[i] = band;
            }
            boxes.add(new LaidOutGraph.GroupBox(group, 20 + dx, top[band] - 4, BLOCK_RIGHT - 20,
                    block.height() + 8));
            top[band] += block.height() + GROUP_GAP;
        }
        double height = 0;
        for (double t : top) {
            height = Math.max(height, t);
        }

        // Each role beside the band most of its service accounts live in; then roles by the barycenter of their
        // sources, band by band, and OIDC providers and target roles after the last band.
        int[] votes = new int[n * Math.max(1, bands)];
        for (int[] p : edgePairs) {
            if (nodes.get(p[1]).column() == GraphColumn.ROLE && nodes.get(p[0]).group() != null) {
                votes[p[1] * bands + bandOfNode[p[0]]]++;
            }
        }
        List<List<Integer>> rolesByBand = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            rolesByBand.add(new ArrayList<>());
        }
        List<Integer> targets = new ArrayList<>();
        for (int i : global) {
            if (nodes.get(i).column() == GraphColumn.ROLE) {
                int best = 0;
                for (int b = 1; b < bands; b++) {
                    if (votes[i * bands + b] > votes[i * bands + best]) {
                        best = b;
                    }
                }
                x[i] += best * BAND_STEP;
                rolesByBand.get(best).add(i);
            } else {
                x[i] += (bands - 1) * BAND_STEP;
                targets.add(i);
            }
        }
        for (List<Integer> roles : rolesByBand) {
            height = Math.max(height, placeByBarycenter(GraphColumn.ROLE, roles, nodes, y, h, edgePairs));
        }
        height = Math.max(height, placeByBarycenter(GraphColumn.TRUST_TARGET, targets, nodes, y, h, edgePairs));

        int[] from = new int[edgePairs.size()];
        int[] to = new int[edgePairs.size()];
        for (int j = 0; j < edgePairs.size(); j++) {
            from[j] = edgePairs.get(j)[0];
            to[j] = edgePairs.get(j)[1];
        }
        double width = LAYOUT_WIDTH + (bands - 1) * BAND_STEP;
        return new LaidOutGraph(nodes, x, y, w, h, keptEdges, from, to, boxes, width, height + 20, bands);
    }

    private CachedBlock block(String group, List<Integer> members, List<ViewNode> nodes, List<int[]> edgePairs,
                              List<ViewEdge> edges) {
        StringBuilder sig = new StringBuilder();
        List<Integer> inner = new ArrayList<>();
        java.util.Set<Integer> memberSet = new java.util.HashSet<>(members);
        for (int i : members) {
            ViewNode v = nodes.get(i);
            sig.append(v.id()).append('|').append(v.style()).append(';');
            if (v.column() != GraphColumn.NAMESPACE && v.column() != GraphColumn.MAPPING) {
                inner.add(i);
            }
        }
        List<int[]> innerEdges = new ArrayList<>();
        for (int j = 0; j < edgePairs.size(); j++) {
            int[] p = edgePairs.get(j);
            if (memberSet.contains(p[0]) && memberSet.contains(p[1])
                    && nodes.get(p[0]).column() != GraphColumn.NAMESPACE) {
                innerEdges.add(p);
                sig.append(nodes.get(p[0]).id()).append('>').append(nodes.get(p[1]).id()).append(';');
            }
        }
        String signature = sig.toString();
        CachedBlock cached = cache.get(group);
        if (cached != null && cached.signature().equals(signature)) {
            return cached;
        }
        Map<String, Double> offsets = new HashMap<>();
        double height = HEADER_H + 4;
        for (int i : members) {
            if (nodes.get(i).column() == GraphColumn.NAMESPACE) {
                offsets.put(nodes.get(i).id(), 0.0);
            }
        }
        if (!inner.isEmpty()) {
            Map<String, Double> elk = elkLayout(inner, nodes, innerEdges);
            double maxBottom = 0;
            for (int i : inner) {
                double off = HEADER_H + 8 + elk.get(nodes.get(i).id());
                offsets.put(nodes.get(i).id(), off);
                maxBottom = Math.max(maxBottom, off + height(nodes.get(i)));
            }
            height = maxBottom + GROUP_PAD;
        }
        // An association sits on its service account's row, between it and the role.
        for (int[] p : innerEdges) {
            ViewNode to = nodes.get(p[1]);
            Double saOffset = offsets.get(nodes.get(p[0]).id());
            if (to.column() == GraphColumn.MAPPING && saOffset != null) {
                offsets.put(to.id(), saOffset + (NODE_H - DIAMOND) / 2);
            }
        }
        CachedBlock block = new CachedBlock(signature, offsets, height);
        cache.put(group, block);
        return block;
    }

    private Map<String, Double> elkLayout(List<Integer> inner, List<ViewNode> nodes, List<int[]> innerEdges) {
        elkRuns++;
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.BRANDES_KOEPF);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, NODE_GAP);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(0));
        Map<Integer, ElkNode> elkNodes = new LinkedHashMap<>();
        for (int i : inner) {
            ViewNode v = nodes.get(i);
            ElkNode en = ElkGraphUtil.createNode(root);
            en.setWidth(width(v));
            en.setHeight(height(v));
            en.setIdentifier(v.id());
            // Pin columns: workloads and pods first, service accounts last, whatever the edges say.
            en.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT,
                    v.column() == GraphColumn.SERVICE_ACCOUNT ? LayerConstraint.LAST : LayerConstraint.FIRST);
            elkNodes.put(i, en);
        }
        for (int[] p : innerEdges) {
            if (elkNodes.containsKey(p[0]) && elkNodes.containsKey(p[1])) {
                ElkGraphUtil.createSimpleEdge(elkNodes.get(p[0]), elkNodes.get(p[1]));
            }
        }
        engine.layout(root, new BasicProgressMonitor());
        // ELK spaces the two columns independently; keep its order but pack each column tightly.
        Map<String, Double> result = new HashMap<>();
        Map<GraphColumn, List<Integer>> perColumn = new LinkedHashMap<>();
        for (int i : inner) {
            perColumn.computeIfAbsent(nodes.get(i).column(), c -> new ArrayList<>()).add(i);
        }
        for (List<Integer> column : perColumn.values()) {
            column.sort(Comparator.comparingDouble(i -> elkNodes.get(i).getY()));
            double prevBottom = -NODE_GAP;
            for (int i : column) {
                double want = Math.max(elkNodes.get(i).getY(), prevBottom + NODE_GAP);
                result.put(nodes.get(i).id(), want);
                prevBottom = want + height(nodes.get(i));
            }
        }
        return result;
    }

    /** Orders one cluster-wide column by barycenter and packs it; returns the column's bottom. */
    private static double placeByBarycenter(GraphColumn column, List<Integer> global, List<ViewNode> nodes,
                                            double[] y, double[] h, List<int[]> edgePairs) {
        double[] sum = new double[nodes.size()];
        int[] count = new int[nodes.size()];
        for (int[] p : edgePairs) {
            if (nodes.get(p[1]).column() == column && nodes.get(p[0]).column().ordinal() < column.ordinal()) {
                sum[p[1]] += y[p[0]] + h[p[0]] / 2;
                count[p[1]]++;
            }
        }
        List<Integer> members = new ArrayList<>();
        for (int i : global) {
            if (nodes.get(i).column() == column) {
                members.add(i);
            }
        }
        double[] bary = new double[nodes.size()];
        Arrays.fill(bary, Double.MAX_VALUE);
        for (int i : members) {
            bary[i] = count[i] == 0 ? Double.MAX_VALUE : sum[i] / count[i];
        }
        members.sort(Comparator.<Integer>comparingDouble(i -> bary[i]).thenComparing(i -> nodes.get(i).id()));
        double prevBottom = 20 - NODE_GAP * 2;
        for (int i : members) {
            double want = bary[i] == Double.MAX_VALUE ? prevBottom + NODE_GAP * 2 : bary[i] - h[i] / 2;
            y[i] = Math.max(want, prevBottom + NODE_GAP * 2);
            prevBottom = y[i] + h[i];
        }
        return prevBottom;
    }

    /** Clears cached blocks (after a theme or font change that alters node sizes). */
    public void invalidate() {
        cache.clear();
    }
}
