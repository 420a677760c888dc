package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * The EKS pod identity mutating webhook, applied once when a pod is created (FACTS.md, "Pod Identity runtime"
 * and "IRSA"; amazon-eks-pod-identity-webhook README). Running pods are never touched, which is why a pod's
 * credentials are decided by what existed when it was created.
 *
 * <ul>
 *   <li>a Pod Identity association for the pod's (namespace, service account), and the pod is not on Fargate
 *   or Windows: container-credentials variables and the {@code eks-pod-identity-token} volume, and no IRSA
 *   variables even when the service account is annotated ("container credentials method takes precedence");
 *   <li>otherwise, an {@code eks.amazonaws.com/role-arn} annotation on the service account: the IRSA variables
 *   and the {@code aws-iam-token} volume (Fargate pods get IRSA too).
 * </ul>
 */
final class PodIdentityWebhook {

    static final String CREDENTIALS_FULL_URI = "http://169.254.170.23/v1/credentials";
    static final String POD_IDENTITY_TOKEN_DIR = "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount";
    static final String POD_IDENTITY_TOKEN_FILE = POD_IDENTITY_TOKEN_DIR + "/eks-pod-identity-token";
    static final String IRSA_TOKEN_DIR = "/var/run/secrets/eks.amazonaws.com/serviceaccount";
    static final String IRSA_TOKEN_FILE = IRSA_TOKEN_DIR + "/token";
    static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
    static final String AUDIENCE_ANNOTATION = "eks.amazonaws.com/audience";
    static final String TOKEN_EXPIRATION_ANNOTATION = "eks.amazonaws.com/token-expiration";
    static final String FARGATE_PROFILE_LABEL = "eks.amazonaws.com/fargate-profile";
    static final String COMPUTE_TYPE_LABEL = "eks.amazonaws.com/compute-type";
    static final String OS_LABEL = "kubernetes.io/os";

    private final String clusterName;
    private final String region;
    private final AssociationLookup associations;
    /** Finds a service account by namespace and name; null when it does not exist. */
    private final Function<String[], JsonNode> serviceAccounts;
    /** Finds a node by name; null when it does not exist. */
    private final Function<String, JsonNode> nodes;

    PodIdentityWebhook(String clusterName, String region, AssociationLookup associations,
                       Function<String[], JsonNode> serviceAccounts, Function<String, JsonNode> nodes) {
        this.clusterName = clusterName;
        this.region = region;
        this.associations = associations;
        this.serviceAccounts = serviceAccounts;
        this.nodes = nodes;
    }

    /** Mutates a pod being created, as the admission webhook would. */
    void admit(ObjectNode pod) {
        String namespace = pod.path("metadata").path("namespace").asText();
        ObjectNode spec = (ObjectNode) pod.get("spec");
        String serviceAccount = spec.path("serviceAccountName").asText("default");
        boolean podIdentitySupported = !isFargate(pod) && !isWindows(pod);
        if (podIdentitySupported && associations.hasAssociation(clusterName, namespace, serviceAccount)) {
            injectPodIdentity(spec);
            return;
        }
        JsonNode sa = serviceAccounts.apply(new String[] {namespace, serviceAccount});
        JsonNode annotations = sa == null ? null : sa.path("metadata").path("annotations");
        if (annotations != null && annotations.hasNonNull(ROLE_ARN_ANNOTATION)
                && !annotations.get(ROLE_ARN_ANNOTATION).asText().isBlank()) {
            injectIrsa(spec, annotations);
        }
    }

    boolean isFargate(JsonNode pod) {
        JsonNode spec = pod.path("spec");
        return "fargate-scheduler".equals(spec.path("schedulerName").asText())
                || pod.path("metadata").path("labels").has(FARGATE_PROFILE_LABEL)
                || "fargate".equals(spec.path("nodeSelector").path(COMPUTE_TYPE_LABEL).asText())
                || "fargate".equals(nodeLabel(spec, COMPUTE_TYPE_LABEL));
    }

    boolean isWindows(JsonNode pod) {
        JsonNode spec = pod.path("spec");
        return "windows".equals(spec.path("nodeSelector").path(OS_LABEL).asText())
                || "windows".equals(nodeLabel(spec, OS_LABEL));
    }

    private String nodeLabel(JsonNode spec, String label) {
        String nodeName = spec.path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            return "";
        }
        JsonNode node = nodes.apply(nodeName);
        return node == null ? "" : node.path("metadata").path("labels").path(label).asText("");
    }

    private void injectPodIdentity(ObjectNode spec) {
        for (ObjectNode container : containers(spec)) {
            if (hasEnv(container, "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
                continue;
            }
            addEnv(container, "AWS_STS_REGIONAL_ENDPOINTS", "regional");
            addEnv(container, "AWS_DEFAULT_REGION", region);
            addEnv(container, "AWS_REGION", region);
            addEnv(container, "AWS_CONTAINER_CREDENTIALS_FULL_URI", CREDENTIALS_FULL_URI);
            addEnv(container, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", POD_IDENTITY_TOKEN_FILE);
            addMount(container, "eks-pod-identity-token", POD_IDENTITY_TOKEN_DIR);
        }
        addTokenVolume(spec, "eks-pod-identity-token", "pods.eks.amazonaws.com", 86400, "eks-pod-identity-token");
    }

    private void injectIrsa(ObjectNode spec, JsonNode annotations) {
        String roleArn = annotations.get(ROLE_ARN_ANNOTATION).asText();
        String audience = annotations.path(AUDIENCE_ANNOTATION).asText("sts.amazonaws.com");
        long expiration = parseExpiration(annotations.path(TOKEN_EXPIRATION_ANNOTATION).asText(""));
        for (ObjectNode container : containers(spec)) {
            if (hasEnv(container, "AWS_ROLE_ARN")) {
                continue;
            }
            addEnv(container, "AWS_STS_REGIONAL_ENDPOINTS", "regional");
            addEnv(container, "AWS_DEFAULT_REGION", region);
            addEnv(container, "AWS_REGION", region);
            addEnv(container, "AWS_ROLE_ARN", roleArn);
            addEnv(container, "AWS_WEB_IDENTITY_TOKEN_FILE", IRSA_TOKEN_FILE);
            addMount(container, "aws-iam-token", IRSA_TOKEN_DIR);
        }
        addTokenVolume(spec, "aws-iam-token", audience, expiration, "token");
    }

    /** The webhook clamps token-expiration to 600..86400 seconds and defaults to 86400 (webhook README). */
    private static long parseExpiration(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return Math.max(600, Math.min(86400, seconds));
        } catch (NumberFormatException e) {
            return 86400;
        }
    }

    private static Iterable<ObjectNode> containers(ObjectNode spec) {
        java.util.List<ObjectNode> all = new java.util.ArrayList<>();
        for (String field : new String[] {"initContainers", "containers"}) {
            JsonNode list = spec.get(field);
            if (list instanceof ArrayNode array) {
                array.forEach(c -> all.add((ObjectNode) c));
            }
        }
        return all;
    }

    private static boolean hasEnv(ObjectNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void addEnv(ObjectNode container, String name, String value) {
        if (hasEnv(container, name)) {
            return;
        }
        ArrayNode env = container.has("env") ? (ArrayNode) container.get("env") : container.putArray("env");
        env.addObject().put("name", name).put("value", value);
    }

    private static void addMount(ObjectNode container, String volume, String path) {
        ArrayNode mounts = container.has("volumeMounts") ? (ArrayNode) container.get("volumeMounts")
                : container.putArray("volumeMounts");
        mounts.addObject().put("name", volume).put("readOnly", true).put("mountPath", path);
    }

    private static void addTokenVolume(ObjectNode spec, String name, String audience, long expiration, String path) {
        ArrayNode volumes = spec.has("volumes") ? (ArrayNode) spec.get("volumes") : spec.putArray("volumes");
        ObjectNode volume = volumes.addObject().put("name", name);
        ObjectNode token = volume.putObject("projected").put("defaultMode", 420).putArray("sources").addObject()
                .putObject("serviceAccountToken");
        token.put("audience", audience).put("expirationSeconds", expiration).put("path", path);
    }
}
