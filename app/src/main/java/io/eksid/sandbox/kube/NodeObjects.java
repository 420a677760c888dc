package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** Node objects shaped like EKS managed node group and Fargate nodes. */
final class NodeObjects {

    private NodeObjects() {
    }

    /** Builds EC2 (or Windows) nodes; the caller's labels win over the EKS defaults. */
    static final class Builder {
        private final String region;
        private final Supplier<String> ips;

        Builder(String region, Supplier<String> ips) {
            this.region = region;
            this.ips = ips;
        }

        ObjectNode node(String name, Map<String, String> labels, Instant created) {
            boolean windows = "windows".equals(labels.get(PodIdentityWebhook.OS_LABEL));
            boolean fargate = "fargate".equals(labels.get(PodIdentityWebhook.COMPUTE_TYPE_LABEL));
            ObjectNode node = base(name, region, ips.get(), created);
            ObjectNode l = (ObjectNode) node.path("metadata").get("labels");
            l.put("eks.amazonaws.com/nodegroup", windows ? "windows-ng" : "default-ng");
            l.put("eks.amazonaws.com/capacityType", "ON_DEMAND");
            l.put("node.kubernetes.io/instance-type", windows ? "m5.large" : "m6i.large");
            l.put(PodIdentityWebhook.OS_LABEL, windows ? "windows" : "linux");
            labels.forEach(l::put);
            if (windows) {
                ((ObjectNode) node.get("spec")).putArray("taints").addObject().put("key", "os").put("value", "windows")
                        .put("effect", "NoSchedule");
                ((ObjectNode) node.path("status").get("nodeInfo")).put("operatingSystem", "windows")
                        .put("osImage", "Windows Server 2022 Datacenter");
            }
            if (fargate) {
                taintFargate(node);
            }
            return node;
        }
    }

    static ObjectNode fargateNode(String region, String ip, Instant created) {
        String name = "fargate-ip-" + ip.replace('.', '-') + "." + region + ".compute.internal";
        ObjectNode node = base(name, region, ip, created);
        ObjectNode labels = (ObjectNode) node.path("metadata").get("labels");
        labels.put(PodIdentityWebhook.COMPUTE_TYPE_LABEL, "fargate");
        labels.put(PodIdentityWebhook.OS_LABEL, "linux");
        taintFargate(node);
        return node;
    }

    static String internalIp(JsonNode node) {
        for (JsonNode address : node.path("status").path("addresses")) {
            if ("InternalIP".equals(address.path("type").asText())) {
                return address.path("address").asText();
            }
        }
        return "10.0.0.1";
    }

    static boolean isFargate(JsonNode node) {
        return "fargate".equals(node.path("metadata").path("labels").path(PodIdentityWebhook.COMPUTE_TYPE_LABEL).asText());
    }

    private static void taintFargate(ObjectNode node) {
        ((ObjectNode) node.get("spec")).putArray("taints").addObject().put("key", PodIdentityWebhook.COMPUTE_TYPE_LABEL)
                .put("value", "fargate").put("effect", "NoSchedule");
    }

    private static ObjectNode base(String name, String region, String ip, Instant created) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("apiVersion", "v1").put("kind", "Node");
        ObjectNode meta = node.putObject("metadata");
        meta.put("name", name);
        if (created != null) {
            meta.put("creationTimestamp", ObjectStore.timestamp(created));
        }
        meta.putObject("labels").put("kubernetes.io/arch", "amd64").put("kubernetes.io/hostname", name)
                .put("topology.kubernetes.io/region", region).put("topology.kubernetes.io/zone", region + "a")
                .put("beta.kubernetes.io/arch", "amd64");
        node.putObject("spec").put("providerID", "aws:///" + region + "a/i-" + Integer.toHexString(name.hashCode()));
        ObjectNode status = node.putObject("status");
        status.putObject("capacity").put("cpu", "2").put("memory", "7910364Ki").put("pods", "29");
        status.putObject("allocatable").put("cpu", "1930m").put("memory", "7220188Ki").put("pods", "29");
        ArrayNode conditions = status.putArray("conditions");
        String when = ObjectStore.timestamp(created == null ? Instant.EPOCH : created);
        conditions.addObject().put("type", "Ready").put("status", "True").put("reason", "KubeletReady")
                .put("message", "kubelet is posting ready status").put("lastHeartbeatTime", when)
                .put("lastTransitionTime", when);
        ArrayNode addresses = status.putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", ip);
        addresses.addObject().put("type", "Hostname").put("address", name);
        status.putObject("nodeInfo").put("operatingSystem", "linux").put("architecture", "amd64")
                .put("kubeletVersion", "v1.32.3-eks-473151a").put("kubeProxyVersion", "v1.32.3-eks-473151a")
                .put("containerRuntimeVersion", "containerd://1.7.27").put("osImage", "Amazon Linux 2023.7.20250414")
                .put("kernelVersion", "6.1.132-147.221.amzn2023.x86_64");
        return node;
    }
}
