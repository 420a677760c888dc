package io.eksid.engine.convert;

import io.eksid.aws.IdentityWriter;
import io.eksid.kube.KubeWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a conversion writes: the cluster account's AWS clients, writers for other accounts (cross-account target
 * roles) when a profile can write them, and the cluster's Kubernetes API.
 *
 * @param clusterAccount the account of the cluster (and of every association role)
 * @param otherAccounts  IAM writers of other accounts, by account id
 */
public record ConversionGateways(String clusterAccount, IdentityWriter cluster, Map<String, IdentityWriter> otherAccounts,
                                 KubeWriter kube, WorkloadTemplates templates) {

    public ConversionGateways {
        Objects.requireNonNull(clusterAccount, "clusterAccount");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(kube, "kube");
        Objects.requireNonNull(templates, "templates");
        otherAccounts = Map.copyOf(otherAccounts);
    }

    /** The IAM writer of {@code account}, if a profile can reach it. */
    public Optional<IdentityWriter> iam(String account) {
        return account.equals(clusterAccount) ? Optional.of(cluster) : Optional.ofNullable(otherAccounts.get(account));
    }

    /** Every SDK attempt the writers' clients made so far, across accounts. */
    public io.eksid.aws.SdkAttempts.Counts attempts() {
        java.util.IdentityHashMap<io.eksid.aws.SdkAttempts, Boolean> seen = new java.util.IdentityHashMap<>();
        io.eksid.aws.SdkAttempts.Counts total = io.eksid.aws.SdkAttempts.Counts.NONE;
        for (IdentityWriter w : java.util.stream.Stream.concat(java.util.stream.Stream.of(cluster),
                otherAccounts.values().stream()).toList()) {
            if (seen.put(w.attempts(), Boolean.TRUE) == null) {
                total = total.plus(w.attempts().snapshot());
            }
        }
        return total;
    }

    IdentityWriter iamOrFail(String account) {
        return iam(account).orElseThrow(() -> new StepFailure("no AWS profile can write account " + account
                + "; pass a profile for it or ask its owner to make this change"));
    }
}
