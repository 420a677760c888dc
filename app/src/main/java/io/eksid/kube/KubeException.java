package io.eksid.kube;

import java.util.Objects;

/** A classified Kubernetes failure whose message is written for an admin (see {@link KubeErrors}). */
public final class KubeException extends RuntimeException {

    private final KubeFailure failure;
    private final int httpCode;

    public KubeException(KubeFailure failure, String message, int httpCode, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.httpCode = httpCode;
    }

    public KubeFailure failure() {
        return failure;
    }

    /** The HTTP status when the server answered, else 0. */
    public int httpCode() {
        return httpCode;
    }
}
