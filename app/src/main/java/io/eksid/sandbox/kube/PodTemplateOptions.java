package io.eksid.sandbox.kube;

import java.time.Instant;

/**
 * How the pods of a simulated workload look.
 *
 * @param fargate     pods run on Fargate (own node per pod, {@code fargate-scheduler}): never Pod Identity
 * @param windows     pods select Windows nodes: never Pod Identity
 * @param hostNetwork pods share the node's network namespace
 * @param image       image of the main container
 * @param createdAt   creation time of the seeded pods; null means now. Lets a scenario make pods that
 *                    started before an association existed (they keep their old credentials).
 */
public record PodTemplateOptions(boolean fargate, boolean windows, boolean hostNetwork, String image,
                                 Instant createdAt) {

    public static final String DEFAULT_IMAGE = "public.ecr.aws/docker/library/nginx:1.27";

    public PodTemplateOptions {
        if (fargate && windows) {
            throw new IllegalArgumentException("EKS Fargate runs Linux pods only: fargate and windows exclude each other");
        }
        if (image == null || image.isBlank()) {
            image = DEFAULT_IMAGE;
        }
    }

    public static PodTemplateOptions defaults() {
        return new PodTemplateOptions(false, false, false, DEFAULT_IMAGE, null);
    }

    public PodTemplateOptions withFargate() {
        return new PodTemplateOptions(true, false, hostNetwork, image, createdAt);
    }

    public PodTemplateOptions withWindows() {
        return new PodTemplateOptions(false, true, hostNetwork, image, createdAt);
    }

    public PodTemplateOptions withHostNetwork() {
        return new PodTemplateOptions(fargate, windows, true, image, createdAt);
    }

    public PodTemplateOptions withImage(String newImage) {
        return new PodTemplateOptions(fargate, windows, hostNetwork, newImage, createdAt);
    }

    public PodTemplateOptions withCreatedAt(Instant when) {
        return new PodTemplateOptions(fargate, windows, hostNetwork, image, when);
    }
}
