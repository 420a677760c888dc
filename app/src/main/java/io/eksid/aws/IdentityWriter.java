package io.eksid.aws;

import io.eksid.model.Addon;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AddonPodIdentityAssociations;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The AWS writes of an IRSA to Pod Identity conversion, and the fresh reads each write is checked against.
 * Every failure becomes an {@link IdentityWriteException} that says what was attempted, and for AccessDenied
 * which permission is missing. No retries here: the SDK's retry strategy is the one retry layer (AwsClients), the
 * executor owns the rate limit.
 */
public final class IdentityWriter {

    private final IamClient iam;
    private final EksClient eks;
    private final SdkAttempts attempts;

    public IdentityWriter(IamClient iam, EksClient eks) {
        this(iam, eks, new SdkAttempts());
    }

    /** @param attempts the counter installed on {@code iam} and {@code eks} */
    public IdentityWriter(IamClient iam, EksClient eks, SdkAttempts attempts) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.eks = Objects.requireNonNull(eks, "eks");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
    }

    public static IdentityWriter of(AwsClients clients) {
        return new IdentityWriter(clients.iam(), clients.eks(), clients.attempts());
    }

    /** What the clients behind this writer have sent, attempt by attempt (shared with the clients' other users). */
    public SdkAttempts attempts() {
        return attempts;
    }

    /** A role as GetRole returns it, with the trust policy already URL-decoded (FACTS.md, IAM). */
    public record RoleTrust(String arn, String name, String path, String trustPolicyJson) {
    }

    // ---- IAM ---------------------------------------------------------------------------------------------

    /** GetRole; empty when the role does not exist. */
    public Optional<RoleTrust> getRole(String roleName) {
        try {
            var role = call("read role " + roleName, "iam:GetRole",
                    () -> iam.getRole(r -> r.roleName(roleName)).role());
            return Optional.of(new RoleTrust(role.arn(), role.roleName(), role.path(),
                    TrustPolicy.decodeIamDocument(role.assumeRolePolicyDocument())));
        } catch (IdentityWriteException e) {
            if (e.kind() == IdentityWriteException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void updateAssumeRolePolicy(String roleName, String document) {
        call("update the trust policy of role " + roleName, "iam:UpdateAssumeRolePolicy",
                () -> iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(document)));
    }

    /** CreateRole; returns the new role's ARN. */
    public String createRole(String roleName, String path, String trustPolicy, String description,
                             Map<String, String> tags) {
        List<Tag> iamTags = new ArrayList<>();
        new TreeMap<>(tags).forEach((k, v) -> iamTags.add(Tag.builder().key(k).value(v).build()));
        return call("create role " + path + roleName, "iam:CreateRole",
                () -> iam.createRole(r -> r.roleName(roleName).path(path).assumeRolePolicyDocument(trustPolicy)
                        .description(description).tags(iamTags)).role().arn());
    }

    public void putRolePolicy(String roleName, String policyName, String document) {
        call("put inline policy " + policyName + " on role " + roleName, "iam:PutRolePolicy",
                () -> iam.putRolePolicy(r -> r.roleName(roleName).policyName(policyName).policyDocument(document)));
    }

    /** An inline policy's document, decoded; empty when the role has no such policy. */
    public Optional<String> getRolePolicy(String roleName, String policyName) {
        try {
            return Optional.of(TrustPolicy.decodeIamDocument(call("read inline policy " + policyName + " of role "
                    + roleName, "iam:GetRolePolicy", () -> iam.getRolePolicy(r -> r.roleName(roleName)
                    .policyName(policyName)).policyDocument())));
        } catch (IdentityWriteException e) {
            if (e.kind() == IdentityWriteException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void attachRolePolicy(String roleName, String policyArn) {
        call("attach " + policyArn + " to role " + roleName, "iam:AttachRolePolicy",
                () -> iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn)));
    }

    public void detachRolePolicy(String roleName, String policyArn) {
        call("detach " + policyArn + " from role " + roleName, "iam:DetachRolePolicy",
                () -> iam.detachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn)));
    }

    /** The managed policies attached to a role, by ARN. */
    public List<String> attachedPolicies(String roleName) {
        return call("list the policies attached to role " + roleName, "iam:ListAttachedRolePolicies",
                () -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName)).attachedPolicies().stream()
                        .map(software.amazon.awssdk.services.iam.model.AttachedPolicy::policyArn).toList());
    }

    public void deleteRolePolicy(String roleName, String policyName) {
        call("delete inline policy " + policyName + " of role " + roleName, "iam:DeleteRolePolicy",
                () -> iam.deleteRolePolicy(r -> r.roleName(roleName).policyName(policyName)));
    }

    public void deleteRole(String roleName) {
        call("delete role " + roleName, "iam:DeleteRole", () -> iam.deleteRole(r -> r.roleName(roleName)));
    }

    // ---- EKS Pod Identity associations ----------------------------------------------------------------------

    /**
     * CreatePodIdentityAssociation. {@code clientRequestToken} makes a repeated request (after a crash) return the
     * association the first one created instead of a second one. An existing association for the service account
     * is an {@link IdentityWriteException.Kind#ALREADY_EXISTS} failure: the caller compares it.
     */
    public PodIdentityAssociation createAssociation(String cluster, String namespace, String serviceAccount,
                                                    String roleArn, String targetRoleArn, Map<String, String> tags,
                                                    String clientRequestToken) {
        return createAssociation(cluster, namespace, serviceAccount, roleArn, targetRoleArn, tags, false, null,
                clientRequestToken);
    }

    /** As above, with session tags disabled and an optional session policy (which requires that). */
    public PodIdentityAssociation createAssociation(String cluster, String namespace, String serviceAccount,
                                                    String roleArn, String targetRoleArn, Map<String, String> tags,
                                                    boolean disableSessionTags, String sessionPolicy,
                                                    String clientRequestToken) {
        return AssociationSource.toModel(call("associate " + namespace + "/" + serviceAccount + " with " + roleArn,
                "eks:CreatePodIdentityAssociation and iam:PassRole on " + roleArn,
                () -> eks.createPodIdentityAssociation(r -> {
                    r.clusterName(cluster).namespace(namespace).serviceAccount(serviceAccount).roleArn(roleArn)
                            .clientRequestToken(clientRequestToken);
                    if (targetRoleArn != null) {
                        r.targetRoleArn(targetRoleArn);
                    }
                    if (disableSessionTags) {
                        r.disableSessionTags(true);
                    }
                    if (sessionPolicy != null) {
                        r.policy(sessionPolicy);
                    }
                    if (!tags.isEmpty()) {
                        r.tags(tags);
                    }
                }).association()));
    }

    /** The association of one service account, described in full (list results carry no role, FACTS.md). */
    public Optional<PodIdentityAssociation> findAssociation(String cluster, String namespace, String serviceAccount) {
        List<PodIdentityAssociationSummary> found = new ArrayList<>();
        call("list the associations of " + namespace + "/" + serviceAccount, "eks:ListPodIdentityAssociations",
                () -> {
                    eks.listPodIdentityAssociationsPaginator(r -> r.clusterName(cluster).namespace(namespace)
                            .serviceAccount(serviceAccount).maxResults(100)).associations().forEach(found::add);
                    return null;
                });
        for (PodIdentityAssociationSummary s : found) {
            if (namespace.equals(s.namespace()) && serviceAccount.equals(s.serviceAccount())) {
                return describeAssociation(cluster, s.associationId());
            }
        }
        return Optional.empty();
    }

    /** DescribePodIdentityAssociation; empty when it no longer exists. */
    public Optional<PodIdentityAssociation> describeAssociation(String cluster, String associationId) {
        try {
            return Optional.of(AssociationSource.toModel(call("describe association " + associationId,
                    "eks:DescribePodIdentityAssociation", () -> eks.describePodIdentityAssociation(
                            r -> r.clusterName(cluster).associationId(associationId)).association())));
        } catch (IdentityWriteException e) {
            if (e.kind() == IdentityWriteException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every association of a cluster, each described in full (list results carry no role, FACTS.md). */
    public List<PodIdentityAssociation> associations(String cluster) {
        List<String> ids = new ArrayList<>();
        call("list the associations of cluster " + cluster, "eks:ListPodIdentityAssociations", () -> {
            eks.listPodIdentityAssociationsPaginator(r -> r.clusterName(cluster).maxResults(100)).associations()
                    .forEach(s -> ids.add(s.associationId()));
            return null;
        });
        List<PodIdentityAssociation> out = new ArrayList<>();
        for (String id : ids) {
            describeAssociation(cluster, id).ifPresent(out::add);
        }
        return out;
    }

    /** The names of the EKS clusters this account has in the client's region. */
    public List<String> listClusters() {
        return call("list the EKS clusters", "eks:ListClusters",
                () -> eks.listClustersPaginator(r -> r.maxResults(100)).clusters().stream().toList());
    }

    public void deleteAssociation(String cluster, String associationId) {
        call("delete association " + associationId, "eks:DeletePodIdentityAssociation",
                () -> eks.deletePodIdentityAssociation(r -> r.clusterName(cluster).associationId(associationId)));
    }

    // ---- EKS add-ons ---------------------------------------------------------------------------------------

    /** DescribeAddon; empty when the add-on is not installed. */
    public Optional<Addon> describeAddon(String cluster, String addonName) {
        try {
            var a = call("describe add-on " + addonName, "eks:DescribeAddon",
                    () -> eks.describeAddon(r -> r.clusterName(cluster).addonName(addonName)).addon());
            return Optional.of(new Addon(a.addonName(), a.addonVersion(), a.statusAsString(), a.serviceAccountRoleArn(),
                    a.hasPodIdentityAssociations() ? a.podIdentityAssociations() : List.of()));
        } catch (IdentityWriteException e) {
            if (e.kind() == IdentityWriteException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The add-on's Pod Identity associations as UpdateAddon takes them: service account to role ARN. */
    public Map<String, String> addonPodIdentity(String cluster, Addon addon) {
        Map<String, String> pairs = new TreeMap<>();
        for (String arn : addon.podIdentityAssociationArns()) {
            String id = arn.substring(arn.lastIndexOf('/') + 1);
            describeAssociation(cluster, id).ifPresent(a -> pairs.put(a.serviceAccount(), a.roleArn()));
        }
        return pairs;
    }

    public void createAddon(String cluster, String addonName) {
        call("install add-on " + addonName, "eks:CreateAddon",
                () -> eks.createAddon(r -> r.clusterName(cluster).addonName(addonName)));
    }

    /** UpdateAddon with conflict resolution OVERWRITE (repairs a degraded add-on's configuration). */
    public void repairAddon(String cluster, String addonName) {
        call("update add-on " + addonName, "eks:UpdateAddon",
                () -> eks.updateAddon(r -> r.clusterName(cluster).addonName(addonName).resolveConflicts("OVERWRITE")));
    }

    /** UpdateAddon {@code podIdentityAssociations}: the complete list the add-on owns afterwards (it replaces). */
    public void updateAddonPodIdentity(String cluster, String addonName, Map<String, String> serviceAccountRoles) {
        List<AddonPodIdentityAssociations> list = new ArrayList<>();
        new TreeMap<>(serviceAccountRoles).forEach((sa, role) -> list.add(AddonPodIdentityAssociations.builder()
                .serviceAccount(sa).roleArn(role).build()));
        call("give add-on " + addonName + " Pod Identity associations", "eks:UpdateAddon and iam:PassRole on "
                        + String.join(", ", new LinkedHashMap<>(serviceAccountRoles).values()),
                () -> eks.updateAddon(r -> r.clusterName(cluster).addonName(addonName).podIdentityAssociations(list)));
    }

    // ---- errors --------------------------------------------------------------------------------------------

    private static <T> T call(String what, String permission, Supplier<T> action) {
        try {
            return action.get();
        } catch (AwsServiceException e) {
            throw explain(what, permission, e);
        } catch (SdkClientException e) {
            throw new IdentityWriteException(IdentityWriteException.Kind.TRANSIENT, "", null,
                    "Could not " + what + ": " + e.getMessage(), e);
        }
    }

    static IdentityWriteException explain(String what, String permission, AwsServiceException e) {
        String code = AwsFailures.errorCode(e);
        String detail = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        String lower = code.toLowerCase(Locale.ROOT);
        IdentityWriteException.Kind kind;
        String message;
        if (AwsFailures.isThrottling(e) || e.statusCode() >= 500) {
            kind = IdentityWriteException.Kind.TRANSIENT;
            message = "Could not " + what + ": AWS answered " + (code.isEmpty() ? "HTTP " + e.statusCode() : code)
                    + " (" + detail + ")";
        } else if (AwsFailures.isAccessDenied(e) || e.statusCode() == 403) {
            kind = IdentityWriteException.Kind.ACCESS_DENIED;
            message = "Could not " + what + ": access denied. The caller needs " + permission + " (" + detail + ")";
        } else if (lower.equals("nosuchentity") || lower.equals("resourcenotfoundexception") || e.statusCode() == 404) {
            kind = IdentityWriteException.Kind.NOT_FOUND;
            message = "Could not " + what + ": not found (" + detail + ")";
        } else if (lower.equals("entityalreadyexists") || lower.equals("resourceinuseexception")) {
            kind = IdentityWriteException.Kind.ALREADY_EXISTS;
            message = "Could not " + what + ": it already exists (" + detail + ")";
        } else if (lower.equals("limitexceeded")) {
            kind = IdentityWriteException.Kind.LIMIT_EXCEEDED;
            message = "Could not " + what + ": IAM refused it as over a quota, such as the account's \"Role trust "
                    + "policy length\" (" + detail + ")";
        } else {
            kind = IdentityWriteException.Kind.REJECTED;
            message = "Could not " + what + ": " + (code.isEmpty() ? "HTTP " + e.statusCode() : code) + " ("
                    + detail + ")";
        }
        return new IdentityWriteException(kind, code, kind == IdentityWriteException.Kind.ACCESS_DENIED
                ? permission : null, message, e);
    }
}
