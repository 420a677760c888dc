package io.eksid.sandbox.kube;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service account tokens the simulated kubelet mounts into pods: opaque random bearer tokens, each bound to
 * one cluster and one service account. The in-cluster endpoint accepts only these.
 */
final class ServiceAccountTokens {

    private record Binding(String cluster, RbacAuthorizer.ServiceAccountSubject subject) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Binding> byToken = new ConcurrentHashMap<>();

    String issue(String cluster, String namespace, String serviceAccount) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "sbx-sa." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byToken.put(token, new Binding(cluster, new RbacAuthorizer.ServiceAccountSubject(namespace, serviceAccount)));
        return token;
    }

    /** The service account of a {@code Bearer} header, when the token was issued for this cluster. */
    Optional<RbacAuthorizer.ServiceAccountSubject> subject(String cluster, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        Binding b = byToken.get(authorization.substring(7).strip());
        return b == null || !b.cluster().equals(cluster) ? Optional.empty() : Optional.of(b.subject());
    }
}
