package io.eksid.sandbox.scenario;

import java.time.Instant;
import java.util.Objects;

/**
 * What a workload's pods look like where identity is concerned: where they run (Fargate, Windows, host
 * network), the container image, and when they were started.
 */
public record PodTemplate(boolean fargate, boolean windows, boolean hostNetwork, String image, Instant createdAt) {

    public PodTemplate {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(createdAt, "createdAt");
        if (fargate && windows) {
            throw new IllegalArgumentException("Fargate does not run Windows pods");
        }
    }

    public static PodTemplate linux(String image, Instant createdAt) {
        return new PodTemplate(false, false, false, image, createdAt);
    }

    public static PodTemplate hostNetwork(String image, Instant createdAt) {
        return new PodTemplate(false, false, true, image, createdAt);
    }

    public static PodTemplate fargate(String image, Instant createdAt) {
        return new PodTemplate(true, false, false, image, createdAt);
    }

    public static PodTemplate windows(String image, Instant createdAt) {
        return new PodTemplate(false, true, false, image, createdAt);
    }
}
