package io.eksid.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything IAM says about what sessions of one role may do: its identity policies (attached managed
 * policies at their default version, inline policies), its permissions boundary and its tags. A session
 * policy belongs to the association, not the role, and is passed with the session.
 *
 * @param boundary the permissions boundary, or null when the role has none
 * @param roleTags the role's tags; a Pod Identity session tag with the same key overrides one as a principal tag
 */
public record RolePermissions(String roleArn, List<NamedPolicy> identityPolicies, NamedPolicy boundary,
                              Map<String, String> roleTags) {

    public RolePermissions {
        Objects.requireNonNull(roleArn, "roleArn");
        identityPolicies = identityPolicies == null ? List.of() : List.copyOf(identityPolicies);
        roleTags = roleTags == null ? Map.of() : Map.copyOf(roleTags);
    }
}
