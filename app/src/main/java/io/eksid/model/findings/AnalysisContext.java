package io.eksid.model.findings;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.graph.IdentityGraph;

/** One cluster's snapshot and the graph derived from it: what each group of checks reads. */
record AnalysisContext(ClusterSnapshot snapshot, IdentityGraph graph) {

    ClusterInfo cluster() {
        return snapshot.cluster();
    }
}
