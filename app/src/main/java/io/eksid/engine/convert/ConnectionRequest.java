package io.eksid.engine.convert;

import java.nio.file.Path;
import java.util.List;

/**
 * Which cluster to work on, as the admin's tools name it.
 *
 * @param kubeconfigs kubeconfig files (empty: {@code KUBECONFIG}, else {@code ~/.kube/config})
 * @param context     the kubeconfig context (null: the current context)
 * @param profile     the AWS profile (null: the exec plugin's, else {@code AWS_PROFILE}, else {@code default})
 * @param region      the region (null: the exec plugin's, else {@code AWS_REGION}, else the profile's)
 */
public record ConnectionRequest(List<Path> kubeconfigs, String context, String profile, String region) {

    public ConnectionRequest {
        kubeconfigs = kubeconfigs == null ? List.of() : List.copyOf(kubeconfigs);
    }
}
