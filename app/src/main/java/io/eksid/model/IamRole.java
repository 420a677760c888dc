package io.eksid.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM role as GetRole reports it: identity and trust. What its sessions may do is {@link RolePermissions}.
 *
 * @param trustPolicyJson the trust policy, already URL-decoded (GetRole returns it RFC 3986 encoded)
 */
public record IamRole(RoleArn arn, String roleId, String trustPolicyJson, Instant createdAt) {

    public IamRole {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(trustPolicyJson, "trustPolicyJson");
    }

    public static IamRole of(RoleArn arn, String trustPolicyJson) {
        return new IamRole(arn, null, trustPolicyJson, null);
    }

    public String name() {
        return arn.name();
    }

    public String path() {
        return arn.path();
    }

    public String account() {
        return arn.account();
    }
}
