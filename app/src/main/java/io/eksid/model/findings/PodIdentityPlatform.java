package io.eksid.model.findings;

import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a cluster can run EKS Pod Identity at all (FACTS.md "Pod Identity runtime": not in China regions;
 * minimum platform versions 1.24 eks.13, 1.25 eks.10, 1.26 eks.9, 1.27 eks.8, 1.28 eks.4, all later versions).
 */
final class PodIdentityPlatform {

    private static final Map<String, Integer> MINIMUM_PLATFORM = Map.of("1.24", 13, "1.25", 10, "1.26", 9,
            "1.27", 8, "1.28", 4);
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern PLATFORM = Pattern.compile("eks\\.(\\d+)");

    private PodIdentityPlatform() {
    }

    /** Why Pod Identity cannot work on this cluster, or empty when it can (or the versions are unknown). */
    static Optional<String> unsupportedReason(ClusterInfo cluster) {
        if (cluster.partition() == Partition.AWS_CN) {
            return Optional.of("EKS Pod Identity is not available in the China regions (" + cluster.region() + ")");
        }
        if (cluster.version() == null) {
            return Optional.empty();
        }
        Matcher v = VERSION.matcher(cluster.version());
        if (!v.find()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(v.group(1));
        int minor = Integer.parseInt(v.group(2));
        if (major == 1 && minor < 24) {
            return Optional.of("Kubernetes " + cluster.version() + " is older than 1.24, the first version with "
                    + "EKS Pod Identity");
        }
        Integer minimum = MINIMUM_PLATFORM.get(major + "." + minor);
        if (minimum == null || cluster.platformVersion() == null) {
            return Optional.empty();
        }
        Matcher p = PLATFORM.matcher(cluster.platformVersion());
        if (p.find() && Integer.parseInt(p.group(1)) < minimum) {
            return Optional.of("platform version " + cluster.platformVersion() + " of Kubernetes " + major + "."
                    + minor + " predates EKS Pod Identity (it needs eks." + minimum + " or later)");
        }
        return Optional.empty();
    }
}
