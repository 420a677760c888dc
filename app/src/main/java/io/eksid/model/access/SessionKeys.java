package io.eksid.model.access;

import io.eksid.model.Arn;
import io.eksid.model.RoleArn;
import io.eksid.model.RolePermissions;
import io.eksid.model.trust.ContextKeys;
import io.eksid.model.trust.SessionTags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The condition keys a request by an assumed-role session of a pod carries (IAM docs, "AWS global condition
 * context keys"): what the session decides ({@code aws:PrincipalArn} with the role's path, {@code
 * aws:PrincipalAccount}, {@code aws:PrincipalType = AssumedRole}, principal tags = role tags overridden by the
 * EKS session tags with the same key), what the resource ARN says ({@code aws:ResourceAccount}, {@code
 * aws:RequestedRegion}), the request's own keys as given, and everything else unknown: nothing is guessed.
 */
final class SessionKeys {

    /** The six EKS Pod Identity session tags (FACTS.md, "Pod Identity runtime"), as the trust engine names them. */
    static final String CLUSTER_ARN = SessionTags.CLUSTER_ARN;
    static final String CLUSTER_NAME = SessionTags.CLUSTER_NAME;
    static final String NAMESPACE = SessionTags.NAMESPACE;
    static final String SERVICE_ACCOUNT = SessionTags.SERVICE_ACCOUNT;
    static final String POD_NAME = SessionTags.POD_NAME;
    static final String POD_UID = SessionTags.POD_UID;

    /** Keys set by the session: the request cannot override them. */
    private static final List<String> SESSION_DECIDED = List.of("aws:principalarn", "aws:principalaccount",
            "aws:principaltype", "aws:principalisawsservice", "aws:principalservicename", "aws:username",
            "aws:multifactorauthpresent", "aws:multifactorauthage");
    private static final String PRINCIPAL_TAG = "aws:principaltag/";

    private SessionKeys() {
    }

    /** The principal tags of the session; a null value is a pod tag the question does not know. */
    static Map<String, String> principalTags(RolePermissions role, SessionIdentity session) {
        Map<String, String> tags = new LinkedHashMap<>(role.roleTags());
        if (session.mechanism() == SessionIdentity.Mechanism.POD_IDENTITY && session.sessionTags()) {
            // Session tags override role tags with the same key (IAM docs, session tags).
            sessionTags(session).forEach((k, v) -> {
                tags.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
                tags.put(k, v);
            });
        }
        return tags;
    }

    /** The tags EKS sends for a Pod Identity session with session tags enabled; null values for an unknown pod. */
    static Map<String, String> sessionTags(SessionIdentity session) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(CLUSTER_ARN, session.clusterArn());
        tags.put(CLUSTER_NAME, clusterName(session.clusterArn()));
        tags.put(NAMESPACE, session.namespace());
        tags.put(SERVICE_ACCOUNT, session.serviceAccount());
        tags.put(POD_NAME, session.podName());
        tags.put(POD_UID, session.podUid());
        return tags;
    }

    static String clusterName(String clusterArn) {
        int slash = clusterArn.lastIndexOf('/');
        return slash >= 0 ? clusterArn.substring(slash + 1) : clusterArn;
    }

    static ContextKeys of(RolePermissions role, RoleArn roleArn, SessionIdentity session, AccessRequest request) {
        ContextKeys.Builder b = ContextKeys.builder().othersUnknown(true);
        // Request-side defaults first; the request's own keys replace them.
        b.present("aws:SecureTransport", "true");
        b.present("aws:ViaAWSService", "false");
        b.absent("aws:CalledVia").absent("aws:CalledViaFirst").absent("aws:CalledViaLast");
        Optional<Arn> resource = Arn.tryParse(request.resource());
        resource.filter(a -> !a.account().isEmpty()).ifPresent(a -> b.present("aws:ResourceAccount", a.account()));
        resource.filter(a -> !a.region().isEmpty()).ifPresent(a -> b.present("aws:RequestedRegion", a.region()));
        request.context().forEach((k, v) -> {
            if (!sessionDecided(k)) {
                b.present(k, v);
            }
        });
        // Session-decided keys last: the session, not the request, decides them.
        b.present("aws:PrincipalArn", roleArn.toString());
        b.present("aws:PrincipalAccount", roleArn.account());
        b.present("aws:PrincipalType", "AssumedRole");
        b.present("aws:PrincipalIsAWSService", "false");
        b.absent("aws:PrincipalServiceName");
        // Role sessions have no user name; these sessions come from web identity or EKS Auth, without MFA.
        b.absent("aws:username");
        b.absent("aws:MultiFactorAuthPresent").absent("aws:MultiFactorAuthAge");
        b.absent(PRINCIPAL_TAG);
        principalTags(role, session).forEach((k, v) -> {
            if (v == null) {
                b.unknown(PRINCIPAL_TAG + k);
            } else {
                b.present(PRINCIPAL_TAG + k, v);
            }
        });
        return b.build();
    }

    /** Whether the request tried to set a key the session decides (then the session's value was used). */
    static boolean sessionDecided(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SESSION_DECIDED.contains(k) || k.startsWith(PRINCIPAL_TAG);
    }

    /** A pod tag key as a condition names it: {@code aws:PrincipalTag/kubernetes-pod-name}. */
    static boolean isPodTagKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.equals(PRINCIPAL_TAG + POD_NAME) || k.equals(PRINCIPAL_TAG + POD_UID);
    }
}
