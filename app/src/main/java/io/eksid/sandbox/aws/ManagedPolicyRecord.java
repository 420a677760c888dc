package io.eksid.sandbox.aws;

import java.time.Instant;

/** A managed policy: AWS-managed (account {@code aws} in its ARN) or customer-managed ("Local"). */
public record ManagedPolicyRecord(
        String arn,
        String path,
        String name,
        String policyId,
        String defaultVersionId,
        String description,
        Instant createDate,
        Instant updateDate,
        String document,
        boolean awsManaged) {
}
