package io.eksid.engine.fleet;

import io.eksid.engine.live.Readiness;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import java.util.List;

/** How one cluster's scan ended: every source live, some partial (forbidden or degraded), or some failed. */
public enum ClusterScanStatus {
    OK, DEGRADED, FAILED;

    /**
     * The rule {@code eksid scan} has always applied: not ready, or a source in error or still connecting, is a
     * failure; a source that is neither live nor failed makes the scan degraded.
     */
    public static ClusterScanStatus of(List<SourceStatus> sources, Readiness readiness) {
        if (!readiness.ready()) {
            return FAILED;
        }
        ClusterScanStatus status = OK;
        for (SourceStatus s : sources) {
            if (s.state() == SourceState.ERROR || s.state() == SourceState.CONNECTING) {
                return FAILED;
            }
            if (s.state() != SourceState.LIVE) {
                status = DEGRADED;
            }
        }
        return status;
    }
}
