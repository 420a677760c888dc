package io.eksid.model.findings;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.PolicySize;
import io.eksid.model.trust.TrustInspector;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.model.trust.WildcardTrust;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Findings about each role's trust policy as a document: parse errors, wildcards, size, several clusters. */
final class TrustPolicyFindings {

    /** Warn above this share of the quota: converting adds a statement of roughly a hundred characters. */
    static final double NEAR_QUOTA = 0.9;

    private final TrustInspector inspector;

    TrustPolicyFindings(TrustInspector inspector) {
        this.inspector = inspector;
    }

    List<Finding> find(AnalysisContext ctx) {
        ClusterSnapshot snapshot = ctx.snapshot();
        List<Finding> out = new ArrayList<>();
        List<IamRole> roles = new ArrayList<>(snapshot.roles().values());
        roles.sort(Comparator.comparing(r -> r.arn().toString()));
        for (IamRole role : roles) {
            String subject = role.arn().toString();
            TrustPolicy policy;
            try {
                policy = TrustPolicy.parse(role.trustPolicyJson());
            } catch (PolicyParseException e) {
                out.add(Finding.of(FindingCode.TRUST_POLICY_MALFORMED, subject, "The trust policy of role "
                                + role.name() + " could not be parsed: " + e.getMessage() + ". Nothing that "
                                + "depends on it can be proved.",
                        "Inspect it with aws iam get-role --role-name " + role.name()
                                + " --query Role.AssumeRolePolicyDocument and report the document if IAM accepts it."));
                continue;
            }
            wildcards(role, policy, out);
            size(role, snapshot.trustPolicyQuota(), out);
            multiCluster(role, policy, out);
        }
        return out;
    }

    private void wildcards(IamRole role, TrustPolicy policy, List<Finding> out) {
        String subject = role.arn().toString();
        for (WildcardTrust w : inspector.wildcardIrsaSubjects(policy)) {
            boolean wide = WildcardScope.wholeCluster(w);
            out.add(Finding.of(FindingCode.WILDCARD_IRSA_TRUST, wide ? Severity.CRITICAL : Severity.WARNING, subject,
                    "Role " + role.name() + " trusts " + WildcardScope.describe(w) + " in statement "
                            + WildcardScope.statement(w) + ": any of them can assume it.",
                    "In statement " + WildcardScope.statement(w) + " of " + role.name() + "'s trust policy, replace "
                            + "the pattern with the exact subjects under StringEquals, e.g. \"" + w.issuer()
                            + ":sub\": [\"system:serviceaccount:<namespace>:<name>\"], then aws iam "
                            + "update-assume-role-policy --role-name " + role.name()
                            + " --policy-document file://trust.json"));
        }
        for (TrustInspector.UnrestrictedIrsa u : inspector.irsaStatementsWithoutSubject(policy)) {
            out.add(Finding.of(FindingCode.WILDCARD_IRSA_TRUST, Severity.CRITICAL, subject, "Role " + role.name()
                            + " trusts OIDC provider " + u.providerArn() + " in statement #" + u.statementIndex()
                            + " without any :sub condition: every service account of that cluster can assume it.",
                    "Add a StringEquals condition on \"" + u.providerArn().substring(u.providerArn()
                            .indexOf(":oidc-provider/") + ":oidc-provider/".length()) + ":sub\" naming the "
                            + "service accounts that need the role (system:serviceaccount:<namespace>:<name>), then "
                            + "aws iam update-assume-role-policy --role-name " + role.name()
                            + " --policy-document file://trust.json"));
        }
    }

    /** IAM does not count white space against the "Role trust policy length" quota (FACTS.md, IAM). */
    private static void size(IamRole role, int quota, List<Finding> out) {
        PolicySize size = PolicySize.measure(role.trustPolicyJson(), quota);
        if (size.ratio() <= NEAR_QUOTA) {
            return;
        }
        String pct = String.format(Locale.ROOT, "%.0f%%", size.ratio() * 100);
        int pi = PolicySize.measure(Fixes.podIdentityStatement(), quota).characters() + 1;
        String message = size.fits()
                ? "The trust policy of role " + role.name() + " uses " + size.characters() + " of " + quota
                + " characters (" + pct + ", white space not counted)"
                + (size.characters() + pi > quota ? "; adding the Pod Identity statement (" + pi
                + " characters) would exceed the quota." : ".")
                : "The trust policy of role " + role.name() + " is " + size.characters() + " characters, "
                + size.overBy() + " over the account's quota of " + quota + ": IAM will refuse any update to it.";
        out.add(Finding.of(FindingCode.TRUST_POLICY_NEAR_QUOTA, size.fits() ? Severity.WARNING : Severity.ERROR,
                role.arn().toString(), message,
                "Merge statements that differ only in their :sub value into one StringEquals list, drop trust for "
                        + "clusters that no longer exist, or raise the IAM quota \"Role trust policy length\" "
                        + "in Service Quotas."));
    }

    private static void multiCluster(IamRole role, TrustPolicy policy, List<Finding> out) {
        Set<String> providers = policy.federatedOidcProviderArns();
        if (providers.size() < 2) {
            return;
        }
        out.add(Finding.of(FindingCode.IRSA_ROLE_MULTI_CLUSTER, role.arn().toString(), "Role " + role.name()
                        + " trusts " + providers.size() + " OIDC providers (" + String.join(", ", providers)
                        + "): one statement per cluster, growing with every cluster.",
                "Consolidation candidate: with EKS Pod Identity one statement trusting pods.eks.amazonaws.com "
                        + "serves every cluster in the account (" + Fixes.podIdentityStatement() + "); convert the "
                        + "service accounts, then remove the per-cluster OIDC statements."));
    }
}
