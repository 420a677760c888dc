package io.eksid.model.export;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of the Terraform AWS provider ({@code hashicorp/aws}), and the first version that has each resource
 * and argument the exporter writes (from the provider's changelog).
 */
public record AwsProviderVersion(int major, int minor, int patch) implements Comparable<AwsProviderVersion> {

    /** {@code aws_eks_pod_identity_association} (5.29.0, November 2023). */
    public static final AwsProviderVersion POD_IDENTITY_ASSOCIATION = new AwsProviderVersion(5, 29, 0);
    /** {@code aws_eks_addon.pod_identity_association} blocks (5.75.0). */
    public static final AwsProviderVersion ADDON_POD_IDENTITY = new AwsProviderVersion(5, 75, 0);
    /** {@code target_role_arn} and {@code disable_session_tags} on an association (6.2.0). */
    public static final AwsProviderVersion ASSOCIATION_TARGET_ROLE = new AwsProviderVersion(6, 2, 0);
    /** {@code policy} (a session policy) on an association (6.57.1). */
    public static final AwsProviderVersion ASSOCIATION_POLICY = new AwsProviderVersion(6, 57, 1);

    private static final Pattern TEXT = Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})");
    private static final Comparator<AwsProviderVersion> ORDER = Comparator.comparingInt(AwsProviderVersion::major)
            .thenComparingInt(AwsProviderVersion::minor).thenComparingInt(AwsProviderVersion::patch);

    public AwsProviderVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("a provider version has no negative parts");
        }
    }

    /** Parses {@code 5.100.0} (a leading {@code v} is allowed); anything else is a clear error. */
    public static AwsProviderVersion parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("an AWS provider version is MAJOR.MINOR.PATCH, e.g. 5.100.0, got '"
                    + text + "'");
        }
        return new AwsProviderVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    public boolean atLeast(AwsProviderVersion other) {
        return compareTo(other) >= 0;
    }

    public static AwsProviderVersion max(AwsProviderVersion a, AwsProviderVersion b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(AwsProviderVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
