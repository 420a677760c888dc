package io.eksid.aws;

import io.eksid.model.store.ClusterStore;
import java.util.Objects;
import software.amazon.awssdk.services.eks.EksClient;

/** {@code aws/cluster}: DescribeCluster, so the OIDC issuer, version and Auto Mode stay current. */
public final class ClusterSource implements AwsSource {

    public static final String NAME = "aws/cluster";

    private final EksClient eks;
    private final String clusterName;
    private final String region;
    private final ClusterStore store;

    public ClusterSource(EksClient eks, String clusterName, String region, ClusterStore store) {
        this.eks = Objects.requireNonNull(eks, "eks");
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.region = Objects.requireNonNull(region, "region");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String refresh() {
        store.setCluster(ClusterMatcher.toClusterInfo(eks.describeCluster(r -> r.name(clusterName)).cluster(), region));
        return "";
    }
}
