package io.eksid.sandbox.aws;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A managed policy: AWS-managed (account {@code aws} in its ARN) or customer-managed ("Local"), with its versions
 * (IAM keeps up to five; one is the default, the one that takes effect). Immutable: a change replaces the record.
 */
public record ManagedPolicyRecord(
        String arn,
        String path,
        String name,
        String policyId,
        String defaultVersionId,
        String description,
        Instant createDate,
        Instant updateDate,
        List<PolicyVersion> versions,
        boolean awsManaged) {

    /** One version of a managed policy; {@code document} as submitted (the wire layer URL-encodes it). */
    public record PolicyVersion(String versionId, String document, Instant createDate) {
    }

    public ManagedPolicyRecord {
        Objects.requireNonNull(arn, "arn");
        versions = List.copyOf(versions);
        if (versions.stream().noneMatch(v -> v.versionId().equals(defaultVersionId))) {
            throw new IllegalArgumentException("default version " + defaultVersionId + " is not among the versions");
        }
    }

    /** The document of the default version. */
    public String document() {
        return version(defaultVersionId).document();
    }

    public PolicyVersion version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst().orElse(null);
    }

    ManagedPolicyRecord withVersions(List<PolicyVersion> newVersions, String newDefault, Instant updated) {
        return new ManagedPolicyRecord(arn, path, name, policyId, newDefault, description, createDate, updated,
                newVersions, awsManaged);
    }
}
