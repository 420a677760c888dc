package io.eksid.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An EKS cluster as DescribeCluster reports it.
 *
 * @param oidcIssuer the full issuer URL ({@code https://oidc.eks.<region>.amazonaws.com/id/<ID>}), or null when
 *                   the cluster has none (then IRSA cannot work at all)
 * @param autoMode   EKS Auto Mode: the Pod Identity agent is built in
 */
public record ClusterInfo(String name, String arn, String account, Partition partition, String region,
                          String oidcIssuer, String version, String platformVersion, boolean autoMode) {

    public ClusterInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(region, "region");
        if (arn == null) {
            arn = "arn:" + partition.id() + ":eks:" + region + ":" + account + ":cluster/" + name;
        }
    }

    /** The issuer as IAM condition keys and OIDC provider ARNs use it: without {@code https://}, no trailing slash. */
    public Optional<String> issuerHostPath() {
        return Optional.ofNullable(oidcIssuer).map(ClusterInfo::stripIssuer);
    }

    /** The ARN of the IAM OIDC provider this cluster's IRSA trust must name as its Federated principal. */
    public Optional<String> oidcProviderArn() {
        return issuerHostPath().map(h -> "arn:" + partition.id() + ":iam::" + account + ":oidc-provider/" + h);
    }

    public static String stripIssuer(String issuer) {
        String s = issuer.strip();
        if (s.regionMatches(true, 0, "https://", 0, 8)) {
            s = s.substring(8);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
