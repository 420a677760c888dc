package io.eksid.engine.live;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.findings.Finding;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.store.SourceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the console shows about one connected cluster at one moment: the snapshot, the identity graph
 * derived from it, the findings, and the state of every source. Immutable; a new one replaces it on change.
 *
 * @param storeVersion the live store's version the snapshot reflects
 * @param lastAwsRefresh when the AWS side last completed a poll, or null
 */
public record IdentityState(String contextName, ClusterSnapshot snapshot, IdentityGraph graph, List<Finding> findings,
                            List<SourceStatus> sources, long storeVersion, Instant derivedAt, Instant lastAwsRefresh) {

    public IdentityState {
        Objects.requireNonNull(contextName, "contextName");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(graph, "graph");
        findings = List.copyOf(findings);
        sources = List.copyOf(sources);
    }
}
