package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterMatcherUnitTest {

    @Test
    void endpointsCompareWithoutCaseDefaultPortOrTrailingSlash() {
        assertThat(ClusterMatcher.normalizeEndpoint("https://ABC123.gr7.us-west-2.eks.amazonaws.com/"))
                .isEqualTo(ClusterMatcher.normalizeEndpoint("https://abc123.gr7.us-west-2.eks.amazonaws.com:443"));
        assertThat(ClusterMatcher.normalizeEndpoint("abc123.gr7.us-west-2.eks.amazonaws.com"))
                .isEqualTo("https://abc123.gr7.us-west-2.eks.amazonaws.com");
        assertThat(ClusterMatcher.normalizeEndpoint("https://127.0.0.1:6443"))
                .isNotEqualTo(ClusterMatcher.normalizeEndpoint("https://127.0.0.1:6444"));
    }

    @Test
    void readsTheRegionFromARealEksEndpointHostOnly() {
        assertThat(ClusterMatcher.regionOfEksHost("https://ABC.gr7.us-west-2.eks.amazonaws.com"))
                .contains("us-west-2");
        assertThat(ClusterMatcher.regionOfEksHost("https://ABC.yl4.cn-north-1.eks.amazonaws.com.cn"))
                .contains("cn-north-1");
        assertThat(ClusterMatcher.regionOfEksHost("https://ABC.sk1.us-gov-west-1.eks.amazonaws.com"))
                .contains("us-gov-west-1");
        assertThat(ClusterMatcher.regionOfEksHost("https://127.0.0.1:6443")).isEmpty();
        assertThat(ClusterMatcher.regionOfEksHost("https://kube.example.com")).isEmpty();
    }
}
