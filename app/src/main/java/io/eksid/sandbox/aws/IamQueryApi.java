package io.eksid.sandbox.aws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IAM over the Query protocol (model data/iam/2010-05-08). Policy documents go out URL-encoded
 * (RFC 3986), as real IAM returns them (FACTS.md, IAM).
 */
final class IamQueryApi {

    static final QueryProtocol PROTOCOL = new QueryProtocol("https://iam.amazonaws.com/doc/2010-05-08/", "2010-05-08");

    private final IamService iam;
    private final OidcProviders oidc;
    private final IamPermissionsQueryApi permissions;

    IamQueryApi(AwsWorld world) {
        this.iam = world.iam();
        this.oidc = world.oidc();
        this.permissions = new IamPermissionsQueryApi(world.iam(), world.iamPermissions());
    }

    WireResponse handle(Caller caller, WireRequest request) {
        Map<String, String> p = QueryProtocol.parameters(request);
        String action = PROTOCOL.action(p);
        String acct = caller.accountId();
        if (caller.account().iamActionDenied(action)) {
            throw AwsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: iam:" + action
                    + " on resource: " + (p.get("RoleName") != null ? "role " + p.get("RoleName")
                    : p.get("PolicyArn") != null ? "policy " + p.get("PolicyArn") : "*")
                    + " because no identity-based policy allows the iam:" + action + " action");
        }
        return switch (action) {
            case "GetRole" -> PROTOCOL.result(action, r -> role(r, "Role", iam.getRole(acct, p.get("RoleName")), true));
            case "CreateRole" -> PROTOCOL.result(action, r -> role(r, "Role", iam.createRole(caller.account(), p.get("Path"),
                    p.get("RoleName"), p.get("AssumeRolePolicyDocument"), p.get("Description"),
                    integer(p, "MaxSessionDuration"), false), true));
            case "ListRoles" -> {
                var page = page(iam.listRoles(acct, p.get("PathPrefix")), r -> r.name().toLowerCase(Locale.ROOT), p);
                yield PROTOCOL.result(action, r -> truncated(r.members("Roles", page.items(), (x, role) -> role(x, null, role, false)), page));
            }
            case "UpdateAssumeRolePolicy" -> {
                iam.updateAssumeRolePolicy(caller.account(), p.get("RoleName"), p.get("PolicyDocument"), false);
                yield PROTOCOL.result(action, null);
            }
            case "DeleteRole" -> {
                iam.deleteRole(acct, p.get("RoleName"));
                yield PROTOCOL.result(action, null);
            }
            case "AttachRolePolicy" -> {
                iam.attachRolePolicy(acct, p.get("RoleName"), p.get("PolicyArn"));
                yield PROTOCOL.result(action, null);
            }
            case "DetachRolePolicy" -> {
                iam.detachRolePolicy(acct, p.get("RoleName"), p.get("PolicyArn"));
                yield PROTOCOL.result(action, null);
            }
            case "ListAttachedRolePolicies" -> {
                var page = page(sortedByArn(iam.listAttachedRolePolicies(acct, p.get("RoleName"), p.get("PathPrefix"))),
                        ManagedPolicyRecord::arn, p);
                yield PROTOCOL.result(action, r -> truncated(r.members("AttachedPolicies", page.items(), (x, pol) -> x
                        .element("PolicyName", pol.name()).element("PolicyArn", pol.arn())), page));
            }
            case "ListPolicies" -> {
                var page = page(sortedByArn(iam.listPolicies(acct, p.get("Scope"), bool(p, "OnlyAttached"), p.get("PathPrefix"))),
                        ManagedPolicyRecord::arn, p);
                yield PROTOCOL.result(action, r -> truncated(r.members("Policies", page.items(), (x, pol) -> policy(x, acct, pol)), page));
            }
            case "GetPolicy" -> {
                ManagedPolicyRecord pol = iam.getPolicy(acct, p.get("PolicyArn"));
                yield PROTOCOL.result(action, r -> r.element("Policy", x -> policy(x, acct, pol)));
            }
            case "CreatePolicy" -> {
                ManagedPolicyRecord pol = iam.createPolicy(caller.account(), p.get("Path"), p.get("PolicyName"),
                        p.get("PolicyDocument"), p.get("Description"));
                yield PROTOCOL.result(action, r -> r.element("Policy", x -> policy(x, acct, pol)));
            }
            case "PutRolePolicy" -> {
                iam.putRolePolicy(acct, p.get("RoleName"), p.get("PolicyName"), p.get("PolicyDocument"));
                yield PROTOCOL.result(action, null);
            }
            case "GetRolePolicy" -> {
                IamRoleRecord role = iam.getRole(acct, p.get("RoleName"));
                String doc = iam.getRolePolicy(acct, role.name(), p.get("PolicyName"));
                yield PROTOCOL.result(action, r -> r.element("RoleName", role.name())
                        .element("PolicyName", p.get("PolicyName"))
                        .element("PolicyDocument", Rfc3986.encode(doc)));
            }
            case "ListRolePolicies" -> {
                var page = page(iam.listRolePolicies(acct, p.get("RoleName")), n -> n, p);
                yield PROTOCOL.result(action, r -> truncated(r.stringMembers("PolicyNames", page.items()), page));
            }
            case "DeleteRolePolicy" -> {
                iam.deleteRolePolicy(acct, p.get("RoleName"), p.get("PolicyName"));
                yield PROTOCOL.result(action, null);
            }
            case "ListOpenIDConnectProviders" -> PROTOCOL.result(action, r -> r.members("OpenIDConnectProviderList",
                    oidc.listOidcProviders(acct), (x, o) -> x.element("Arn", o.arn())));
            case "GetOpenIDConnectProvider" -> {
                OidcProviderRecord o = oidc.getOidcProvider(acct, p.get("OpenIDConnectProviderArn"));
                yield PROTOCOL.result(action, r -> r.element("Url", o.url())
                        .stringMembers("ClientIDList", o.clientIds())
                        .stringMembers("ThumbprintList", o.thumbprints())
                        .element("CreateDate", o.createDate()));
            }
            case "CreateOpenIDConnectProvider" -> {
                OidcProviderRecord o = oidc.addOidcProvider(caller.account(), p.get("Url"),
                        list(p, "ClientIDList"), list(p, "ThumbprintList"));
                yield PROTOCOL.result(action, r -> r.element("OpenIDConnectProviderArn", o.arn()));
            }
            default -> permissions.handle(caller, action, p);
        };
    }

    /** A Role shape; {@code full} (GetRole) adds what ListRoles leaves out: boundary, tags, last use. */
    static void role(XmlWriter x, String wrapper, IamRoleRecord role, boolean full) {
        if (wrapper != null) {
            x.open(wrapper);
        }
        x.element("Path", role.path())
                .element("RoleName", role.name())
                .element("RoleId", role.roleId())
                .element("Arn", role.arn())
                .element("CreateDate", role.createDate())
                .element("AssumeRolePolicyDocument", Rfc3986.encode(role.trustPolicy()))
                .element("Description", role.description())
                .element("MaxSessionDuration", role.maxSessionDuration());
        if (full) {
            if (role.permissionsBoundaryArn() != null) {
                x.element("PermissionsBoundary", b -> b.element("PermissionsBoundaryType", "Policy")
                        .element("PermissionsBoundaryArn", role.permissionsBoundaryArn()));
            }
            if (!role.tags().isEmpty()) {
                tags(x, role.tags());
            }
            x.element("RoleLastUsed", r -> { });
        }
        if (wrapper != null) {
            x.close(wrapper);
        }
    }

    static void tags(XmlWriter x, Map<String, String> tags) {
        x.members("Tags", List.copyOf(tags.entrySet()), (t, e) -> t.element("Key", e.getKey()).element("Value", e.getValue()));
    }

    void policy(XmlWriter x, String accountId, ManagedPolicyRecord pol) {
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
                .element("UpdateDate", pol.updateDate());
    }

    private static List<ManagedPolicyRecord> sortedByArn(List<ManagedPolicyRecord> policies) {
        List<ManagedPolicyRecord> sorted = new ArrayList<>(policies);
        sorted.sort(Comparator.comparing(ManagedPolicyRecord::arn));
        return sorted;
    }

    static XmlWriter truncated(XmlWriter x, Pages.Page<?> page) {
        x.element("IsTruncated", page.nextToken() != null);
        return x.element("Marker", page.nextToken());
    }

    static <T> Pages.Page<T> page(List<T> sorted, java.util.function.Function<T, String> key, Map<String, String> p) {
        Integer max = integer(p, "MaxItems");
        if (max != null && (max < 1 || max > 1000)) {
            throw AwsError.validation("1 validation error detected: Value '" + max
                    + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
        }
        String marker = p.get("Marker");
        return Pages.page(sorted, key, marker, max == null ? 100 : max,
                () -> AwsError.validation("Invalid Marker: " + marker));
    }

    static Integer integer(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw AwsError.validation("1 validation error detected: Value '" + v + "' at '"
                    + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "' failed to satisfy constraint: Member must be a number");
        }
    }

    static boolean bool(Map<String, String> p, String name) {
        return Boolean.parseBoolean(p.getOrDefault(name, "false"));
    }

    /** Query-protocol list parameters: {@code Name.member.1}, {@code Name.member.2}, … */
    static List<String> list(Map<String, String> p, String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; p.containsKey(name + ".member." + i); i++) {
            out.add(p.get(name + ".member." + i));
        }
        return out;
    }
}
