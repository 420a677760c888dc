package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Namespaces, service accounts and workload objects as a scenario declares them. */
final class WorkloadObjects {

    static final String AGENT_NAME = "eks-pod-identity-agent";

    private WorkloadObjects() {
    }

    static ObjectNode namespace(String name, Map<String, String> labels) {
        ObjectNode ns = object("v1", "Namespace", null, name);
        ObjectNode l = ((ObjectNode) ns.get("metadata")).putObject("labels");
        l.put("kubernetes.io/metadata.name", name);
        labels.forEach(l::put);
        ns.putObject("spec").putArray("finalizers").add("kubernetes");
        ns.putObject("status").put("phase", "Active");
        return ns;
    }

    static ObjectNode serviceAccount(String namespace, String name, Map<String, String> annotations) {
        ObjectNode sa = object("v1", "ServiceAccount", namespace, name);
        if (!annotations.isEmpty()) {
            ObjectNode a = ((ObjectNode) sa.get("metadata")).putObject("annotations");
            annotations.forEach(a::put);
        }
        return sa;
    }

    static ObjectNode deployment(String namespace, String name, String serviceAccount, int replicas, PodTemplateOptions opts) {
        ObjectNode d = workload("Deployment", namespace, name, serviceAccount, opts);
        ObjectNode spec = (ObjectNode) d.get("spec");
        spec.put("replicas", replicas);
        spec.put("revisionHistoryLimit", 10).put("progressDeadlineSeconds", 600);
        spec.putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate")
                .put("maxSurge", "25%").put("maxUnavailable", "25%");
        return d;
    }

    static ObjectNode statefulSet(String namespace, String name, String serviceAccount, int replicas, PodTemplateOptions opts) {
        ObjectNode s = workload("StatefulSet", namespace, name, serviceAccount, opts);
        ObjectNode spec = (ObjectNode) s.get("spec");
        spec.put("replicas", replicas).put("serviceName", name).put("podManagementPolicy", "OrderedReady");
        spec.putObject("updateStrategy").put("type", "RollingUpdate").putObject("rollingUpdate").put("partition", 0);
        spec.put("revisionHistoryLimit", 10);
        return s;
    }

    static ObjectNode daemonSet(String namespace, String name, String serviceAccount, PodTemplateOptions opts) {
        ObjectNode d = workload("DaemonSet", namespace, name, serviceAccount, opts);
        ObjectNode spec = (ObjectNode) d.get("spec");
        spec.putObject("updateStrategy").put("type", "RollingUpdate").putObject("rollingUpdate")
                .put("maxSurge", 0).put("maxUnavailable", 1);
        spec.put("revisionHistoryLimit", 10);
        return d;
    }

    /** The {@code eks-pod-identity-agent} add-on's DaemonSet: host network, ports 80 and 2703 (FACTS.md). */
    static ObjectNode podIdentityAgent(String clusterName, String region) {
        String image = "602401143452.dkr.ecr." + region + ".amazonaws.com/eks/eks-pod-identity-agent:v0.1.29";
        ObjectNode ds = daemonSet("kube-system", AGENT_NAME, "default",
                PodTemplateOptions.defaults().withHostNetwork().withImage(image));
        ObjectNode meta = (ObjectNode) ds.get("metadata");
        ((ObjectNode) meta.get("labels")).put("app.kubernetes.io/instance", AGENT_NAME)
                .put("app.kubernetes.io/managed-by", "EKS");
        ObjectNode spec = (ObjectNode) ds.path("spec").path("template").get("spec");
        spec.put("priorityClassName", "system-node-critical");
        ArrayNode containers = spec.putArray("containers");
        ObjectNode agent = containers.addObject();
        agent.put("name", AGENT_NAME).put("image", image).put("imagePullPolicy", "IfNotPresent");
        agent.putArray("command").add("/go-runner").add("/eks-pod-identity-agent").add("server");
        agent.putArray("args").add("--port").add("80").add("--cluster-name").add(clusterName).add("--probe-port").add("2703");
        ArrayNode ports = agent.putArray("ports");
        ports.addObject().put("name", "proxy").put("containerPort", 80).put("protocol", "TCP");
        ports.addObject().put("name", "probes-port").put("containerPort", 2703).put("protocol", "TCP");
        agent.putArray("env").addObject().put("name", "AWS_REGION").put("value", region);
        agent.putObject("securityContext").putObject("capabilities").putArray("add").add("CAP_NET_BIND_SERVICE");
        agent.putObject("resources");
        ((ObjectNode) spec).remove("volumes");
        spec.putArray("volumes");
        return ds;
    }

    private static ObjectNode workload(String kind, String namespace, String name, String serviceAccount,
                                       PodTemplateOptions opts) {
        ObjectNode w = object("apps/v1", kind, namespace, name);
        ObjectNode meta = (ObjectNode) w.get("metadata");
        meta.putObject("labels").put("app", name).put("app.kubernetes.io/name", name);
        if (opts.createdAt() != null) {
            meta.put("creationTimestamp", ObjectStore.timestamp(opts.createdAt()));
        }
        ObjectNode spec = w.putObject("spec");
        spec.putObject("selector").putObject("matchLabels").put("app", name);
        spec.set("template", PodTemplates.template(namespace, name, serviceAccount, opts));
        return w;
    }

    private static ObjectNode object(String apiVersion, String kind, String namespace, String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        return o;
    }
}
