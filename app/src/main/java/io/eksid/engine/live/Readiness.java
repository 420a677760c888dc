package io.eksid.engine.live;

import java.util.List;

/**
 * The answer of {@link LiveSession#awaitReady}: whether the Kubernetes side listed everything once and the AWS
 * side completed a poll that saw the synced Kubernetes side, and if not, what is still missing.
 *
 * @param missing one line per side that is not there yet, e.g. "Kubernetes: pods still listing"
 */
public record Readiness(boolean ready, List<String> missing) {

    public Readiness {
        missing = List.copyOf(missing);
    }
}
