package io.eksid.sandbox.aws;

import java.util.Objects;

/**
 * One emulated AWS account and the single IAM user whose access key calls into it. The key pair
 * chooses the account on every request, like real AWS credentials do.
 */
public final class Account {

    static final String CALLER_USER_NAME = "sandbox-admin";

    private final String accountId;
    private final String accessKeyId;
    private final String secretAccessKey;
    private volatile int trustPolicyQuota;
    private final java.util.Set<String> deniedIamActions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Account(String accountId, String accessKeyId, String secretAccessKey, int trustPolicyQuota) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.trustPolicyQuota = trustPolicyQuota;
    }

    public String accountId() {
        return accountId;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public String partition() {
        return "aws";
    }

    /** "Role trust policy length" quota: the most non-white-space characters a trust policy may have. */
    public int trustPolicyQuota() {
        return trustPolicyQuota;
    }

    /** Accounts can ask AWS to raise the quota (IAM user guide, quotas); scenarios use this. */
    public void setTrustPolicyQuota(int quota) {
        if (quota < 1) {
            throw new IllegalArgumentException("trust policy quota must be positive, got " + quota);
        }
        this.trustPolicyQuota = quota;
    }

    /**
     * Makes IAM answer AccessDenied to this account's caller for an action ({@code GetAccountAuthorizationDetails}),
     * the way a narrowly scoped IAM policy would; how scenarios and tests exercise the readers' fallbacks.
     */
    public void denyIamAction(String action) {
        deniedIamActions.add(Objects.requireNonNull(action, "action"));
    }

    public void allowIamAction(String action) {
        deniedIamActions.remove(action);
    }

    boolean iamActionDenied(String action) {
        return deniedIamActions.contains(action);
    }

    /** The ARN of the calling identity, as STS GetCallerIdentity reports it. */
    public String callerArn() {
        return "arn:" + partition() + ":iam::" + accountId + ":user/" + CALLER_USER_NAME;
    }

    /** The unique id of the calling IAM user ({@code AIDA...}), stable per account. */
    public String callerUserId() {
        String digits = accountId.replaceAll("[^0-9]", "");
        return "AIDA" + ("SANDBOX" + digits + "XXXXXXXXXXXXXX").substring(0, 17);
    }

    @Override
    public String toString() {
        return "Account[" + accountId + ", accessKeyId=" + accessKeyId + "]";
    }
}
