package io.eksid.model.trust;

import io.eksid.model.ClusterInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import java.util.List;

/**
 * Answers "may this caller assume the role?" for the three ways EKS workloads assume roles. Stateless.
 *
 * <p>Each question fixes the request context IAM would see. Keys the question cannot know (session names, source
 * IPs, session tags, times) are "unknown": a condition on them makes the answer UNPROVABLE instead of a guess.
 */
public final class TrustEvaluator {

    /** The audience IRSA tokens carry unless the SA's eks.amazonaws.com/audience annotation says otherwise. */
    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";
    public static final String POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";
    public static final String ASSUME_ROLE_WITH_WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
    public static final String ASSUME_ROLE = "sts:AssumeRole";
    public static final String TAG_SESSION = "sts:TagSession";

    private final DecisionMaker decisions = new DecisionMaker();

    /**
     * IRSA for a role in the cluster's own account: may the service account's projected token (issuer = the
     * cluster's OIDC issuer, sub = system:serviceaccount:ns:name, aud = {@code audience}) call
     * AssumeRoleWithWebIdentity? The Federated principal must be {@link ClusterInfo#oidcProviderArn()}.
     *
     * @param audience the token audience; null means {@value #DEFAULT_AUDIENCE}
     */
    public TrustDecision irsa(TrustPolicy p, ClusterInfo cluster, ServiceAccountRef sa, String audience) {
        return irsa(p, cluster, sa, audience, cluster.account());
    }

    /**
     * IRSA for a role in {@code roleAccount}, which may differ from the cluster's account (cross-account IRSA):
     * the Federated principal must then be the provider for the cluster's issuer created in the role's account.
     */
    public TrustDecision irsa(TrustPolicy p, ClusterInfo cluster, ServiceAccountRef sa, String audience,
                              String roleAccount) {
        if (cluster.oidcProviderArn().isEmpty()) {
            return new TrustDecision(Verdict.NO_MATCHING_ALLOW, null, "Cluster " + cluster.name()
                    + " has no OIDC issuer, so no service account of it can use IRSA.");
        }
        return decisions.decide(p, RequestContexts.irsa(cluster, sa, audience, roleAccount));
    }

    /**
     * EKS Pod Identity: may the EKS Auth service assume the role for a pod of this cluster? It calls
     * sts:AssumeRole and sts:TagSession as {@value #POD_IDENTITY_SERVICE} with aws:SourceAccount = the cluster's
     * account and aws:SourceArn = the cluster ARN; both actions must be allowed (UG pod-id-role). Session tags
     * (aws:RequestTag/kubernetes-namespace ...) vary per pod and are unknown here.
     */
    public TrustDecision podIdentity(TrustPolicy p, ClusterInfo cluster) {
        RequestContext assume = RequestContexts.podIdentity(cluster);
        return both(decisions.decide(p, assume), decisions.decide(p, assume.forAction(TAG_SESSION)),
                "EKS Pod Identity");
    }

    /**
     * EKS Pod Identity with the session tags EKS sends for an association (or one of its pods): conditions on
     * {@code aws:RequestTag/kubernetes-namespace}, {@code eks-cluster-name}, {@code aws:TagKeys} ... are decided
     * from them; a condition on a pod's tag, asked for the whole association, is UNPROVABLE and the reason says
     * which pods it admits. Both sts:AssumeRole and sts:TagSession must be allowed.
     */
    public TrustDecision podIdentity(TrustPolicy p, ClusterInfo cluster, SessionTags tags) {
        RequestContext assume = RequestContexts.podIdentity(cluster, tags);
        return both(decisions.decide(p, assume), decisions.decide(p, assume.forAction(TAG_SESSION)),
                "EKS Pod Identity");
    }

    /**
     * Chaining from an association's role to its target role, as EKS does it: with session tags enabled they are
     * transitive, so the target role must allow both sts:AssumeRole and sts:TagSession to the source role and
     * sees the tags as request tags; with them disabled only sts:AssumeRole, with EKS's external ID.
     */
    public TrustDecision sourceRole(TrustPolicy p, RoleArn sourceRole, ClusterInfo cluster, SessionTags tags) {
        RequestContext ctx = RequestContexts.chained(sourceRole, cluster, tags);
        if (!tags.enabled()) {
            return decisions.decide(p, ctx);
        }
        return both(decisions.decide(p, ctx), decisions.decide(p, ctx.forAction(TAG_SESSION)),
                "Chaining with session tags");
    }

    /** Role chaining: may a session of {@code sourceRole} call sts:AssumeRole on the role? */
    public TrustDecision sourceRole(TrustPolicy p, RoleArn sourceRole) {
        return decisions.decide(p, roleContext(sourceRole));
    }

    /**
     * Role chaining that passes session tags (a Pod Identity association with a targetRoleArn and session tags
     * enabled): both sts:AssumeRole and sts:TagSession must be allowed to the source role.
     */
    public TrustDecision sourceRoleWithSessionTags(TrustPolicy p, RoleArn sourceRole) {
        RequestContext ctx = roleContext(sourceRole);
        return both(decisions.decide(p, ctx), decisions.decide(p, ctx.forAction(TAG_SESSION)),
                "Chaining with session tags");
    }

    private static RequestContext roleContext(RoleArn sourceRole) {
        return RequestContexts.role(sourceRole);
    }

    /** Both sts:AssumeRole and sts:TagSession must be allowed; the weaker answer decides. */
    private static TrustDecision both(TrustDecision assume, TrustDecision tag, String who) {
        for (TrustDecision d : List.of(assume, tag)) {
            if (d.verdict() == Verdict.EXPLICIT_DENY) {
                return d;
            }
        }
        if (assume.verdict() == Verdict.NO_MATCHING_ALLOW) {
            return assume;
        }
        if (tag.verdict() == Verdict.NO_MATCHING_ALLOW) {
            String lead = assume.allowed() ? "sts:AssumeRole is allowed (" + assume.reason() + ") but " + who
                    + " also needs sts:TagSession to tag the session, and it is not allowed: " : "";
            return new TrustDecision(Verdict.NO_MATCHING_ALLOW, tag.statementIndex(), lead + tag.reason());
        }
        if (assume.verdict() == Verdict.UNPROVABLE) {
            return assume;
        }
        if (tag.verdict() == Verdict.UNPROVABLE) {
            return tag;
        }
        String reason = assume.statementIndex().equals(tag.statementIndex())
                ? assume.reason().replace(ASSUME_ROLE + " for", ASSUME_ROLE + " and " + TAG_SESSION + " for")
                : assume.reason() + " " + tag.reason();
        return new TrustDecision(Verdict.ALLOWED, assume.statementIndex(), reason);
    }
}
