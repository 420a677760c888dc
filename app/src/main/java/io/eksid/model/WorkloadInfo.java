package io.eksid.model;

import java.util.Objects;

/**
 * A workload that owns pods.
 *
 * @param serviceAccount the service account its pod template runs as ({@code default} when unset)
 * @param replicas       desired replicas (for DaemonSets: the number of scheduled pods)
 * @param fargate        its pods are scheduled on Fargate
 * @param windows        its pods select Windows nodes
 */
public record WorkloadInfo(String namespace, WorkloadRef ref, String serviceAccount, int replicas,
                           boolean fargate, boolean windows) {

    public WorkloadInfo {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(ref, "ref");
        serviceAccount = serviceAccount == null || serviceAccount.isEmpty() ? "default" : serviceAccount;
    }

    public ServiceAccountRef serviceAccountRef() {
        return new ServiceAccountRef(namespace, serviceAccount);
    }
}
