package io.eksid.sandbox.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One IAM role as the emulated account stores it. Immutable: every change replaces the record, so a
 * reader never sees half an update. {@code trustPolicy} is the document exactly as submitted (not
 * URL-encoded); the wire layer encodes it the way IAM returns it.
 */
public record IamRoleRecord(
        String accountId,
        String path,
        String name,
        String roleId,
        String arn,
        Instant createDate,
        String trustPolicy,
        String description,
        int maxSessionDuration,
        List<String> attachedPolicyArns,
        Map<String, String> inlinePolicies,
        String permissionsBoundaryArn,
        Map<String, String> tags) {

    public IamRoleRecord {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trustPolicy, "trustPolicy");
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        inlinePolicies = Map.copyOf(inlinePolicies);
        // Tags keep the order they were added in, as ListRoleTags returns them.
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags == null ? Map.of() : tags));
    }

    /** Service-linked roles live under this path and only AWS may change them (IAM user guide). */
    public boolean serviceLinked() {
        return path.startsWith("/aws-service-role/");
    }

    IamRoleRecord withTrustPolicy(String document) {
        return new IamRoleRecord(accountId, path, name, roleId, arn, createDate, document, description,
                maxSessionDuration, attachedPolicyArns, inlinePolicies, permissionsBoundaryArn, tags);
    }

    IamRoleRecord withAttachedPolicies(List<String> arns) {
        return new IamRoleRecord(accountId, path, name, roleId, arn, createDate, trustPolicy, description,
                maxSessionDuration, arns, inlinePolicies, permissionsBoundaryArn, tags);
    }

    IamRoleRecord withInlinePolicies(Map<String, String> policies) {
        return new IamRoleRecord(accountId, path, name, roleId, arn, createDate, trustPolicy, description,
                maxSessionDuration, attachedPolicyArns, policies, permissionsBoundaryArn, tags);
    }

    IamRoleRecord withPermissionsBoundary(String policyArn) {
        return new IamRoleRecord(accountId, path, name, roleId, arn, createDate, trustPolicy, description,
                maxSessionDuration, attachedPolicyArns, inlinePolicies, policyArn, tags);
    }

    IamRoleRecord withTags(Map<String, String> newTags) {
        return new IamRoleRecord(accountId, path, name, roleId, arn, createDate, trustPolicy, description,
                maxSessionDuration, attachedPolicyArns, inlinePolicies, permissionsBoundaryArn, newTags);
    }
}
