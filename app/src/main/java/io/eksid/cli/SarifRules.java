package io.eksid.cli;

import io.eksid.model.findings.FindingCode;
import io.eksid.model.findings.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The SARIF rule of every finding code: what it means (full description) and how to fix it (help in Markdown),
 * with the tags code-scanning tools filter on. The short description is the catalogue's title.
 */
final class SarifRules {

    /** One rule's texts; {@code help} is Markdown. */
    record Rule(String fullDescription, String help, List<String> tags) {
    }

    private static final Map<FindingCode, Rule> RULES = new EnumMap<>(FindingCode.class);

    private static void rule(FindingCode code, String full, String help, String... tags) {
        RULES.put(code, new Rule(full, help, List.of(tags)));
    }

    static {
        rule(FindingCode.IRSA_TRUST_DENIES, "The role named in the service account's eks.amazonaws.com/role-arn "
                + "annotation has no trust statement that lets this service account call "
                + "sts:AssumeRoleWithWebIdentity through the cluster's OIDC provider, so its pods get no credentials.",
                "Add a statement for the cluster's OIDC provider with `StringEquals` on `<issuer>:sub = "
                + "system:serviceaccount:<namespace>:<name>` and `<issuer>:aud = sts.amazonaws.com` to the role's "
                + "trust policy (`aws iam update-assume-role-policy`), or point the annotation at the right role.",
                "security", "irsa", "trust-policy");
        rule(FindingCode.IRSA_TRUST_UNPROVABLE, "The role's trust depends on condition keys that are only known "
                + "when the pod calls STS, so whether the service account may assume it cannot be decided offline.",
                "Check the conditions named in the finding; prefer `StringEquals` on `:sub` and `:aud` only.",
                "irsa", "trust-policy");
        rule(FindingCode.IRSA_ROLE_OTHER_ACCOUNT, "The IRSA role lives in another AWS account than the cluster. "
                + "That works when that account registers the cluster's OIDC issuer, but a Pod Identity association "
                + "needs a role in the cluster's account and targetRoleArn for the other one.",
                "When converting, create a role in the cluster's account that trusts `pods.eks.amazonaws.com` and "
                + "set the association's `targetRoleArn` to this role; this role must then trust that one.",
                "irsa", "cross-account");
        rule(FindingCode.IRSA_ROLE_MISSING, "The IAM role named by the IRSA annotation does not exist: pods of "
                + "this service account fail to get credentials.",
                "Create the role, or fix the `eks.amazonaws.com/role-arn` annotation to name an existing role.",
                "security", "irsa");
        rule(FindingCode.IRSA_ROLE_UNREADABLE, "The IAM role named by the IRSA annotation could not be read "
                + "(access denied or another account), so its trust could not be checked.",
                "Grant `iam:GetRole` on the role to the scanning identity, or scan with that account's profile.",
                "irsa");
        rule(FindingCode.IRSA_ANNOTATION_MALFORMED, "The eks.amazonaws.com/role-arn annotation is not a valid "
                + "IAM role ARN, so the pod identity webhook injects nothing usable.",
                "Set the annotation to `arn:<partition>:iam::<account>:role/<path/><name>`.",
                "security", "irsa");
        rule(FindingCode.OIDC_PROVIDER_MISSING, "The account has no IAM OIDC identity provider for the "
                + "cluster's issuer, so no IRSA mapping of the cluster can work.",
                "Register the issuer: `eksctl utils associate-iam-oidc-provider --cluster <name> --approve` or "
                + "`aws iam create-open-id-connect-provider` with audience `sts.amazonaws.com`.",
                "security", "irsa", "oidc");
        rule(FindingCode.OIDC_ISSUER_MISSING, "Service accounts carry IRSA annotations but the cluster reports "
                + "no OIDC issuer, so web identity tokens cannot be issued for them.",
                "Use EKS Pod Identity associations instead, or recreate the mappings on a cluster with an issuer.",
                "irsa", "oidc");
        rule(FindingCode.POD_IDENTITY_TRUST_MISSING, "The association's role does not trust the service "
                + "principal pods.eks.amazonaws.com for both sts:AssumeRole and sts:TagSession, so EKS Pod Identity "
                + "cannot hand its credentials to the pods.",
                "Add `{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}` to the role's trust policy.",
                "security", "pod-identity", "trust-policy");
        rule(FindingCode.POD_IDENTITY_TRUST_UNPROVABLE, "The association role's trust depends on conditions "
                + "that cannot be checked offline.",
                "Check the conditions named in the finding against the session tags EKS Pod Identity sets.",
                "pod-identity", "trust-policy");
        rule(FindingCode.ASSOCIATION_ROLE_MISSING, "The role of a Pod Identity association does not exist: "
                + "pods of the service account get no credentials.",
                "Create the role, or update the association (`aws eks update-pod-identity-association`) to an "
                + "existing role.", "security", "pod-identity");
        rule(FindingCode.ASSOCIATION_ROLE_UNREADABLE, "The association's role could not be read, so its trust "
                + "could not be checked.", "Grant `iam:GetRole` on the role to the scanning identity.",
                "pod-identity");
        rule(FindingCode.ASSOCIATION_ROLE_OTHER_ACCOUNT, "A Pod Identity association's role must be in the "
                + "cluster's account; a role in another account is reached with targetRoleArn.",
                "Associate a role of the cluster's account and set `targetRoleArn` to the other account's role.",
                "security", "pod-identity", "cross-account");
        rule(FindingCode.TARGET_ROLE_TRUST_DENIES, "The association's target role does not trust its role "
                + "for sts:AssumeRole and sts:TagSession, so the role chain breaks.",
                "Add a statement trusting the association role (AWS principal) for `sts:AssumeRole` and "
                + "`sts:TagSession` to the target role's trust policy.", "security", "pod-identity", "cross-account");
        rule(FindingCode.ASSOCIATION_ORPHANED, "A Pod Identity association names a namespace or service account "
                + "that does not exist in the cluster.",
                "Delete the association (`aws eks delete-pod-identity-association`) or create the service account.",
                "pod-identity", "hygiene");
        rule(FindingCode.IRSA_SHADOWED_BY_ASSOCIATION, "The service account has both an IRSA annotation and a "
                + "Pod Identity association; new pods get Pod Identity, so the annotation only misleads.",
                "After the pods run on Pod Identity, remove the annotation and the role's `:sub` entry for it.",
                "irsa", "pod-identity", "hygiene");
        rule(FindingCode.STALE_POD_CREDENTIALS, "Running pods still use the credentials they were given when "
                + "they started; a pod created now would get others (credentials are injected at creation only).",
                "Restart the workload (`kubectl rollout restart`) so its pods pick up the current identity.",
                "pod-identity", "irsa");
        rule(FindingCode.POD_IDENTITY_AGENT_MISSING, "The cluster has Pod Identity associations but the "
                + "eks-pod-identity-agent add-on is not installed, so no pod can get their credentials.",
                "Install the add-on: `aws eks create-addon --cluster-name <name> --addon-name "
                + "eks-pod-identity-agent`.", "security", "pod-identity", "agent");
        rule(FindingCode.POD_IDENTITY_AGENT_UNHEALTHY, "The eks-pod-identity-agent add-on is not ACTIVE or its "
                + "DaemonSet has no ready pods.",
                "Check the add-on's health issues (`aws eks describe-addon`) and the DaemonSet's pods.",
                "pod-identity", "agent");
        rule(FindingCode.POD_IDENTITY_UNSUPPORTED_CLUSTER, "The cluster's region or platform version cannot "
                + "run EKS Pod Identity.",
                "Keep IRSA on this cluster, or upgrade it to a platform version that supports Pod Identity.",
                "pod-identity");
        rule(FindingCode.POD_IDENTITY_UNSUPPORTED_PLACEMENT, "Workloads on Fargate or Windows nodes cannot use "
                + "EKS Pod Identity.", "Keep IRSA for these workloads.", "pod-identity");
        rule(FindingCode.WILDCARD_IRSA_TRUST, "The role's trust uses a wildcard (or no :sub condition at all) "
                + "for the service account subject, so every service account it matches can assume the role.",
                "Replace the pattern with the exact subjects under `StringEquals`, e.g. `\"<issuer>:sub\": "
                + "[\"system:serviceaccount:<namespace>:<name>\"]`, then `aws iam update-assume-role-policy`.",
                "security", "irsa", "trust-policy", "least-privilege");
        rule(FindingCode.TRUST_POLICY_NEAR_QUOTA, "The trust policy is close to (or over) the account's size "
                + "quota; adding the Pod Identity statement may be refused.",
                "Move service accounts to Pod Identity and remove their `:sub` entries, or raise the quota.",
                "trust-policy", "quota");
        rule(FindingCode.TRUST_POLICY_MALFORMED, "The role's trust policy could not be parsed.",
                "Rewrite the trust policy as valid IAM policy JSON.", "trust-policy");
        rule(FindingCode.IRSA_ROLE_MULTI_CLUSTER, "One IRSA role is trusted through several clusters' OIDC "
                + "providers.", "Keep one statement per cluster; convert each cluster's mappings separately.",
                "irsa");
        rule(FindingCode.ASSOCIATION_OWNED_BY_ADDON, "An EKS add-on owns this association; it is managed with "
                + "the add-on.", "Change it through the add-on's configuration, not directly.", "pod-identity");
        rule(FindingCode.ROLE_POLICY_ALLOWS_EVERYTHING, "A role that pods use has a policy allowing every action "
                + "on every resource (\"Action\": \"*\", \"Resource\": \"*\"), so any code in those pods is an "
                + "administrator of the account.",
                "Replace the statement with the actions and resources the workload needs; IAM Access Analyzer can "
                + "generate a policy from the role's CloudTrail activity.", "security", "least-privilege", "iam");
        rule(FindingCode.ROLE_POLICY_PASSROLE_ANY, "A role that pods use may pass every role (iam:PassRole on "
                + "\"*\"), so those pods can hand themselves any role through a service that accepts one.",
                "Limit `iam:PassRole` to the role ARNs the workload must pass, with `iam:PassedToService`.",
                "security", "least-privilege", "iam");
        rule(FindingCode.SHARED_ROLE_WITHOUT_ABAC, "Several namespaces use one role and its policies do not "
                + "condition on the kubernetes-namespace session tag, so each tenant can reach the others' data.",
                "Scope the policy with `aws:PrincipalTag/kubernetes-namespace` (Pod Identity session tags), or give "
                + "each namespace its own role.", "security", "pod-identity", "abac");
        rule(FindingCode.SESSION_TAGS_DISABLED_ABAC, "An association disables session tags while the role's "
                + "policies condition on them, so the conditions never match and the pods are denied (or, with "
                + "negated conditions, allowed too much).",
                "Enable session tags on the association (`disableSessionTags = false`), or remove the tag "
                + "conditions from the role's policies.", "security", "pod-identity", "abac");
    }

    private SarifRules() {
    }

    /** The rule's texts; a code added to the catalogue without its own texts still gets its title. */
    static Rule of(FindingCode code) {
        Rule r = RULES.get(code);
        return r != null ? r : new Rule(code.title() + ".", "See the finding's fix.", List.of("eksid"));
    }

    /** SARIF level: errors and critical exposures are errors, warnings warnings, the rest notes. */
    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** GitHub code scanning's security-severity score: over 9 critical, 7 to 8.9 high, 4 to 6.9 medium, low. */
    static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case ERROR -> "7.5";
            case WARNING -> "5.0";
            case INFO -> "2.0";
        };
    }
}
