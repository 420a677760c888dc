package io.eksid.kube;

import io.eksid.model.ExecHints;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One kubeconfig context, resolved through the merged kubeconfig.
 *
 * @param name        the context name ({@code arn:aws:eks:...:cluster/x} for configs written by {@code aws eks
 *                    update-kubeconfig})
 * @param sourceFile  the file that defined the context
 * @param clusterName the kubeconfig cluster entry it names
 * @param server      that cluster's API server URL, or null when the entry is missing
 * @param user        the kubeconfig user entry it names
 * @param namespace   its default namespace, or null
 * @param exec        the user's exec credential plugin, or null
 * @param problem     why this context cannot be used as written (missing cluster/user entry, no server), or null
 */
public record KubeContext(String name, Path sourceFile, String clusterName, String server, String user,
                          String namespace, ExecPlugin exec, String problem) {

    public KubeContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceFile, "sourceFile");
    }

    public Optional<ExecPlugin> execPlugin() {
        return Optional.ofNullable(exec);
    }

    /** What the context and its exec plugin say about the EKS cluster; only the server without a plugin. */
    public ExecHints execHints() {
        return exec == null ? ExecHints.none(name, server)
                : ExecHints.fromExec(name, server, exec.command(), exec.args(), exec.env());
    }

    public boolean usable() {
        return problem == null;
    }

    /** The namespace kubectl would use: the context's, or {@code default}. */
    public String defaultNamespace() {
        return namespace == null || namespace.isBlank() ? "default" : namespace;
    }
}
