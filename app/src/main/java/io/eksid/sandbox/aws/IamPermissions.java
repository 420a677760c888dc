package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.IamConstraints.require;
import static io.eksid.sandbox.aws.IamConstraints.requireArn;
import static io.eksid.sandbox.aws.IamConstraints.requireDocumentCharacters;
import static io.eksid.sandbox.aws.IamConstraints.requireRoleName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The IAM operations that decide what a role's sessions may do, beyond creating roles and attaching policies:
 * managed policy versions, the permissions boundary, role tags (what {@code aws:PrincipalTag} sees unless a
 * session tag overrides it) and the account-wide read GetAccountAuthorizationDetails. Shares {@link IamService}'s
 * lock and state.
 */
final class IamPermissions {

    static final int MAX_POLICY_VERSIONS = 5;
    static final int MAX_TAGS = 50;
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");

    private final IamService iam;

    IamPermissions(IamService iam) {
        this.iam = iam;
    }

    /** CreatePolicyVersion: at most five versions (IAM quotas); AWS managed policies belong to AWS. */
    ManagedPolicyRecord.PolicyVersion createPolicyVersion(Caller caller, String policyArn, String document,
                                                          boolean setAsDefault) {
        requireArn(policyArn, "policyArn");
        requireDocumentCharacters(document, "policyDocument");
        PolicyDocuments.validatePermissionsPolicy(document);
        synchronized (iam.lock()) {
            ManagedPolicyRecord pol = iam.policy(caller.accountId(), policyArn);
            if (pol.awsManaged()) {
                throw AwsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: "
                        + "iam:CreatePolicyVersion on resource: policy " + policyArn);
            }
            if (pol.versions().size() >= MAX_POLICY_VERSIONS) {
                throw AwsError.limitExceeded("A managed policy can have up to " + MAX_POLICY_VERSIONS
                        + " versions. Before you create a new version, you must delete an existing version.");
            }
            int next = pol.versions().stream().mapToInt(v -> versionNumber(v.versionId())).max().orElse(0) + 1;
            ManagedPolicyRecord.PolicyVersion version =
                    new ManagedPolicyRecord.PolicyVersion("v" + next, document, iam.clock().instant());
            List<ManagedPolicyRecord.PolicyVersion> versions = new ArrayList<>(pol.versions());
            versions.add(version);
            iam.localPolicies.get(caller.accountId()).put(policyArn, pol.withVersions(versions,
                    setAsDefault ? version.versionId() : pol.defaultVersionId(), iam.clock().instant()));
            return version;
        }
    }

    ManagedPolicyRecord.PolicyVersion getPolicyVersion(String accountId, String policyArn, String versionId) {
        requireArn(policyArn, "policyArn");
        require(versionId != null && versionId.matches("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?"), String.valueOf(versionId),
                "versionId", "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
        synchronized (iam.lock()) {
            ManagedPolicyRecord.PolicyVersion v = iam.policy(accountId, policyArn).version(versionId);
            if (v == null) {
                throw AwsError.noSuchEntity("Policy " + policyArn + " version " + versionId
                        + " does not exist or is not attachable.");
            }
            return v;
        }
    }

    static int versionNumber(String versionId) {
        try {
            return Integer.parseInt(versionId.substring(1).replaceAll("\\..*", ""));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    // ---- permissions boundary and tags

    void putRolePermissionsBoundary(String accountId, String roleName, String policyArn) {
        requireRoleName(roleName);
        requireArn(policyArn, "permissionsBoundary");
        synchronized (iam.lock()) {
            IamRoleRecord role = iam.role(accountId, roleName);
            IamService.requireModifiable(role);
            if (!policyArn.matches("arn:[a-z-]+:iam::(aws|\\d{12}):policy/.+")) {
                throw AwsError.invalidInput("ARN " + policyArn + " is not valid.");
            }
            iam.policy(accountId, policyArn);
            iam.replaceRole(role.withPermissionsBoundary(policyArn));
        }
    }

    void deleteRolePermissionsBoundary(String accountId, String roleName) {
        requireRoleName(roleName);
        synchronized (iam.lock()) {
            IamRoleRecord role = iam.role(accountId, roleName);
            IamService.requireModifiable(role);
            if (role.permissionsBoundaryArn() == null) {
                throw AwsError.noSuchEntity("The role " + role.name() + " does not have a permissions boundary.");
            }
            iam.replaceRole(role.withPermissionsBoundary(null));
        }
    }

    /**
     * TagRole: keys 1..128 and values 0..256 characters of IAM's tag alphabet, at most 50 per role. A key that
     * differs from an existing one only in case replaces it: IAM keeps tag keys unique regardless of case.
     */
    void tagRole(String accountId, String roleName, Map<String, String> tags) {
        requireRoleName(roleName);
        require(tags != null && !tags.isEmpty(), "null", "tags", "Member must not be null");
        require(tags.size() <= MAX_TAGS, "[...]", "tags", "Member must have length less than or equal to " + MAX_TAGS);
        tags.forEach((k, v) -> {
            require(k.length() >= 1 && k.length() <= 128 && TAG_TEXT.matcher(k).matches(), k, "tags.member.key",
                    "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
            require(v != null && v.length() <= 256 && (v.isEmpty() || TAG_TEXT.matcher(v).matches()), String.valueOf(v),
                    "tags.member.value", "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
        });
        synchronized (iam.lock()) {
            IamRoleRecord role = iam.role(accountId, roleName);
            IamService.requireModifiable(role);
            Map<String, String> next = new LinkedHashMap<>(role.tags());
            tags.forEach((k, v) -> {
                next.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
                next.put(k, v);
            });
            if (next.size() > MAX_TAGS) {
                throw AwsError.limitExceeded("Cannot exceed quota for TagsPerRole: " + MAX_TAGS);
            }
            iam.replaceRole(role.withTags(next));
        }
    }

    void untagRole(String accountId, String roleName, List<String> keys) {
        requireRoleName(roleName);
        require(keys != null && !keys.isEmpty(), "null", "tagKeys", "Member must not be null");
        synchronized (iam.lock()) {
            IamRoleRecord role = iam.role(accountId, roleName);
            IamService.requireModifiable(role);
            Map<String, String> next = new LinkedHashMap<>(role.tags());
            keys.forEach(k -> next.keySet().removeIf(existing -> existing.equalsIgnoreCase(k)));
            iam.replaceRole(role.withTags(next));
        }
    }

    // ---- GetAccountAuthorizationDetails

    /** The filter values GetAccountAuthorizationDetails accepts (model EntityType). */
    static final List<String> ENTITY_TYPES = List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");

    record AuthorizationDetails(List<IamRoleRecord> roles, List<ManagedPolicyRecord> policies) {
    }

    /**
     * The roles and managed policies of one account, as GetAccountAuthorizationDetails reports them: customer
     * managed policies all, AWS managed policies only where something in the account uses them.
     */
    AuthorizationDetails authorizationDetails(String accountId, List<String> filter) {
        for (String f : filter) {
            if (!ENTITY_TYPES.contains(f)) {
                throw AwsError.validation("1 validation error detected: Value '" + filter
                        + "' at 'filter' failed to satisfy constraint: Member must satisfy constraint: "
                        + "[Member must satisfy enum value set: " + ENTITY_TYPES + "]");
            }
        }
        boolean all = filter.isEmpty();
        synchronized (iam.lock()) {
            List<IamRoleRecord> roles = all || filter.contains("Role") ? iam.listRoles(accountId, null) : List.of();
            List<ManagedPolicyRecord> policies = new ArrayList<>();
            for (ManagedPolicyRecord p : iam.managedPolicies(accountId)) {
                boolean wanted = p.awsManaged()
                        ? (all || filter.contains("AWSManagedPolicy"))
                                && (iam.attachmentCount(accountId, p.arn()) > 0 || iam.boundaryUsageCount(accountId, p.arn()) > 0)
                        : all || filter.contains("LocalManagedPolicy");
                if (wanted) {
                    policies.add(p);
                }
            }
            return new AuthorizationDetails(roles, policies);
        }
    }
}
