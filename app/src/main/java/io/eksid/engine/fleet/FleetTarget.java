package io.eksid.engine.fleet;

import java.util.Objects;

/**
 * One context a fleet scan connects to.
 *
 * @param context the kubeconfig context name
 * @param profile the AWS profile for this context, or null to follow its exec plugin and the defaults
 * @param region  the region to look for its EKS cluster in, or null for the exec plugin's or the profile's
 */
public record FleetTarget(String context, String profile, String region) {

    public FleetTarget {
        Objects.requireNonNull(context, "context");
        profile = profile == null || profile.isBlank() ? null : profile.strip();
        region = region == null || region.isBlank() ? null : region.strip();
    }

    public static FleetTarget of(String context) {
        return new FleetTarget(context, null, null);
    }
}
