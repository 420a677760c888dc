package io.eksid.engine.live;

import java.nio.file.Path;

/**
 * A kubeconfig context as the navigator lists it.
 *
 * @param file   the kubeconfig file that defines it
 * @param hint   what its exec plugin says about the EKS cluster (cluster, region, profile), or empty
 * @param source the workspace source it came from (the user's kubeconfig, or the sandbox)
 */
public record ContextInfo(String name, Path file, String server, String hint, String source) {
}
