package io.eksid.sandbox.aws;

import java.time.Instant;

/** An EKS cluster as DescribeCluster reports it (the fields the console reads). */
public record ClusterRecord(
        String accountId,
        String region,
        String name,
        String arn,
        String version,
        String platformVersion,
        String oidcIssuerUrl,
        String endpoint,
        boolean autoMode,
        Instant createdAt) {

    ClusterRecord withEndpoint(String newEndpoint) {
        return new ClusterRecord(accountId, region, name, arn, version, platformVersion, oidcIssuerUrl,
                newEndpoint, autoMode, createdAt);
    }
}
