package io.eksid.sandbox.aws;

import java.time.Instant;

/**
 * An EKS cluster as DescribeCluster reports it (the fields the console reads).
 * {@code certificateAuthorityData} is the base64 PEM of the API server's CA, or null when unknown.
 */
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
        Instant createdAt,
        String certificateAuthorityData) {

    ClusterRecord withEndpoint(String newEndpoint) {
        return new ClusterRecord(accountId, region, name, arn, version, platformVersion, oidcIssuerUrl,
                newEndpoint, autoMode, createdAt, certificateAuthorityData);
    }

    ClusterRecord withCertificateAuthority(String base64Pem) {
        return new ClusterRecord(accountId, region, name, arn, version, platformVersion, oidcIssuerUrl,
                endpoint, autoMode, createdAt, base64Pem);
    }
}
