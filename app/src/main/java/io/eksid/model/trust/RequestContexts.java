package io.eksid.model.trust;

import io.eksid.model.ClusterInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The request context IAM sees for each question. Keys a question cannot know (session names, source IPs,
 * session tags, times) are listed as unknown so conditions on them make an answer UNPROVABLE, not guessed; every
 * other key is absent.
 */
final class RequestContexts {

    // The MFA keys are left undecided rather than absent: a trust question does not fix how the caller signed in.
    private static final List<String> ALWAYS_UNKNOWN = List.of("aws:currenttime", "aws:epochtime",
            "aws:requestedregion", "aws:useragent", "aws:referer", "sts:rolesessionname",
            "aws:multifactorauthpresent", "aws:multifactorauthage");
    private static final List<String> NETWORK_UNKNOWN = List.of("aws:sourceip", "aws:sourcevpc", "aws:sourcevpce",
            "aws:vpcsourceip");
    private static final List<String> SESSION_TAGS_UNKNOWN = List.of("aws:requesttag/", "aws:tagkeys",
            "sts:transitivetagkeys", "sts:externalid");
    private static final List<String> CALLER_ROLE_UNKNOWN = List.of("aws:principaltag/", "aws:principalorgid",
            "aws:principalorgpaths", "aws:userid", "sts:sourceidentity", "aws:sourceidentity",
            "aws:tokenissuetime", "aws:multifactorauthpresent", "aws:multifactorauthage", "aws:calledvia",
            "aws:calledviafirst", "aws:calledvialast", "aws:viaawsservice");

    private RequestContexts() {
    }

    /**
     * IRSA (UG iam-roles-for-service-accounts): AssumeRoleWithWebIdentity by the cluster's OIDC provider, with
     * {@code <issuer>:sub} and {@code <issuer>:aud} from the projected token. The cluster must have an issuer.
     */
    static RequestContext irsa(ClusterInfo cluster, ServiceAccountRef sa, String audience, String roleAccount) {
        String issuer = cluster.issuerHostPath().orElseThrow();
        String provider = providerArn(cluster, roleAccount);
        Map<String, String> known = new LinkedHashMap<>();
        known.put(issuer + ":sub", sa.subject());
        known.put(issuer + ":aud", audience == null || audience.isBlank() ? TrustEvaluator.DEFAULT_AUDIENCE
                : audience);
        known.put("aws:FederatedProvider", provider);
        known.put("aws:SecureTransport", "true");
        return new RequestContext(TrustEvaluator.ASSUME_ROLE_WITH_WEB_IDENTITY,
                new RequestPrincipal.Federated(provider), known, concat(ALWAYS_UNKNOWN, NETWORK_UNKNOWN));
    }

    /**
     * The IAM OIDC provider STS uses for the cluster's tokens when assuming a role in {@code roleAccount}: STS looks
     * the issuer up among the role account's providers, so a cross-account IRSA role trusts a provider created in
     * its own account for the cluster's issuer (UG iam-roles-for-service-accounts, cross-account).
     */
    static String providerArn(ClusterInfo cluster, String roleAccount) {
        return "arn:" + cluster.partition().id() + ":iam::" + roleAccount + ":oidc-provider/"
                + cluster.issuerHostPath().orElseThrow();
    }

    /** Pod Identity (UG pod-id-role): sts:AssumeRole by pods.eks.amazonaws.com for the cluster. */
    static RequestContext podIdentity(ClusterInfo cluster) {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("aws:SourceAccount", cluster.account());
        known.put("aws:SourceArn", cluster.arn());
        known.put("aws:PrincipalServiceName", TrustEvaluator.POD_IDENTITY_SERVICE);
        known.put("aws:PrincipalIsAWSService", "true");
        known.put("aws:SecureTransport", "true");
        return new RequestContext(TrustEvaluator.ASSUME_ROLE,
                new RequestPrincipal.Service(TrustEvaluator.POD_IDENTITY_SERVICE), known,
                concat(ALWAYS_UNKNOWN, SESSION_TAGS_UNKNOWN));
    }

    /**
     * Pod Identity with the association's session tags (UG pod-id-abac): {@code aws:RequestTag/<tag>} for each tag
     * sent, {@code aws:TagKeys} and {@code sts:TransitiveTagKeys} = every tag key sent (EKS marks them all
     * transitive); a pod tag the question does not know has an unknown value. With session tags disabled no tag is
     * sent: the request-tag keys are absent.
     */
    static RequestContext podIdentity(ClusterInfo cluster, SessionTags tags) {
        Map<String, List<String>> known = new LinkedHashMap<>();
        known.put("aws:SourceAccount", List.of(cluster.account()));
        known.put("aws:SourceArn", List.of(cluster.arn()));
        known.put("aws:PrincipalServiceName", List.of(TrustEvaluator.POD_IDENTITY_SERVICE));
        known.put("aws:PrincipalIsAWSService", List.of("true"));
        known.put("aws:SecureTransport", List.of("true"));
        List<String> unknown = new ArrayList<>(ALWAYS_UNKNOWN);
        unknown.add("sts:externalid");
        Set<String> absent = new HashSet<>();
        addTags(tags, known, absent, unknown);
        return new RequestContext(TrustEvaluator.ASSUME_ROLE,
                new RequestPrincipal.Service(TrustEvaluator.POD_IDENTITY_SERVICE), known, absent, unknown, false);
    }

    /**
     * Role chaining by EKS from the association role to its target role: with session tags they are passed on
     * (transitive), so they are request tags here and principal tags of the source session; without them EKS
     * sets {@code sts:ExternalId} (FACTS.md "Cross-account").
     */
    static RequestContext chained(RoleArn sourceRole, ClusterInfo cluster, SessionTags tags) {
        Map<String, List<String>> known = new LinkedHashMap<>();
        roleKeys(sourceRole).forEach((k, v) -> known.put(k, List.of(v)));
        List<String> unknown = new ArrayList<>(concat(concat(ALWAYS_UNKNOWN, NETWORK_UNKNOWN), CALLER_ROLE_UNKNOWN));
        Set<String> absent = new HashSet<>();
        addTags(tags, known, absent, unknown);
        if (tags.enabled()) {
            tags.values().forEach((k, v) -> {
                if (v == null) {
                    unknown.add(0, "aws:principaltag/" + k);
                } else {
                    known.put("aws:PrincipalTag/" + k, List.of(v));
                }
            });
            unknown.add("sts:externalid");
        } else {
            known.put("sts:ExternalId", List.of(tags.externalId(cluster)));
        }
        return new RequestContext(TrustEvaluator.ASSUME_ROLE, new RequestPrincipal.Role(sourceRole), known, absent,
                unknown, false);
    }

    private static void addTags(SessionTags tags, Map<String, List<String>> known, Set<String> absent,
                                List<String> unknown) {
        if (!tags.enabled()) {
            absent.add("aws:requesttag/");
            absent.add("aws:tagkeys");
            absent.add("sts:transitivetagkeys");
            return;
        }
        tags.values().forEach((k, v) -> {
            if (v == null) {
                unknown.add(0, "aws:requesttag/" + k);
            } else {
                known.put("aws:RequestTag/" + k, List.of(v));
            }
        });
        // Only the six EKS tags are sent: any other request tag is absent.
        absent.add("aws:requesttag/");
        known.put("aws:TagKeys", SessionTags.KEYS);
        known.put("sts:TransitiveTagKeys", SessionTags.KEYS);
    }

    private static Map<String, String> roleKeys(RoleArn sourceRole) {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("aws:PrincipalArn", sourceRole.toString());
        known.put("aws:PrincipalAccount", sourceRole.account());
        known.put("aws:PrincipalType", "AssumedRole");
        known.put("aws:PrincipalIsAWSService", "false");
        known.put("aws:SecureTransport", "true");
        return known;
    }

    /** Role chaining: sts:AssumeRole by a session of {@code sourceRole}. */
    static RequestContext role(RoleArn sourceRole) {
        Map<String, String> known = roleKeys(sourceRole);
        List<String> unknown = concat(concat(ALWAYS_UNKNOWN, NETWORK_UNKNOWN),
                concat(SESSION_TAGS_UNKNOWN, CALLER_ROLE_UNKNOWN));
        return new RequestContext(TrustEvaluator.ASSUME_ROLE, new RequestPrincipal.Role(sourceRole), known, unknown);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
