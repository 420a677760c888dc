package io.eksid.kube;

import java.nio.file.Path;

/** A kubeconfig file that could not be read or parsed, or an entry in it that is malformed. */
public record KubeconfigProblem(Path file, String message) {

    @Override
    public String toString() {
        return file + ": " + message;
    }
}
