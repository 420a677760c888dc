package io.eksid.aws;

import java.util.Optional;

/**
 * What a kubeconfig context says about its EKS cluster, as plain strings: the exec plugin's arguments
 * ({@code aws eks get-token --cluster-name X --region R --profile P}, {@code aws-iam-authenticator token -i X})
 * and its {@code AWS_PROFILE} / {@code AWS_REGION} environment, plus the API server URL. Any part may be null.
 *
 * @param serverUrl the context's cluster {@code server}, e.g. {@code https://ABC.gr7.us-west-2.eks.amazonaws.com}
 * @param roleArn   {@code --role-arn} / {@code -r}: the role kubectl assumes (informational)
 */
public record ExecHints(String contextName, String serverUrl, String clusterName, String region, String profile,
                        String roleArn) {

    public static ExecHints none(String contextName, String serverUrl) {
        return new ExecHints(contextName, serverUrl, null, null, null, null);
    }

    public Optional<String> clusterNameIfSet() {
        return blankToEmpty(clusterName);
    }

    public Optional<String> regionIfSet() {
        return blankToEmpty(region);
    }

    public Optional<String> profileIfSet() {
        return blankToEmpty(profile);
    }

    public Optional<String> serverUrlIfSet() {
        return blankToEmpty(serverUrl);
    }

    private static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
