package io.eksid.sandbox.aws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM Query operations around what a role's sessions may do (model data/iam/2010-05-08): managed policy
 * versions, permissions boundaries, role tags and GetAccountAuthorizationDetails. Policy documents go out
 * URL-encoded (RFC 3986), as IAM returns them; lists page with Marker/IsTruncated/MaxItems.
 */
final class IamPermissionsQueryApi {

    private static final QueryProtocol PROTOCOL = IamQueryApi.PROTOCOL;

    private final IamService iam;
    private final IamPermissions permissions;

    IamPermissionsQueryApi(IamService iam, IamPermissions permissions) {
        this.iam = iam;
        this.permissions = permissions;
    }

    /** One entry of GetAccountAuthorizationDetails' combined, paged listing: roles first, then policies. */
    private record DetailEntry(String key, IamRoleRecord role, ManagedPolicyRecord policy) {
    }

    WireResponse handle(Caller caller, String action, Map<String, String> p) {
        String acct = caller.accountId();
        return switch (action) {
            case "GetPolicyVersion" -> {
                ManagedPolicyRecord pol = iam.getPolicy(acct, p.get("PolicyArn"));
                ManagedPolicyRecord.PolicyVersion v = permissions.getPolicyVersion(acct, pol.arn(), p.get("VersionId"));
                yield PROTOCOL.result(action, r -> r.element("PolicyVersion", x -> version(x, pol, v, true)));
            }
            case "ListPolicyVersions" -> {
                ManagedPolicyRecord pol = iam.getPolicy(acct, p.get("PolicyArn"));
                List<ManagedPolicyRecord.PolicyVersion> newestFirst = new ArrayList<>(pol.versions());
                newestFirst.sort(Comparator.comparing(IamPermissionsQueryApi::versionKey));
                var page = IamQueryApi.page(newestFirst, IamPermissionsQueryApi::versionKey, p);
                yield PROTOCOL.result(action, r -> IamQueryApi.truncated(r.members("Versions", page.items(),
                        (x, v) -> version(x, pol, v, false)), page));
            }
            case "CreatePolicyVersion" -> {
                ManagedPolicyRecord.PolicyVersion v = permissions.createPolicyVersion(caller, p.get("PolicyArn"),
                        p.get("PolicyDocument"), IamQueryApi.bool(p, "SetAsDefault"));
                ManagedPolicyRecord pol = iam.getPolicy(acct, p.get("PolicyArn"));
                yield PROTOCOL.result(action, r -> r.element("PolicyVersion", x -> version(x, pol, v, false)));
            }
            case "PutRolePermissionsBoundary" -> {
                permissions.putRolePermissionsBoundary(acct, p.get("RoleName"), p.get("PermissionsBoundary"));
                yield PROTOCOL.result(action, null);
            }
            case "DeleteRolePermissionsBoundary" -> {
                permissions.deleteRolePermissionsBoundary(acct, p.get("RoleName"));
                yield PROTOCOL.result(action, null);
            }
            case "TagRole" -> {
                permissions.tagRole(acct, p.get("RoleName"), tagParameters(p));
                yield PROTOCOL.result(action, null);
            }
            case "UntagRole" -> {
                permissions.untagRole(acct, p.get("RoleName"), IamQueryApi.list(p, "TagKeys"));
                yield PROTOCOL.result(action, null);
            }
            case "ListRoleTags" -> {
                IamRoleRecord role = iam.getRole(acct, p.get("RoleName"));
                List<Map.Entry<String, String>> tags = new ArrayList<>(role.tags().entrySet());
                // Paged by position in the role's tag order; the key keeps that order as text.
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < tags.size(); i++) {
                    keys.add("%04d".formatted(i));
                }
                var page = IamQueryApi.page(keys, k -> k, p);
                yield PROTOCOL.result(action, r -> IamQueryApi.truncated(r.members("Tags", page.items(), (x, k) -> {
                    Map.Entry<String, String> t = tags.get(Integer.parseInt(k));
                    x.element("Key", t.getKey()).element("Value", t.getValue());
                }), page));
            }
            case "GetAccountAuthorizationDetails" -> {
                IamPermissions.AuthorizationDetails details =
                        permissions.authorizationDetails(acct, IamQueryApi.list(p, "Filter"));
                List<DetailEntry> entries = new ArrayList<>();
                details.roles().forEach(r -> entries.add(new DetailEntry("0" + r.name().toLowerCase(java.util.Locale.ROOT), r, null)));
                details.policies().forEach(pol -> entries.add(new DetailEntry("1" + pol.arn(), null, pol)));
                entries.sort(Comparator.comparing(DetailEntry::key));
                var page = IamQueryApi.page(entries, DetailEntry::key, p);
                List<IamRoleRecord> roles = page.items().stream().filter(e -> e.role() != null).map(DetailEntry::role).toList();
                List<ManagedPolicyRecord> policies = page.items().stream().filter(e -> e.policy() != null)
                        .map(DetailEntry::policy).toList();
                yield PROTOCOL.result(action, r -> IamQueryApi.truncated(r
                        .members("UserDetailList", List.of(), (x, u) -> { })
                        .members("GroupDetailList", List.of(), (x, g) -> { })
                        .members("RoleDetailList", roles, this::roleDetail)
                        .members("Policies", policies, (x, pol) -> policyDetail(x, acct, pol)), page));
            }
            default -> throw QueryProtocol.unknownAction(action, PROTOCOL.version());
        };
    }

    private void roleDetail(XmlWriter x, IamRoleRecord role) {
        x.element("Path", role.path())
                .element("RoleName", role.name())
                .element("RoleId", role.roleId())
                .element("Arn", role.arn())
                .element("CreateDate", role.createDate())
                .element("AssumeRolePolicyDocument", Rfc3986.encode(role.trustPolicy()))
                .members("InstanceProfileList", List.of(), (i, o) -> { })
                .members("RolePolicyList", List.copyOf(new java.util.TreeMap<>(role.inlinePolicies()).entrySet()),
                        (i, e) -> i.element("PolicyName", e.getKey()).element("PolicyDocument", Rfc3986.encode(e.getValue())))
                .members("AttachedManagedPolicies", role.attachedPolicyArns(), (i, arn) -> i
                        .element("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).element("PolicyArn", arn));
        if (role.permissionsBoundaryArn() != null) {
            x.element("PermissionsBoundary", b -> b.element("PermissionsBoundaryType", "Policy")
                    .element("PermissionsBoundaryArn", role.permissionsBoundaryArn()));
        }
        IamQueryApi.tags(x, role.tags());
        x.element("RoleLastUsed", r -> { });
    }

    private void policyDetail(XmlWriter x, String accountId, ManagedPolicyRecord pol) {
        x.element("PolicyName", pol.name())
                .element("PolicyId", pol.policyId())
                .element("Arn", pol.arn())
                .element("Path", pol.path())
                .element("DefaultVersionId", pol.defaultVersionId())
                .element("AttachmentCount", iam.attachmentCount(accountId, pol.arn()))
                .element("PermissionsBoundaryUsageCount", iam.boundaryUsageCount(accountId, pol.arn()))
                .element("IsAttachable", true)
                .element("Description", pol.description())
                .element("CreateDate", pol.createDate())
                .element("UpdateDate", pol.updateDate())
                .members("PolicyVersionList", pol.versions(), (v, version) -> version(v, pol, version, true));
    }

    /** A PolicyVersion; the document only where IAM sends it (GetPolicyVersion, the account details). */
    private static void version(XmlWriter x, ManagedPolicyRecord pol, ManagedPolicyRecord.PolicyVersion v,
                                boolean withDocument) {
        if (withDocument) {
            x.element("Document", Rfc3986.encode(v.document()));
        }
        x.element("VersionId", v.versionId())
                .element("IsDefaultVersion", v.versionId().equals(pol.defaultVersionId()))
                .element("CreateDate", v.createDate());
    }

    /** Newest first, as text that sorts the same way. */
    private static String versionKey(ManagedPolicyRecord.PolicyVersion v) {
        return "%010d".formatted(1_000_000_000 - IamPermissions.versionNumber(v.versionId()));
    }

    /** {@code Tags.member.N.Key} / {@code Tags.member.N.Value}. */
    private static Map<String, String> tagParameters(Map<String, String> p) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; p.containsKey("Tags.member." + i + ".Key"); i++) {
            tags.put(p.get("Tags.member." + i + ".Key"), p.getOrDefault("Tags.member." + i + ".Value", ""));
        }
        return tags;
    }
}
