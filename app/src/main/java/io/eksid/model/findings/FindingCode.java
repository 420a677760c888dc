package io.eksid.model.findings;

/**
 * The findings catalogue. Codes are stable (scripts and {@code --output json} consumers match on them); the
 * severity here is the usual one, a finding may raise it (an over-quota trust is an error, not a warning).
 */
public enum FindingCode {
    IRSA_TRUST_DENIES(Severity.ERROR, "IRSA role does not trust the service account"),
    IRSA_TRUST_UNPROVABLE(Severity.INFO, "IRSA trust depends on conditions that cannot be checked offline"),
    IRSA_ROLE_OTHER_ACCOUNT(Severity.INFO, "IRSA role is in another account than the cluster"),
    IRSA_ROLE_MISSING(Severity.ERROR, "IRSA role does not exist"),
    IRSA_ROLE_UNREADABLE(Severity.WARNING, "IRSA role could not be read"),
    IRSA_ANNOTATION_MALFORMED(Severity.ERROR, "IRSA annotation is not a role ARN"),
    OIDC_PROVIDER_MISSING(Severity.ERROR, "IAM OIDC provider for the cluster's issuer is missing"),
    OIDC_ISSUER_MISSING(Severity.ERROR, "Cluster has no OIDC issuer but service accounts use IRSA"),
    POD_IDENTITY_TRUST_MISSING(Severity.ERROR, "Association role does not trust pods.eks.amazonaws.com"),
    POD_IDENTITY_TRUST_UNPROVABLE(Severity.INFO, "Association role trust depends on conditions that cannot be checked"),
    ASSOCIATION_ROLE_MISSING(Severity.ERROR, "Association role does not exist"),
    ASSOCIATION_ROLE_UNREADABLE(Severity.WARNING, "Association role could not be read"),
    ASSOCIATION_ROLE_OTHER_ACCOUNT(Severity.ERROR, "Association role is not in the cluster's account"),
    TARGET_ROLE_TRUST_DENIES(Severity.ERROR, "Target role does not trust the association role"),
    ASSOCIATION_ORPHANED(Severity.WARNING, "Association for a missing namespace or service account"),
    IRSA_SHADOWED_BY_ASSOCIATION(Severity.WARNING, "IRSA annotation shadowed by a Pod Identity association"),
    STALE_POD_CREDENTIALS(Severity.WARNING, "Pods run on credentials a new pod would not get"),
    POD_IDENTITY_AGENT_MISSING(Severity.ERROR, "Pod Identity agent add-on missing while associations exist"),
    POD_IDENTITY_AGENT_UNHEALTHY(Severity.ERROR, "Pod Identity agent add-on unhealthy"),
    POD_IDENTITY_UNSUPPORTED_CLUSTER(Severity.ERROR, "Cluster cannot run Pod Identity (region or platform version)"),
    POD_IDENTITY_UNSUPPORTED_PLACEMENT(Severity.ERROR, "Pod Identity on Fargate or Windows workloads"),
    WILDCARD_IRSA_TRUST(Severity.CRITICAL, "Trust admits every service account of a cluster or namespace"),
    TRUST_POLICY_NEAR_QUOTA(Severity.WARNING, "Trust policy close to the account's size quota"),
    TRUST_POLICY_MALFORMED(Severity.WARNING, "Trust policy could not be parsed"),
    IRSA_ROLE_MULTI_CLUSTER(Severity.INFO, "One IRSA role trusted by several clusters"),
    ASSOCIATION_OWNED_BY_ADDON(Severity.INFO, "Association owned by an EKS add-on"),
    ROLE_POLICY_ALLOWS_EVERYTHING(Severity.CRITICAL, "Role used by pods allows every action on every resource"),
    ROLE_POLICY_PASSROLE_ANY(Severity.CRITICAL, "Role used by pods allows iam:PassRole on every role"),
    SHARED_ROLE_WITHOUT_ABAC(Severity.WARNING, "Role shared by several namespaces without ABAC on the namespace"),
    SESSION_TAGS_DISABLED_ABAC(Severity.ERROR, "Session tags disabled where the role's policies use them");

    private final Severity severity;
    private final String title;

    FindingCode(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    public String code() {
        return name();
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }
}
