package io.eksid.model.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of one named source (for example {@code kube/pods} or {@code aws/associations}) with a reason an
 * admin can act on, and when it entered that state.
 */
public record SourceStatus(String source, SourceState state, String reason, Instant since) {

    public SourceStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }
}
