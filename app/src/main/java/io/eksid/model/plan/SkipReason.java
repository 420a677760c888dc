package io.eksid.model.plan;

/** Why a selected service account is not converted. Each skipped item also carries a human detail. */
public enum SkipReason {
    /** The selection names a service account the cluster does not have. */
    SERVICE_ACCOUNT_MISSING,
    /** The service account has no {@code eks.amazonaws.com/role-arn} annotation: nothing to convert. */
    NO_IRSA_ANNOTATION,
    /** The annotation is not a valid IAM role ARN. */
    MALFORMED_ROLE_ARN,
    /** The role exists but could not be read (access denied, no profile for its account, ...). */
    ROLE_UNREADABLE,
    /** GetRole said the role does not exist. */
    ROLE_MISSING,
    /** The role's trust policy could not be parsed. */
    TRUST_POLICY_INVALID,
    /** A Deny statement of the trust policy blocks Pod Identity; adding an Allow cannot help. */
    TRUST_POLICY_DENIES,
    /** Adding the Pod Identity statement would exceed the account's trust policy length quota. */
    TRUST_POLICY_QUOTA,
    /** An association for the service account exists with another role: the user must decide. */
    ASSOCIATION_CONFLICT,
    /** An add-on owns the service account's association: it is managed through the add-on, not by hand. */
    ADDON_OWNED_ASSOCIATION,
    /** Pods of the service account run on Fargate, which Pod Identity does not support. */
    FARGATE_WORKLOAD,
    /** Pods of the service account run on Windows nodes, which Pod Identity does not support. */
    WINDOWS_WORKLOAD,
    /** The role is in another account and cross-account chaining is disabled. */
    CROSS_ACCOUNT_DISABLED,
    /** The cross-account target role must first trust the bridge role; its owner has been asked. */
    TARGET_TRUST_PENDING,
    /** The cluster cannot run Pod Identity at all (China region). */
    CLUSTER_UNSUPPORTED
}
