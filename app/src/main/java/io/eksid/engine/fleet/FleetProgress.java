package io.eksid.engine.fleet;

import io.eksid.engine.live.IdentityState;

/**
 * What a fleet scan reports while it runs. Called from the scan's worker threads, possibly at the same time for
 * different contexts: implementations must be thread-safe and quick (hand off to a UI throttle, append to a
 * concurrent map).
 */
public interface FleetProgress {

    FleetProgress NONE = new FleetProgress() {
    };

    /** A context's scan began. */
    default void started(String context) {
    }

    /**
     * A context's scan ended. {@code last} is the session's last derived state (with the whole graph), or null when
     * nothing was derived; it is valid during this call only: the scanner lets it go right after, so keep a digest
     * of it, not the state.
     *
     * @param done how many contexts have finished so far, this one included
     */
    default void finished(ClusterScan scan, IdentityState last, int done, int total) {
    }
}
