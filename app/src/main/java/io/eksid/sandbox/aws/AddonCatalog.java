package io.eksid.sandbox.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EKS add-ons the emulator offers (a subset of the real catalogue): default version, the
 * namespace they install into, and the service accounts that want an IAM role with the managed
 * policies EKS recommends (DescribeAddonConfiguration {@code podIdentityConfiguration}).
 */
final class AddonCatalog {

    record PodIdentityConfig(String serviceAccount, List<String> recommendedManagedPolicies) {
    }

    record Entry(String defaultVersion, String namespace, List<PodIdentityConfig> podIdentity) {
    }

    private static final String P = "arn:aws:iam::aws:policy/";
    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            Map.entry("eks-pod-identity-agent", new Entry("v1.3.4-eksbuild.1", "kube-system", List.of())),
            Map.entry("vpc-cni", new Entry("v1.19.2-eksbuild.1", "kube-system",
                    List.of(new PodIdentityConfig("aws-node", List.of(P + "AmazonEKS_CNI_Policy"))))),
            Map.entry("coredns", new Entry("v1.11.4-eksbuild.2", "kube-system", List.of())),
            Map.entry("kube-proxy", new Entry("v1.31.3-eksbuild.2", "kube-system", List.of())),
            Map.entry("aws-ebs-csi-driver", new Entry("v1.38.1-eksbuild.1", "kube-system",
                    List.of(new PodIdentityConfig("ebs-csi-controller-sa", List.of(P + "service-role/AmazonEBSCSIDriverPolicy"))))),
            Map.entry("aws-efs-csi-driver", new Entry("v2.1.4-eksbuild.1", "kube-system",
                    List.of(new PodIdentityConfig("efs-csi-controller-sa", List.of(P + "service-role/AmazonEFSCSIDriverPolicy"))))),
            Map.entry("aws-mountpoint-s3-csi-driver", new Entry("v1.11.0-eksbuild.1", "kube-system",
                    List.of(new PodIdentityConfig("s3-csi-driver-sa", List.of())))),
            Map.entry("snapshot-controller", new Entry("v8.1.0-eksbuild.2", "kube-system", List.of())),
            Map.entry("metrics-server", new Entry("v0.7.2-eksbuild.1", "kube-system", List.of())),
            Map.entry("eks-node-monitoring-agent", new Entry("v1.0.1-eksbuild.2", "kube-system", List.of())),
            Map.entry("amazon-cloudwatch-observability", new Entry("v2.6.0-eksbuild.1", "amazon-cloudwatch",
                    List.of(new PodIdentityConfig("cloudwatch-agent", List.of(P + "CloudWatchAgentServerPolicy",
                            P + "AWSXrayWriteOnlyAccess"))))),
            Map.entry("adot", new Entry("v0.109.0-eksbuild.2", "opentelemetry-operator-system", List.of())),
            Map.entry("aws-guardduty-agent", new Entry("v1.8.1-eksbuild.2", "amazon-guardduty", List.of())));

    /** Add-ons seeded under names the catalogue does not know install like a generic kube-system add-on. */
    private static final Entry GENERIC = new Entry("v1.0.0-eksbuild.1", "kube-system", List.of());

    static final String CONFIGURATION_SCHEMA = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
            + "\"type\":\"object\",\"properties\":{},\"additionalProperties\":true}";

    private AddonCatalog() {
    }

    static Optional<Entry> find(String addonName) {
        return Optional.ofNullable(ENTRIES.get(addonName));
    }

    static Entry orGeneric(String addonName) {
        return ENTRIES.getOrDefault(addonName, GENERIC);
    }
}
