package io.eksid.aws;

import io.eksid.model.store.SourceState;
import java.util.Objects;

/**
 * What an AWS call failure means for a source: the state to report and a reason an admin can act on.
 *
 * @param throttled the service asked us to slow down: back off and keep the last good data
 */
public record AwsFailure(SourceState state, String reason, boolean throttled) {

    public AwsFailure {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }
}
