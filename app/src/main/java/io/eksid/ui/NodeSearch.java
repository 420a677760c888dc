package io.eksid.ui;

import io.eksid.model.graph.GraphNode;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.NodeKind;
import java.util.Locale;
import java.util.Optional;

/** The search box's ranking: exact name, then prefix, then substring, then id; pods rank after everything else. */
final class NodeSearch {

    private NodeSearch() {
    }

    static Optional<String> best(IdentityGraph graph, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String q = text.strip().toLowerCase(Locale.ROOT);
        GraphNode best = null;
        int bestScore = Integer.MAX_VALUE;
        for (GraphNode n : graph.nodes()) {
            String label = n.label().toLowerCase(Locale.ROOT);
            String id = n.id().toLowerCase(Locale.ROOT);
            int score = label.equals(q) ? 0 : label.startsWith(q) ? 1 : label.contains(q) ? 2 : id.contains(q) ? 3
                    : Integer.MAX_VALUE;
            if (score < Integer.MAX_VALUE && n.kind() == NodeKind.POD) {
                score += 3;
            }
            if (score < bestScore) {
                bestScore = score;
                best = n;
            }
        }
        return Optional.ofNullable(best).map(GraphNode::id);
    }
}
