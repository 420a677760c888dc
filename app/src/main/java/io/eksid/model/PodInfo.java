package io.eksid.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A pod, trimmed to what identity needs. Never hold whole Pod objects: a large cluster has tens of thousands.
 *
 * @param owner        the top-level workload, or null for a bare pod
 * @param phase        Pending, Running, Succeeded, Failed or Unknown
 * @param startTime    creation time; decides which credentials the webhook gave it
 * @param credentials  which credential variables it carries
 */
public record PodInfo(String namespace, String name, String uid, String serviceAccount, String nodeName,
                      WorkloadRef owner, String phase, Instant startTime, PodCredentials credentials,
                      boolean fargate, boolean windows, boolean hostNetwork) {

    public PodInfo {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        serviceAccount = serviceAccount == null || serviceAccount.isEmpty() ? "default" : serviceAccount;
        credentials = credentials == null ? PodCredentials.NONE : credentials;
    }

    public ServiceAccountRef serviceAccountRef() {
        return new ServiceAccountRef(namespace, serviceAccount);
    }
}
