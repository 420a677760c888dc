package io.eksid.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM role as GetRole reports it.
 *
 * @param trustPolicyJson the trust policy, already URL-decoded (GetRole returns it RFC 3986 encoded)
 */
public record IamRole(RoleArn arn, String roleId, String trustPolicyJson, List<String> attachedPolicyArns,
                      List<String> inlinePolicyNames, Instant createdAt) {

    public IamRole {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(trustPolicyJson, "trustPolicyJson");
        attachedPolicyArns = attachedPolicyArns == null ? List.of() : List.copyOf(attachedPolicyArns);
        inlinePolicyNames = inlinePolicyNames == null ? List.of() : List.copyOf(inlinePolicyNames);
    }

    public static IamRole of(RoleArn arn, String trustPolicyJson) {
        return new IamRole(arn, null, trustPolicyJson, List.of(), List.of(), null);
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
