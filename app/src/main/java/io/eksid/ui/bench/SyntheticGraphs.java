package io.eksid.ui.bench;

import io.eksid.ui.graph.EdgeStyle;
import io.eksid.ui.graph.GraphColumn;
import io.eksid.ui.graph.NodeStyle;
import io.eksid.ui.graph.ViewEdge;
import io.eksid.ui.graph.ViewGraph;
import io.eksid.ui.graph.ViewNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic graphs of a given size in the console's shape (namespaces of workloads and service accounts,
 * shared roles), for render measurements that do not need a cluster.
 */
public final class SyntheticGraphs {

    private SyntheticGraphs() {
    }

    /** About {@code nodes} nodes, every namespace expanded. */
    public static ViewGraph expanded(int nodes, long seed) {
        Random r = new Random(seed);
        List<ViewNode> ns = new ArrayList<>();
        List<ViewEdge> es = new ArrayList<>();
        int roles = Math.max(1, nodes / 20);
        int perNamespace = 24;
        int namespaces = Math.max(1, (nodes - roles) / (perNamespace + 1));
        for (int n = 0; n < namespaces; n++) {
            String name = "team-" + n;
            ns.add(new ViewNode("ns:" + name, GraphColumn.NAMESPACE, name, name, "12 workloads", NodeStyle.NAMESPACE,
                    Set.of(), true, true));
            for (int k = 0; k < perNamespace / 2; k++) {
                String sa = "sa:" + name + "/svc-" + k;
                String wl = "wl:" + name + "/Deployment/svc-" + k;
                ns.add(new ViewNode(wl, GraphColumn.WORKLOAD, name, "svc-" + k, "Deployment \u00b7 4 pods",
                        NodeStyle.WORKLOAD, Set.of(), true, false));
                ns.add(new ViewNode(sa, GraphColumn.SERVICE_ACCOUNT, name, "svc-" + k, "IRSA \u2192 role-" + k,
                        NodeStyle.SERVICE_ACCOUNT, Set.of(), false, false));
                es.add(new ViewEdge(wl, sa, EdgeStyle.RUNS_AS, ""));
                EdgeStyle style = switch (r.nextInt(4)) {
                    case 0 -> EdgeStyle.POD_IDENTITY;
                    case 1 -> EdgeStyle.BROKEN;
                    default -> EdgeStyle.IRSA;
                };
                es.add(new ViewEdge(sa, "role:r" + r.nextInt(roles), style, ""));
            }
        }
        for (int i = 0; i < roles; i++) {
            ns.add(new ViewNode("role:r" + i, GraphColumn.ROLE, null, "app-role-" + i, "/teams/ 111122223333",
                    NodeStyle.ROLE, Set.of(), false, false));
        }
        return new ViewGraph(ns, es);
    }
}
