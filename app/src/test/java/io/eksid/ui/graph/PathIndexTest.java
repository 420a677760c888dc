package io.eksid.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PathIndexTest {

    /** A laid-out graph built from ids; positions do not matter to the path walk. */
    private static final class Fixture {
        private final Map<String, ViewNode> nodes = new LinkedHashMap<>();
        private final List<ViewEdge> edges = new ArrayList<>();

        Fixture node(String id, GraphColumn column, NodeStyle style) {
            nodes.put(id, new ViewNode(id, column, null, id, "", style, Set.of(), false, false));
            return this;
        }

        Fixture edge(String from, String to, EdgeStyle style) {
            edges.add(new ViewEdge(from, to, style, ""));
            return this;
        }

        LaidOutGraph build() {
            List<ViewNode> list = new ArrayList<>(nodes.values());
            List<String> ids = new ArrayList<>(nodes.keySet());
            int n = list.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] w = new double[n];
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = list.get(i).column().ordinal() * 300;
                y[i] = i * 40;
                w[i] = 200;
                h[i] = 30;
            }
            int[] from = new int[edges.size()];
            int[] to = new int[edges.size()];
            for (int j = 0; j < edges.size(); j++) {
                from[j] = ids.indexOf(edges.get(j).from());
                to[j] = ids.indexOf(edges.get(j).to());
            }
            return new LaidOutGraph(list, x, y, w, h, edges, from, to, List.of(), 2000, n * 40.0);
        }
    }

    private record Path(Set<String> nodes, Set<String> edges) {
    }

    private static Path path(LaidOutGraph g, String start) {
        PathIndex index = new PathIndex(g);
        BitSet nodes = new BitSet();
        BitSet edges = new BitSet();
        index.path(g.indexOf(start), nodes, edges);
        return describe(g, nodes, edges);
    }

    private static Path describe(LaidOutGraph g, BitSet nodes, BitSet edges) {
        Set<String> n = new HashSet<>();
        nodes.stream().forEach(i -> n.add(g.node(i).id()));
        Set<String> e = new HashSet<>();
        edges.stream().forEach(j -> e.add(g.edge(j).from() + "->" + g.edge(j).to() + ":" + g.edge(j).style()));
        return new Path(n, e);
    }

    private static List<String> neighbours(LaidOutGraph g, String id, boolean downstream) {
        List<String> r = new ArrayList<>();
        for (int i : new PathIndex(g).neighbours(g.indexOf(id), downstream)) {
            r.add(g.node(i).id());
        }
        return r;
    }

    /**
     * pay: a deployment and a bare pod run as sa api (IRSA to role pay); deployment worker runs as sa worker,
     * which reaches role pay through a Pod Identity association. Role pay trusts the OIDC provider and chains to a
     * target role. data: sa etl uses role etl, which trusts the same provider; sa idle has no mapping.
     */
    private static LaidOutGraph cluster() {
        return new Fixture()
                .node("wl:pay/api", GraphColumn.WORKLOAD, NodeStyle.WORKLOAD)
                .node("pod:pay/api-1", GraphColumn.WORKLOAD, NodeStyle.POD)
                .node("wl:pay/worker", GraphColumn.WORKLOAD, NodeStyle.WORKLOAD)
                .node("wl:data/etl", GraphColumn.WORKLOAD, NodeStyle.WORKLOAD)
                .node("sa:pay/api", GraphColumn.SERVICE_ACCOUNT, NodeStyle.SERVICE_ACCOUNT)
                .node("sa:pay/worker", GraphColumn.SERVICE_ACCOUNT, NodeStyle.SERVICE_ACCOUNT)
                .node("sa:data/etl", GraphColumn.SERVICE_ACCOUNT, NodeStyle.SERVICE_ACCOUNT)
                .node("sa:data/idle", GraphColumn.SERVICE_ACCOUNT, NodeStyle.SERVICE_ACCOUNT)
                .node("assoc:pay/worker", GraphColumn.MAPPING, NodeStyle.ASSOCIATION)
                .node("role:pay", GraphColumn.ROLE, NodeStyle.ROLE)
                .node("role:etl", GraphColumn.ROLE, NodeStyle.ROLE)
                .node("role:target", GraphColumn.TRUST_TARGET, NodeStyle.TARGET_ROLE)
                .node("oidc:cluster", GraphColumn.TRUST_TARGET, NodeStyle.OIDC_PROVIDER)
                .edge("wl:pay/api", "sa:pay/api", EdgeStyle.RUNS_AS)
                .edge("pod:pay/api-1", "sa:pay/api", EdgeStyle.RUNS_AS)
                .edge("wl:pay/worker", "sa:pay/worker", EdgeStyle.RUNS_AS)
                .edge("wl:data/etl", "sa:data/etl", EdgeStyle.RUNS_AS)
                .edge("sa:pay/api", "role:pay", EdgeStyle.IRSA)
                .edge("sa:pay/worker", "assoc:pay/worker", EdgeStyle.POD_IDENTITY)
                .edge("assoc:pay/worker", "role:pay", EdgeStyle.POD_IDENTITY)
                .edge("sa:data/etl", "role:etl", EdgeStyle.IRSA)
                .edge("role:pay", "oidc:cluster", EdgeStyle.TRUSTS)
                .edge("role:pay", "role:target", EdgeStyle.TARGET)
                .edge("role:etl", "oidc:cluster", EdgeStyle.TRUSTS)
                .build();
    }

    @Test
    void aServiceAccountsPathRunsFromWhatRunsAsItThroughItsRoleToTheProvider() {
        Path p = path(cluster(), "sa:pay/api");
        assertThat(p.nodes()).containsExactlyInAnyOrder("wl:pay/api", "pod:pay/api-1", "sa:pay/api", "role:pay",
                "oidc:cluster", "role:target");
        assertThat(p.edges()).containsExactlyInAnyOrder(
                "wl:pay/api->sa:pay/api:RUNS_AS",
                "pod:pay/api-1->sa:pay/api:RUNS_AS",
                "sa:pay/api->role:pay:IRSA",
                "role:pay->oidc:cluster:TRUSTS",
                "role:pay->role:target:TARGET");
    }

    @Test
    void aPodsPathDoesNotPickUpTheOtherWorkloadsOfItsServiceAccount() {
        Path p = path(cluster(), "pod:pay/api-1");
        assertThat(p.nodes()).containsExactlyInAnyOrder("pod:pay/api-1", "sa:pay/api", "role:pay", "oidc:cluster",
                "role:target");
        assertThat(p.edges()).containsExactlyInAnyOrder(
                "pod:pay/api-1->sa:pay/api:RUNS_AS",
                "sa:pay/api->role:pay:IRSA",
                "role:pay->oidc:cluster:TRUSTS",
                "role:pay->role:target:TARGET");
    }

    @Test
    void aSharedRoleGathersEveryServiceAccountThatReachesItButNotTheOtherRoles() {
        Path p = path(cluster(), "role:pay");
        assertThat(p.nodes()).containsExactlyInAnyOrder("wl:pay/api", "pod:pay/api-1", "wl:pay/worker",
                "sa:pay/api", "sa:pay/worker", "assoc:pay/worker", "role:pay", "oidc:cluster", "role:target");
        assertThat(p.nodes()).doesNotContain("role:etl", "sa:data/etl", "sa:data/idle");
        assertThat(p.edges()).containsExactlyInAnyOrder(
                "wl:pay/api->sa:pay/api:RUNS_AS",
                "pod:pay/api-1->sa:pay/api:RUNS_AS",
                "wl:pay/worker->sa:pay/worker:RUNS_AS",
                "sa:pay/api->role:pay:IRSA",
                "sa:pay/worker->assoc:pay/worker:POD_IDENTITY",
                "assoc:pay/worker->role:pay:POD_IDENTITY",
                "role:pay->oidc:cluster:TRUSTS",
                "role:pay->role:target:TARGET");
    }

    @Test
    void aProviderLeadsBackToEveryRoleTrustingItButNotToWhereThoseRolesChain() {
        Path p = path(cluster(), "oidc:cluster");
        assertThat(p.nodes()).containsExactlyInAnyOrder("wl:pay/api", "pod:pay/api-1", "wl:pay/worker",
                "wl:data/etl", "sa:pay/api", "sa:pay/worker", "sa:data/etl", "assoc:pay/worker", "role:pay",
                "role:etl", "oidc:cluster");
        assertThat(p.nodes()).doesNotContain("role:target", "sa:data/idle");
        assertThat(p.edges()).hasSize(10).doesNotContain("role:pay->role:target:TARGET");
    }

    @Test
    void aNodeWithNoEdgesIsItsOwnPathAndNoneClearsThePreviousOne() {
        LaidOutGraph g = cluster();
        assertThat(path(g, "sa:data/idle")).isEqualTo(new Path(Set.of("sa:data/idle"), Set.of()));

        PathIndex index = new PathIndex(g);
        BitSet nodes = new BitSet();
        BitSet edges = new BitSet();
        index.path(g.indexOf("role:pay"), nodes, edges);
        assertThat(nodes.cardinality()).isEqualTo(9);
        index.path(g.indexOf("sa:data/idle"), nodes, edges);
        assertThat(describe(g, nodes, edges)).as("the earlier path is gone")
                .isEqualTo(new Path(Set.of("sa:data/idle"), Set.of()));
        index.path(-1, nodes, edges);
        assertThat(nodes.isEmpty()).isTrue();
        assertThat(edges.isEmpty()).isTrue();
    }

    @Test
    void roleChainsThatLoopStillEndAndMarkEveryEdgeOfTheLoop() {
        LaidOutGraph g = new Fixture()
                .node("wl:a/app", GraphColumn.WORKLOAD, NodeStyle.WORKLOAD)
                .node("sa:a/app", GraphColumn.SERVICE_ACCOUNT, NodeStyle.SERVICE_ACCOUNT)
                .node("role:a", GraphColumn.ROLE, NodeStyle.ROLE)
                .node("role:b", GraphColumn.TRUST_TARGET, NodeStyle.TARGET_ROLE)
                .node("role:self", GraphColumn.ROLE, NodeStyle.ROLE)
                .edge("wl:a/app", "sa:a/app", EdgeStyle.RUNS_AS)
                .edge("sa:a/app", "role:a", EdgeStyle.IRSA)
                .edge("role:a", "role:b", EdgeStyle.TARGET)
                .edge("role:b", "role:a", EdgeStyle.TARGET)
                .edge("role:self", "role:self", EdgeStyle.TARGET)
                .build();
        Path fromSa = path(g, "sa:a/app");
        assertThat(fromSa.nodes()).containsExactlyInAnyOrder("wl:a/app", "sa:a/app", "role:a", "role:b");
        assertThat(fromSa.edges()).containsExactlyInAnyOrder("wl:a/app->sa:a/app:RUNS_AS",
                "sa:a/app->role:a:IRSA", "role:a->role:b:TARGET", "role:b->role:a:TARGET");

        Path fromB = path(g, "role:b");
        assertThat(fromB.nodes()).as("upstream through the loop reaches the workload")
                .containsExactlyInAnyOrder("wl:a/app", "sa:a/app", "role:a", "role:b");

        assertThat(path(g, "role:self"))
                .isEqualTo(new Path(Set.of("role:self"), Set.of("role:self->role:self:TARGET")));
    }

    @Test
    void parallelEdgesAreAllOnThePath() {
        LaidOutGraph g = new Fixture()
                .node("sa:pay/api", GraphColumn.SERVICE_ACCOUNT, NodeStyle.SERVICE_ACCOUNT)
                .node("role:pay", GraphColumn.ROLE, NodeStyle.ROLE)
                .edge("sa:pay/api", "role:pay", EdgeStyle.IRSA)
                .edge("sa:pay/api", "role:pay", EdgeStyle.BOTH)
                .build();
        assertThat(path(g, "role:pay").edges()).containsExactlyInAnyOrder("sa:pay/api->role:pay:IRSA",
                "sa:pay/api->role:pay:BOTH");
        assertThat(neighbours(g, "sa:pay/api", true)).containsExactly("role:pay", "role:pay");
    }

    @Test
    void neighboursAreOneStepInTheDirectionAsked() {
        LaidOutGraph g = cluster();
        assertThat(neighbours(g, "sa:pay/api", true)).containsExactly("role:pay");
        assertThat(neighbours(g, "sa:pay/api", false)).containsExactlyInAnyOrder("wl:pay/api", "pod:pay/api-1");
        assertThat(neighbours(g, "role:pay", true)).containsExactlyInAnyOrder("oidc:cluster", "role:target");
        assertThat(neighbours(g, "role:pay", false)).containsExactlyInAnyOrder("sa:pay/api", "assoc:pay/worker");
        assertThat(neighbours(g, "oidc:cluster", true)).isEmpty();
        assertThat(neighbours(g, "wl:pay/api", false)).isEmpty();
        assertThat(neighbours(g, "sa:data/idle", true)).isEmpty();
        assertThat(neighbours(g, "sa:data/idle", false)).isEmpty();
    }

    private static final int N = 16;

    private static LaidOutGraph random(List<Integer> ends) {
        Fixture f = new Fixture();
        for (int i = 0; i < N; i++) {
            f.node("n" + i, GraphColumn.values()[i % GraphColumn.values().length], NodeStyle.ROLE);
        }
        for (int k = 0; k + 1 < ends.size(); k += 2) {
            f.edge("n" + ends.get(k), "n" + ends.get(k + 1), EdgeStyle.TARGET);
        }
        return f.build();
    }

    /** Nodes reachable from start along edges (forward) or against them, by fixpoint over the edge list. */
    private static BitSet reach(LaidOutGraph g, int start, boolean forward) {
        BitSet r = new BitSet();
        r.set(start);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int j = 0; j < g.edgeCount(); j++) {
                int a = forward ? g.edgeFrom(j) : g.edgeTo(j);
                int b = forward ? g.edgeTo(j) : g.edgeFrom(j);
                if (r.get(a) && !r.get(b)) {
                    r.set(b);
                    grew = true;
                }
            }
        }
        return r;
    }

    @Property(tries = 500)
    void thePathIsWhatIsReachableDownstreamPlusWhatReachesTheNode(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = N - 1) Integer> ends,
            @ForAll @IntRange(min = 0, max = N - 1) int start) {
        LaidOutGraph g = random(ends);
        PathIndex index = new PathIndex(g);
        BitSet nodes = new BitSet();
        BitSet edges = new BitSet();
        index.path(start, nodes, edges);

        BitSet down = reach(g, start, true);
        BitSet up = reach(g, start, false);
        BitSet expectedNodes = (BitSet) down.clone();
        expectedNodes.or(up);
        BitSet expectedEdges = new BitSet();
        for (int j = 0; j < g.edgeCount(); j++) {
            if (down.get(g.edgeFrom(j)) || up.get(g.edgeTo(j))) {
                expectedEdges.set(j);
            }
        }
        assertThat(nodes).isEqualTo(expectedNodes);
        assertThat(edges).isEqualTo(expectedEdges);

        // being on one another's path is mutual
        for (int other = 0; other < N; other++) {
            BitSet otherNodes = new BitSet();
            index.path(other, otherNodes, new BitSet());
            assertThat(otherNodes.get(start)).as("n%d on the path of n%d", start, other)
                    .isEqualTo(nodes.get(other));
        }
    }

    @Property(tries = 300)
    void neighboursAreTheOtherEndsOfTheNodesEdges(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = N - 1) Integer> ends,
            @ForAll @IntRange(min = 0, max = N - 1) int node) {
        LaidOutGraph g = random(ends);
        PathIndex index = new PathIndex(g);
        List<Integer> out = new ArrayList<>();
        List<Integer> in = new ArrayList<>();
        for (int j = 0; j < g.edgeCount(); j++) {
            if (g.edgeFrom(j) == node) {
                out.add(g.edgeTo(j));
            }
            if (g.edgeTo(j) == node) {
                in.add(g.edgeFrom(j));
            }
        }
        assertThat(index.neighbours(node, true)).containsExactlyInAnyOrder(out.stream().mapToInt(Integer::intValue).toArray());
        assertThat(index.neighbours(node, false)).containsExactlyInAnyOrder(in.stream().mapToInt(Integer::intValue).toArray());
    }
}
