package io.eksid.aws;

import io.eksid.model.ClusterInfo;
import java.util.List;
import java.util.Objects;

/** The outcome of matching a kubeconfig context to its EKS cluster. */
public sealed interface ClusterMatch {

    /** Found: the cluster, and the profile and region that read it (use them for the pollers). */
    record Matched(ClusterInfo cluster, String profile, String region, String how) implements ClusterMatch {
        public Matched {
            Objects.requireNonNull(cluster, "cluster");
        }
    }

    /** Several or no clusters fit; the admin must pick one (the caller remembers the choice). */
    record NeedsChoice(List<ClusterInfo> candidates, String profile, String region, String reason)
            implements ClusterMatch {
        public NeedsChoice {
            candidates = List.copyOf(candidates);
        }
    }

    /** EKS could not be asked (no profile, no region, no credentials, access denied). */
    record Unavailable(String reason, AwsFailure failure) implements ClusterMatch {
    }
}
