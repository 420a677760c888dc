package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Pod templates as real EKS workloads carry them: an application container and a log-router sidecar, each
 * with env, ports, probes, resources and mounts. Their weight (about 6 KB per running pod once admitted and
 * given a status) is what makes list, watch and memory benchmarks of the console honest.
 */
final class PodTemplates {

    static final String LOG_ROUTER_IMAGE = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2";

    private PodTemplates() {
    }

    /** The {@code spec.template} of a workload named {@code app}. */
    static ObjectNode template(String namespace, String app, String serviceAccount, PodTemplateOptions opts) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode template = f.objectNode();
        ObjectNode meta = template.putObject("metadata");
        meta.putObject("labels").put("app", app).put("app.kubernetes.io/name", app)
                .put("app.kubernetes.io/part-of", namespace);
        meta.putObject("annotations").put("prometheus.io/scrape", "true").put("prometheus.io/port", "9090");
        if (opts.fargate()) {
            ((ObjectNode) meta.get("labels")).put(PodIdentityWebhook.FARGATE_PROFILE_LABEL, "fp-" + namespace);
        }
        ObjectNode spec = template.putObject("spec");
        spec.put("serviceAccountName", serviceAccount);
        spec.put("serviceAccount", serviceAccount);
        spec.put("restartPolicy", "Always");
        spec.put("terminationGracePeriodSeconds", 30);
        spec.put("dnsPolicy", opts.hostNetwork() ? "ClusterFirstWithHostNet" : "ClusterFirst");
        spec.put("schedulerName", opts.fargate() ? "fargate-scheduler" : "default-scheduler");
        spec.put("enableServiceLinks", true);
        spec.put("priority", 0);
        spec.put("preemptionPolicy", "PreemptLowerPriority");
        if (opts.hostNetwork()) {
            spec.put("hostNetwork", true);
        }
        spec.putObject("securityContext").put("fsGroup", 65534);
        spec.putObject("nodeSelector").put(PodIdentityWebhook.OS_LABEL, opts.windows() ? "windows" : "linux");
        ArrayNode tolerations = spec.putArray("tolerations");
        tolerations.addObject().put("key", "node.kubernetes.io/not-ready").put("operator", "Exists")
                .put("effect", "NoExecute").put("tolerationSeconds", 300);
        tolerations.addObject().put("key", "node.kubernetes.io/unreachable").put("operator", "Exists")
                .put("effect", "NoExecute").put("tolerationSeconds", 300);
        if (opts.windows()) {
            tolerations.addObject().put("key", "os").put("operator", "Equal").put("value", "windows")
                    .put("effect", "NoSchedule");
        }
        ArrayNode containers = spec.putArray("containers");
        containers.add(appContainer(namespace, app, opts.image()));
        containers.add(logRouter(namespace, app));
        ArrayNode volumes = spec.putArray("volumes");
        volumes.addObject().put("name", "config").putObject("configMap").put("name", app + "-config")
                .put("defaultMode", 420);
        volumes.addObject().put("name", "varlog").putObject("emptyDir");
        volumes.addObject().put("name", "tmp").putObject("emptyDir").put("medium", "Memory").put("sizeLimit", "64Mi");
        return template;
    }

    private static ObjectNode appContainer(String namespace, String app, String image) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("name", app);
        c.put("image", image);
        c.put("imagePullPolicy", "IfNotPresent");
        ArrayNode ports = c.putArray("ports");
        ports.addObject().put("name", "http").put("containerPort", 8080).put("protocol", "TCP");
        ports.addObject().put("name", "metrics").put("containerPort", 9090).put("protocol", "TCP");
        ArrayNode env = c.putArray("env");
        env.addObject().put("name", "APP_NAME").put("value", app);
        env.addObject().put("name", "APP_ENV").put("value", "production");
        env.addObject().put("name", "LOG_LEVEL").put("value", "info");
        env.addObject().put("name", "LOG_FORMAT").put("value", "json");
        env.addObject().put("name", "HTTP_PORT").put("value", "8080");
        env.addObject().put("name", "METRICS_PORT").put("value", "9090");
        env.addObject().put("name", "OTEL_EXPORTER_OTLP_ENDPOINT")
                .put("value", "http://otel-collector.observability.svc.cluster.local:4317");
        env.addObject().put("name", "OTEL_SERVICE_NAME").put("value", namespace + "." + app);
        env.addObject().put("name", "JAVA_TOOL_OPTIONS").put("value", "-XX:MaxRAMPercentage=75 -XX:+UseG1GC");
        fieldRef(env.addObject().put("name", "POD_NAME"), "metadata.name");
        fieldRef(env.addObject().put("name", "POD_NAMESPACE"), "metadata.namespace");
        fieldRef(env.addObject().put("name", "NODE_NAME"), "spec.nodeName");
        fieldRef(env.addObject().put("name", "POD_IP"), "status.podIP");
        ObjectNode resources = c.putObject("resources");
        resources.putObject("requests").put("cpu", "250m").put("memory", "512Mi");
        resources.putObject("limits").put("cpu", "1").put("memory", "1Gi");
        probe(c.putObject("readinessProbe"), "/ready");
        probe(c.putObject("livenessProbe"), "/healthz");
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", "config").put("mountPath", "/etc/" + app).put("readOnly", true);
        mounts.addObject().put("name", "varlog").put("mountPath", "/var/log/app");
        mounts.addObject().put("name", "tmp").put("mountPath", "/tmp");
        c.putObject("securityContext").put("runAsNonRoot", true).put("runAsUser", 10001)
                .put("allowPrivilegeEscalation", false).put("readOnlyRootFilesystem", true)
                .putObject("capabilities").putArray("drop").add("ALL");
        c.put("terminationMessagePath", "/dev/termination-log");
        c.put("terminationMessagePolicy", "File");
        return c;
    }

    private static ObjectNode logRouter(String namespace, String app) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("name", "log-router");
        c.put("image", LOG_ROUTER_IMAGE);
        c.put("imagePullPolicy", "IfNotPresent");
        ArrayNode env = c.putArray("env");
        env.addObject().put("name", "FLB_LOG_LEVEL").put("value", "warn");
        env.addObject().put("name", "LOG_GROUP_NAME").put("value", "/eks/" + namespace + "/" + app);
        env.addObject().put("name", "LOG_STREAM_PREFIX").put("value", app + "-");
        fieldRef(env.addObject().put("name", "HOST_NAME"), "spec.nodeName");
        ObjectNode resources = c.putObject("resources");
        resources.putObject("requests").put("cpu", "50m").put("memory", "64Mi");
        resources.putObject("limits").put("memory", "128Mi");
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", "varlog").put("mountPath", "/var/log/app").put("readOnly", true);
        c.put("terminationMessagePath", "/dev/termination-log");
        c.put("terminationMessagePolicy", "File");
        return c;
    }

    private static void fieldRef(ObjectNode env, String path) {
        env.putObject("valueFrom").putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", path);
    }

    private static void probe(ObjectNode probe, String path) {
        probe.putObject("httpGet").put("path", path).put("port", "http").put("scheme", "HTTP");
        probe.put("initialDelaySeconds", 5).put("periodSeconds", 10).put("timeoutSeconds", 1)
                .put("successThreshold", 1).put("failureThreshold", 3);
    }
}
