package io.eksid.sandbox.scenario;

import static io.eksid.sandbox.scenario.AcmeScenario.PROD;
import static io.eksid.sandbox.scenario.AcmeScenario.STAGING;

import java.util.List;

/** The catalogue of deliberately seeded cases in the acme scenario, in the order docs/sandbox.md lists them. */
final class AcmeCases {

    static final List<ScenarioCase> ALL = List.of(
            new ScenarioCase("shared-role", PROD, "catalog, search, orders", "catalog-api, search-indexer, orders-api",
                    "role acme-prod-catalog-reader is shared by 3 service accounts; convert it once, not three times"),
            new ScenarioCase("role-path", PROD, "payments", "payments-api",
                    "role ARN with path role/teams/payments/payments-api; the role name is payments-api"),
            new ScenarioCase("cross-account-irsa", PROD, "payments", "ledger-writer",
                    "IRSA role in account 444455556666; converting needs a source role here plus targetRoleArn"),
            new ScenarioCase("cross-account-association", STAGING, "payments", "ledger-writer",
                    "association with targetRoleArn chaining into 444455556666 (healthy)"),
            new ScenarioCase("broken-irsa-trust", PROD, "checkout", "checkout-worker",
                    "annotated role does not trust this SA: its :sub names checkout-worker-v1"),
            new ScenarioCase("wildcard-trust", PROD, "monitoring", "prometheus, cloudwatch-exporter",
                    "StringLike system:serviceaccount:monitoring:* lets any SA in the namespace assume the role"),
            new ScenarioCase("irsa-and-association", PROD, "notifications", "notifications-sender",
                    "both IRSA annotation and association; Pod Identity wins for new pods"),
            new ScenarioCase("association-without-tagsession", PROD, "orders", "orders-fulfillment",
                    "association role trusts pods.eks.amazonaws.com for sts:AssumeRole but not sts:TagSession"),
            new ScenarioCase("association-role-untrusted", STAGING, "catalog", "catalog-api",
                    "association role has no pods.eks.amazonaws.com statement at all"),
            new ScenarioCase("association-missing-sa", PROD, "ml-training", "trainer-legacy",
                    "association for a service account that does not exist"),
            new ScenarioCase("fargate-irsa", PROD, "batch-fargate", "report-generator, invoice-exporter",
                    "pods on Fargate: Pod Identity unsupported, conversion refused"),
            new ScenarioCase("windows-workload", PROD, "orders", "legacy-invoicing",
                    "pods on a Windows node: Pod Identity unsupported, conversion refused"),
            new ScenarioCase("addon-irsa", PROD, "kube-system", "aws-node, ebs-csi-controller-sa",
                    "vpc-cni and aws-ebs-csi-driver add-ons use IRSA via serviceAccountRoleArn: migrate via the add-on"),
            new ScenarioCase("addon-owned-association", STAGING, "kube-system", "ebs-csi-controller-sa",
                    "association owned by the aws-ebs-csi-driver add-on (ownerArn): read-only"),
            new ScenarioCase("trust-near-quota", PROD + ", " + STAGING, "data-pipeline",
                    "kafka-connect, airflow-scheduler, etl-runner",
                    "role acme-data-pipeline-etl trust policy uses ~1,940 of 2,048 characters (over 90%)"),
            new ScenarioCase("stale-pods-irsa", PROD, "data-pipeline", "etl-runner",
                    "association exists but running pods still carry IRSA variables: restart needed"),
            new ScenarioCase("stale-pods-none", STAGING, "search", "search-api",
                    "association exists but running pods carry no AWS variables: restart needed"),
            new ScenarioCase("irsa-two-clusters", PROD + ", " + STAGING, "platform-tools", "external-secrets",
                    "role acme-external-secrets trusted by both clusters' OIDC providers; "
                            + "removing one cluster's :sub must keep the other's"),
            new ScenarioCase("agent-missing-prod", PROD, "kube-system", "-",
                    "eks-pod-identity-agent add-on missing while associations exist; conversion installs it first"),
            new ScenarioCase("agent-installed-staging", STAGING, "kube-system", "-",
                    "agent add-on ACTIVE, DaemonSet running on every node"),
            new ScenarioCase("abac-shared-role", STAGING, "tenant-a, tenant-b", "tenant-api",
                    "role acme-staging-tenant-data shared by two namespaces, kept apart by ABAC on the "
                            + "kubernetes-namespace session tag; only tenant-api-* pods may write"),
            new ScenarioCase("permissions-boundary", STAGING, "tenant-a, tenant-b, reporting", "tenant-api, report-reader",
                    "roles capped by the acme-workload-boundary permissions boundary"),
            new ScenarioCase("session-policy", STAGING, "reporting", "report-reader",
                    "association session policy narrows AmazonS3ReadOnlyAccess to the acme-reports bucket"),
            new ScenarioCase("abac-session-tags-disabled", STAGING, "tenant-exports", "exporter",
                    "association with disableSessionTags while the role's policy uses "
                            + "aws:PrincipalTag/kubernetes-namespace: it can never match"),
            new ScenarioCase("admin-policy", STAGING, "platform-tools", "crossplane",
                    "IRSA role with AdministratorAccess (*:*) used by a pod"));

    private AcmeCases() {
    }
}
