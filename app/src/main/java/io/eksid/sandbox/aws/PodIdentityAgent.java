package io.eksid.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The node-local {@code eks-pod-identity-agent} together with the EKS Auth call behind it
 * ({@code AssumeRoleForPodIdentity}): a pod's SDK sends {@code GET /v1/credentials} with the content of its
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} in the {@code Authorization} header, and gets the credentials
 * of the role its service account is associated with, in the container-credentials JSON shape
 * ({@code AccessKeyId}, {@code SecretAccessKey}, {@code Token}, {@code AccountId}, {@code Expiration}).
 *
 * <p>The session carries the six session tags EKS sets ({@code eks-cluster-arn}, {@code eks-cluster-name},
 * {@code kubernetes-namespace}, {@code kubernetes-service-account}, {@code kubernetes-pod-name},
 * {@code kubernetes-pod-uid}) unless the association disables them; the role must trust
 * {@code pods.eks.amazonaws.com} for {@code sts:AssumeRole} (and {@code sts:TagSession} when tags are sent). With a
 * {@code targetRoleArn} the association role is chained into the target role, whose trust must allow it. Every
 * grant is recorded for tests; the keys are ordinary emulator sessions, accepted by EKS, IAM and STS.
 */
public final class PodIdentityAgent implements AutoCloseable {

    /** Who a projected Pod Identity token was issued to. */
    public record PodRef(String cluster, String namespace, String serviceAccount, String podName, String podUid) {
    }

    /** One credentials answer: to which pod, for which role, which key, with which session tags. */
    public record Grant(PodRef pod, String roleArn, String accessKeyId, Map<String, String> sessionTags, Instant at) {
        public Grant {
            sessionTags = Map.copyOf(sessionTags);
        }
    }

    private static final Duration SESSION = Duration.ofHours(1);
    private static final String SERVICE_PRINCIPAL = "pods.eks.amazonaws.com";

    private final AwsWorld world;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PodRef> tokens = new ConcurrentHashMap<>();
    private final List<Grant> grants = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    public PodIdentityAgent(AwsWorld world, Clock clock) {
        this.world = Objects.requireNonNull(world, "world");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Listens on 127.0.0.1 (a loopback address the SDKs accept for {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}). */
    public synchronized void start(int port) {
        if (server != null) {
            throw new IllegalStateException("the Pod Identity agent is already running at " + credentialsUri());
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
            executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sandbox-pod-identity-agent");
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(executor);
            s.createContext("/", this::exchange);
            s.start();
            server = s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Pod Identity agent on port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** The value of {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (on EKS: {@code http://169.254.170.23/v1/credentials}). */
    public synchronized URI credentialsUri() {
        if (server == null) {
            throw new IllegalStateException("the Pod Identity agent is not running");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/credentials");
    }

    /**
     * The projected token (audience {@code pods.eks.amazonaws.com}) the kubelet would write into a pod of this
     * service account: opaque here, bound to the pod.
     */
    public String issueToken(PodRef pod) {
        world.cluster(pod.cluster());
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "sbx-pod-identity." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, pod);
        return token;
    }

    /** Every credentials answer so far, oldest first. */
    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    /** Signed requests the emulator answered with this key (proves the credentials were used, not just fetched). */
    public long requestsSignedWith(String accessKeyId) {
        return world.sessions().uses(accessKeyId);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            int status;
            ObjectNode body;
            try {
                body = answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"));
                status = 200;
            } catch (AgentError e) {
                status = e.status;
                body = json.createObjectNode().put("code", e.code).put("message", e.getMessage());
            }
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private ObjectNode answer(String method, String path, String authorization) {
        if (!"GET".equals(method) || !"/v1/credentials".equals(path)) {
            throw new AgentError(404, "NotFound", "the agent serves GET /v1/credentials only, not " + method + " " + path);
        }
        if (authorization == null || authorization.isBlank()) {
            throw new AgentError(400, "InvalidRequestException", "the Authorization header with the service "
                    + "account token is missing");
        }
        PodRef pod = tokens.get(authorization.strip());
        if (pod == null) {
            throw new AgentError(401, "InvalidTokenException", "the service account token is not valid");
        }
        PodIdentityAssociationRecord association = world.podIdentityAssociation(pod.cluster(), pod.namespace(),
                pod.serviceAccount()).orElseThrow(() -> new AgentError(400, "ResourceNotFoundException",
                "no Pod Identity association for service account " + pod.namespace() + "/" + pod.serviceAccount()
                        + " in cluster " + pod.cluster()));
        IamRoleRecord role = world.iam().roleByArn(association.roleArn()).orElseThrow(() -> new AgentError(403,
                "AccessDeniedException", "the association's role " + association.roleArn() + " does not exist"));
        Map<String, String> tags = association.disableSessionTags() ? Map.of() : sessionTags(pod);
        if (!trustsPodIdentity(role.trustPolicy(), !tags.isEmpty())) {
            throw new AgentError(403, "AccessDeniedException", "role " + role.arn() + " does not trust "
                    + SERVICE_PRINCIPAL + " for sts:AssumeRole" + (tags.isEmpty() ? "" : " and sts:TagSession"));
        }
        IamRoleRecord granted = role;
        if (association.targetRoleArn() != null && !association.targetRoleArn().isBlank()) {
            granted = world.iam().roleByArn(association.targetRoleArn()).orElseThrow(() -> new AgentError(403,
                    "AccessDeniedException", "the target role " + association.targetRoleArn() + " does not exist"));
            if (!AssumeRoleTrust.allows(granted.trustPolicy(), new AssumeRoleTrust.Request(role.arn(),
                    role.accountId(), association.externalId()))) {
                throw new AgentError(403, "AccessDeniedException", "target role " + granted.arn()
                        + " does not trust " + role.arn());
            }
        }
        String sessionName = sessionName(pod);
        StsSessions.Session s = world.sessions().start(world.account(granted.accountId()), granted, sessionName,
                SESSION, tags);
        grants.add(new Grant(pod, granted.arn(), s.accessKeyId(), tags, clock.instant()));
        return json.createObjectNode().put("AccessKeyId", s.accessKeyId()).put("SecretAccessKey", s.secretAccessKey())
                .put("Token", s.sessionToken()).put("AccountId", granted.accountId())
                .put("Expiration", s.expiration().toString());
    }

    private Map<String, String> sessionTags(PodRef pod) {
        ClusterRecord cluster = world.cluster(pod.cluster());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("eks-cluster-arn", cluster.arn());
        tags.put("eks-cluster-name", cluster.name());
        tags.put("kubernetes-namespace", pod.namespace());
        tags.put("kubernetes-service-account", pod.serviceAccount());
        tags.put("kubernetes-pod-name", pod.podName());
        tags.put("kubernetes-pod-uid", pod.podUid());
        return tags;
    }

    private static String sessionName(PodRef pod) {
        String name = ("eks-" + pod.cluster() + "-" + pod.podName()).replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** An Allow statement for the service principal covering AssumeRole (and TagSession), and no Deny for it. */
    private boolean trustsPodIdentity(String trustPolicy, boolean tagSession) {
        JsonNode root;
        try {
            root = json.readTree(trustPolicy);
        } catch (IOException e) {
            return false;
        }
        List<JsonNode> statements = new ArrayList<>();
        JsonNode st = root.path("Statement");
        if (st.isArray()) {
            st.forEach(statements::add);
        } else if (st.isObject()) {
            statements.add(st);
        }
        boolean assume = false;
        boolean tag = false;
        for (JsonNode s : statements) {
            if (!texts(s.path("Principal").path("Service")).contains(SERVICE_PRINCIPAL) || s.has("Condition")) {
                continue;
            }
            List<String> actions = texts(s.path("Action")).stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
            boolean a = actions.contains("sts:assumerole") || actions.contains("sts:*") || actions.contains("*");
            boolean t = actions.contains("sts:tagsession") || actions.contains("sts:*") || actions.contains("*");
            if ("Deny".equals(s.path("Effect").asText())) {
                if (a || t && tagSession) {
                    return false;
                }
            } else if ("Allow".equals(s.path("Effect").asText())) {
                assume |= a;
                tag |= t;
            }
        }
        return assume && (tag || !tagSession);
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static final class AgentError extends RuntimeException {
        private final int status;
        private final String code;

        AgentError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
