package io.eksid.model.findings;

import io.eksid.model.ClusterInfo;
import io.eksid.model.OidcProvider;
import io.eksid.model.UnreadSources;
import io.eksid.model.RoleArn;
import io.eksid.model.graph.MappingCheck;
import io.eksid.model.graph.ResolvedRole;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.model.trust.TrustDecision;
import io.eksid.model.trust.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Findings about IRSA mappings: annotation, role, trust and OIDC provider (FACTS.md, IRSA). */
final class IrsaFindings {

    List<Finding> find(AnalysisContext ctx) {
        List<Finding> out = new ArrayList<>();
        List<ServiceAccountIdentity> annotated = ctx.graph().serviceAccounts().stream()
                .filter(sa -> sa.exists() && sa.hasIrsaAnnotation() && !sa.irsaShadowed()).toList();
        for (ServiceAccountIdentity sa : annotated) {
            mapping(ctx, sa, out);
        }
        provider(ctx, annotated, out);
        return out;
    }

    private void mapping(AnalysisContext ctx, ServiceAccountIdentity sa, List<Finding> out) {
        ClusterInfo cluster = ctx.cluster();
        String subject = sa.nodeId();
        if (sa.irsaAnnotationMalformed()) {
            out.add(Finding.of(FindingCode.IRSA_ANNOTATION_MALFORMED, subject, "Service account " + sa.ref()
                            + " is annotated with '" + sa.irsaAnnotation() + "', which is not a role ARN ("
                            + sa.irsaCheck().reason() + "). Its pods get AWS_ROLE_ARN with that value and STS "
                            + "rejects every AssumeRoleWithWebIdentity call.",
                    "Annotate it with the full role ARN: " + Fixes.annotate(sa.ref(), "arn:" + cluster.partition().id()
                            + ":iam::" + cluster.account() + ":role/<role-name>")));
            return;
        }
        RoleArn arn = sa.irsaRole();
        ResolvedRole role = ctx.graph().role(sa.irsaAnnotation()).orElseThrow();
        if (!arn.account().equals(cluster.account())) {
            out.add(Finding.of(FindingCode.IRSA_ROLE_OTHER_ACCOUNT, subject, "Service account " + sa.ref()
                            + " uses role " + arn + " in account " + arn.account() + ", not the cluster's account "
                            + cluster.account() + ". IRSA needs an IAM OIDC provider for this cluster's issuer in "
                            + "account " + arn.account() + "; Pod Identity cannot associate a foreign role directly.",
                    "Keep the OIDC provider in account " + arn.account() + " for as long as IRSA is used. To "
                            + "convert to Pod Identity, associate a role in account " + cluster.account()
                            + " that trusts pods.eks.amazonaws.com, with --target-role-arn " + arn
                            + ", and let " + arn.name() + " trust that role."));
        }
        switch (role.availability()) {
            case MISSING -> out.add(Finding.of(FindingCode.IRSA_ROLE_MISSING, subject, "Service account "
                            + sa.ref() + " is annotated with role " + arn + ", which does not exist ("
                            + role.problem() + "). Its pods cannot get credentials.",
                    "Create role " + arn.name() + (arn.path().equals("/") ? "" : " with path " + arn.path())
                            + " in account " + arn.account() + " trusting " + irsaStatement(cluster, sa)
                            + ", or point the annotation at an existing role: "
                            + Fixes.annotate(sa.ref(), "<role-arn>")));
            case UNREADABLE, NOT_READ -> out.add(Finding.of(FindingCode.IRSA_ROLE_UNREADABLE, subject,
                    "Service account " + sa.ref() + " uses role " + arn + ", but " + role.problem()
                            + ", so whether its trust admits the service account is unknown.",
                    "Allow iam:GetRole on " + arn + " to the identity the console uses (for another account: "
                            + "add a profile for account " + arn.account() + ")."));
            case READ -> trust(ctx, sa, arn, subject, out);
            case MALFORMED_ARN -> {
                // handled above: a malformed annotation has no RoleArn
            }
        }
    }

    private void trust(AnalysisContext ctx, ServiceAccountIdentity sa, RoleArn arn, String subject,
                       List<Finding> out) {
        MappingCheck check = sa.irsaCheck();
        TrustDecision d = check.decision();
        if (d == null) {
            return; // the trust policy did not parse: TRUST_POLICY_MALFORMED reports it once per role
        }
        if (d.verdict() == Verdict.EXPLICIT_DENY) {
            out.add(Finding.of(FindingCode.IRSA_TRUST_DENIES, subject, "Role " + arn.name()
                            + " explicitly denies service account " + sa.ref() + ": " + d.reason(),
                    "Remove or narrow the Deny statement " + (d.statementIndex() == null ? ""
                            : "#" + d.statementIndex() + " ") + "of " + arn.name() + "'s trust policy so it no "
                            + "longer matches " + sa.ref().subject() + ", then " + Fixes.updateTrust(arn)));
        } else if (d.verdict() == Verdict.NO_MATCHING_ALLOW) {
            out.add(Finding.of(FindingCode.IRSA_TRUST_DENIES, subject, "Role " + arn.name()
                            + " does not trust service account " + sa.ref() + ": " + d.reason(),
                    "Add this statement to " + arn.name() + "'s trust policy: " + irsaStatement(ctx.cluster(), sa)
                            + " then " + Fixes.updateTrust(arn)));
        } else if (d.verdict() == Verdict.UNPROVABLE) {
            out.add(Finding.of(FindingCode.IRSA_TRUST_UNPROVABLE, subject, "Whether role " + arn.name()
                            + " trusts service account " + sa.ref() + " depends on what cannot be checked from "
                            + "here: " + d.reason(),
                    "Confirm by starting a pod of " + sa.ref() + " and calling aws sts get-caller-identity in it."));
        }
    }

    private static String irsaStatement(ClusterInfo cluster, ServiceAccountIdentity sa) {
        String account = sa.irsaRole() == null ? cluster.account() : sa.irsaRole().account();
        String host = cluster.issuerHostPath().orElse("<issuer>");
        return Fixes.irsaStatement("arn:" + cluster.partition().id() + ":iam::" + account + ":oidc-provider/" + host,
                host, sa.ref(), sa.audience());
    }

    private void provider(AnalysisContext ctx, List<ServiceAccountIdentity> annotated, List<Finding> out) {
        ClusterInfo cluster = ctx.cluster();
        long inCluster = annotated.stream().filter(sa -> sa.irsaRole() != null
                && sa.irsaRole().account().equals(cluster.account())).count();
        if (annotated.isEmpty()) {
            return;
        }
        if (ctx.snapshot().unread().unknown(UnreadSources.AWS_CLUSTER)) {
            return; // without DescribeCluster the issuer is unknown, not missing
        }
        if (cluster.oidcIssuer() == null || cluster.oidcIssuer().isBlank()) {
            out.add(Finding.of(FindingCode.OIDC_ISSUER_MISSING, cluster.arn(), "Cluster " + cluster.name()
                            + " has no OIDC issuer, yet " + Fixes.plural(annotated.size(), "service account uses",
                            "service accounts use") + " IRSA: none of them can get credentials that way.",
                    "Use EKS Pod Identity for these service accounts (no OIDC issuer needed), or recreate the "
                            + "cluster with an OIDC issuer."));
            return;
        }
        String providerArn = cluster.oidcProviderArn().orElseThrow();
        boolean exists = ctx.snapshot().oidcProviders().stream().map(OidcProvider::arn)
                .anyMatch(providerArn::equals);
        if (!exists && inCluster > 0 && !ctx.snapshot().unread().unknown(UnreadSources.AWS_OIDC_PROVIDERS)) {
            out.add(Finding.of(FindingCode.OIDC_PROVIDER_MISSING, providerArn, "No IAM OIDC provider exists for "
                            + "cluster " + cluster.name() + "'s issuer " + cluster.oidcIssuer() + ": STS cannot "
                            + "validate the tokens of " + Fixes.plural(inCluster, "service account", "service accounts")
                            + " using IRSA roles in account " + cluster.account() + ".",
                    "eksctl utils associate-iam-oidc-provider --cluster " + cluster.name() + " --region "
                            + cluster.region() + " --approve (or aws iam create-open-id-connect-provider --url "
                            + cluster.oidcIssuer() + " --client-id-list sts.amazonaws.com)"));
        }
    }
}
