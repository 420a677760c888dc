package io.eksid.ui.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph with positions, in flat arrays: the canvas walks these every frame, so no boxing and no maps on the
 * hot path. Node i has rectangle (x[i], y[i], w[i], h[i]); edge j goes from node edgeFrom[j] to edgeTo[j].
 * Group backgrounds (namespace blocks) are rectangles too.
 */
public final class LaidOutGraph {

    public static final LaidOutGraph EMPTY = new LaidOutGraph(List.of(), new double[0], new double[0],
            new double[0], new double[0], List.of(), new int[0], new int[0], List.of(), 0, 0);

    private final List<ViewNode> nodes;
    private final double[] x;
    private final double[] y;
    private final double[] w;
    private final double[] h;
    private final List<ViewEdge> edges;
    private final int[] edgeFrom;
    private final int[] edgeTo;
    private final List<GroupBox> groups;
    private final double width;
    private final double height;
    private final int bands;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final SpatialIndex spatial;
    private final EdgeBundles bundles;

    /** A namespace block's background. */
    public record GroupBox(String group, double x, double y, double w, double h) {
    }

    public LaidOutGraph(List<ViewNode> nodes, double[] x, double[] y, double[] w, double[] h, List<ViewEdge> edges,
                        int[] edgeFrom, int[] edgeTo, List<GroupBox> groups, double width, double height) {
        this(nodes, x, y, w, h, edges, edgeFrom, edgeTo, groups, width, height, 1);
    }

    /** With {@code bands} bands of namespaces side by side, {@link GroupedLayout#BAND_STEP} apart. */
    public LaidOutGraph(List<ViewNode> nodes, double[] x, double[] y, double[] w, double[] h, List<ViewEdge> edges,
                        int[] edgeFrom, int[] edgeTo, List<GroupBox> groups, double width, double height,
                        int bands) {
        this.bands = bands;
        this.nodes = List.copyOf(nodes);
        this.x = x;
        this.y = y;
        this.w = w;
        this.h = h;
        this.edges = List.copyOf(edges);
        this.edgeFrom = edgeFrom;
        this.edgeTo = edgeTo;
        this.groups = List.copyOf(groups);
        this.width = width;
        this.height = height;
        for (int i = 0; i < this.nodes.size(); i++) {
            indexById.put(this.nodes.get(i).id(), i);
        }
        this.spatial = new SpatialIndex(x, y, w, h, 256);
        this.bundles = new EdgeBundles(this.nodes.size(), edgeFrom, edgeTo, this.nodes);
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int edgeCount() {
        return edges.size();
    }

    public ViewNode node(int i) {
        return nodes.get(i);
    }

    public List<ViewNode> nodes() {
        return nodes;
    }

    public ViewEdge edge(int j) {
        return edges.get(j);
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public double w(int i) {
        return w[i];
    }

    public double h(int i) {
        return h[i];
    }

    public int edgeFrom(int j) {
        return edgeFrom[j];
    }

    public int edgeTo(int j) {
        return edgeTo[j];
    }

    public List<GroupBox> groups() {
        return groups;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** How many bands of namespaces (each with its workloads, service accounts and roles) sit side by side. */
    public int bands() {
        return bands;
    }

    /** Index of the node with this id, or -1. */
    public int indexOf(String id) {
        Integer i = indexById.get(id);
        return i == null ? -1 : i;
    }

    /** Whether this layout draws exactly as {@code other}: the same nodes, edges, positions and blocks. */
    public boolean samePicture(LaidOutGraph other) {
        return other == this || other != null && width == other.width && height == other.height
                && bands == other.bands && java.util.Arrays.equals(x, other.x) && java.util.Arrays.equals(y, other.y)
                && java.util.Arrays.equals(w, other.w) && java.util.Arrays.equals(h, other.h)
                && java.util.Arrays.equals(edgeFrom, other.edgeFrom) && java.util.Arrays.equals(edgeTo, other.edgeTo)
                && nodes.equals(other.nodes) && edges.equals(other.edges) && groups.equals(other.groups);
    }

    /** Vertical offset of edge j so that parallel edges never lie on one another (0 for most). */
    public double edgeOffset(int j) {
        return bundles().offset(j);
    }

    /** "12 service accounts → role" for a node many service accounts point at, else null. */
    public String bundleLabel(int i) {
        return bundles().label(i, nodes.get(i));
    }

    private EdgeBundles bundles() {
        return bundles;
    }

    public SpatialIndex spatial() {
        return spatial;
    }
}
