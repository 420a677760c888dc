package io.eksid.engine.live;

import java.nio.file.Path;
import java.util.List;

/**
 * Where contexts and AWS profiles come from: the user's own files (from {@code KUBECONFIG} / {@code ~/.kube/config}
 * and the standard AWS settings), or explicit files such as the sandbox's.
 *
 * @param kubeconfigFiles explicit kubeconfig files, or empty for the standard ones
 * @param awsConfigFile   explicit AWS config file, or null for the standard setting
 * @param defaultProfile  the AWS profile to use when the context names none, or null for the standard default
 */
public record WorkspaceSource(String name, List<Path> kubeconfigFiles, Path awsConfigFile, Path awsCredentialsFile,
                              String defaultProfile) {

    public WorkspaceSource {
        kubeconfigFiles = List.copyOf(kubeconfigFiles);
    }

    public static WorkspaceSource defaults() {
        return new WorkspaceSource("kubeconfig", List.of(), null, null, null);
    }

    public static WorkspaceSource sandbox(Path kubeconfig, Path awsConfig, Path awsCredentials, String profile) {
        return new WorkspaceSource("sandbox", List.of(kubeconfig), awsConfig, awsCredentials, profile);
    }

    /** The explicit kubeconfig files given on the command line. */
    public static WorkspaceSource of(List<Path> kubeconfigFiles, String profile) {
        return new WorkspaceSource("kubeconfig", kubeconfigFiles, null, null, profile);
    }
}
