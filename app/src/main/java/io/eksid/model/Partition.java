package io.eksid.model;

import java.util.Locale;
import java.util.Optional;

/** An AWS partition. The partition is part of every ARN and of the OIDC provider ARN a trust policy names. */
public enum Partition {
    AWS("aws"),
    AWS_CN("aws-cn"),
    AWS_US_GOV("aws-us-gov");

    private final String id;

    Partition(String id) {
        this.id = id;
    }

    /** The partition as it appears in ARNs: {@code aws}, {@code aws-cn}, {@code aws-us-gov}. */
    public String id() {
        return id;
    }

    public static Optional<Partition> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        for (Partition p : values()) {
            if (p.id.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The partition a region belongs to (cn-* is aws-cn, us-gov-* is aws-us-gov). */
    public static Partition ofRegion(String region) {
        if (region != null && region.startsWith("cn-")) {
            return AWS_CN;
        }
        if (region != null && region.startsWith("us-gov-")) {
            return AWS_US_GOV;
        }
        return AWS;
    }

    @Override
    public String toString() {
        return id;
    }
}
