package io.eksid.sandbox.scenario;

import static io.eksid.sandbox.scenario.AcmeScenario.ACCOUNT;
import static io.eksid.sandbox.scenario.AcmeScenario.STAGING_ISSUER_URL;
import static io.eksid.sandbox.scenario.AcmeScenario.host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code acme-staging}'s permission cases: tenants sharing one role through Pod Identity and kept apart by ABAC on
 * the {@code kubernetes-namespace} and {@code kubernetes-pod-name} session tags (EKS UG, pod-id-abac), a
 * permissions boundary, an association with a session policy, the same ABAC policy defeated by
 * {@code disableSessionTags}, and a platform controller with AdministratorAccess. Cases are marked {@code case:}
 * with the id used in {@link AcmeCases}.
 */
final class AcmeStagingPermissions {

    static final String TENANT_BUCKET = "acme-tenant-data";
    static final String REPORTS_BUCKET = "acme-reports";
    private static final String ECR = "111122223333.dkr.ecr.us-west-2.amazonaws.com/";

    /** Each tenant namespace reads its own prefix; only the API pods (not the migration job) may write it. */
    static final String TENANT_DATA_ABAC = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "ReadOwnNamespacePrefix",
                  "Effect": "Allow",
                  "Action": "s3:GetObject",
                  "Resource": "arn:aws:s3:::%1$s/${aws:PrincipalTag/kubernetes-namespace}/*"
                },
                {
                  "Sid": "ListOwnNamespacePrefix",
                  "Effect": "Allow",
                  "Action": "s3:ListBucket",
                  "Resource": "arn:aws:s3:::%1$s",
                  "Condition": {"StringLike": {"s3:prefix": "${aws:PrincipalTag/kubernetes-namespace}/*"}}
                },
                {
                  "Sid": "WriteFromApiPodsOnly",
                  "Effect": "Allow",
                  "Action": "s3:PutObject",
                  "Resource": "arn:aws:s3:::%1$s/${aws:PrincipalTag/kubernetes-namespace}/*",
                  "Condition": {"StringLike": {"aws:PrincipalTag/kubernetes-pod-name": "tenant-api-*"}}
                }
              ]
            }
            """.formatted(TENANT_BUCKET);

    /** The most any workload role may do, whatever its policies say. */
    static final String WORKLOAD_BOUNDARY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"WorkloadCeiling","Effect":"Allow","Action":["s3:Get*",\
            "s3:List*","s3:PutObject","sqs:*","dynamodb:*","logs:*"],"Resource":"*"}]}""";

    /** The reporting association may read the reports bucket only, although its role reads every bucket. */
    static final String REPORTS_SESSION_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],\
            "Resource":["arn:aws:s3:::%1$s","arn:aws:s3:::%1$s/*"]}]}""".formatted(REPORTS_BUCKET);

    private final ClusterScript k;
    private final ScenarioSink sink;

    AcmeStagingPermissions(ClusterScript k, ScenarioSink sink) {
        this.k = k;
        this.sink = sink;
    }

    void seed() {
        String abac = sink.managedPolicy(ACCOUNT, "/abac/", "acme-tenant-data-abac", TENANT_DATA_ABAC,
                "Tenant data, one S3 prefix per Kubernetes namespace (Pod Identity session tags)");
        String boundary = sink.managedPolicy(ACCOUNT, "/boundaries/", "acme-workload-boundary", WORKLOAD_BOUNDARY,
                "Permissions boundary of every workload role");
        tenants(abac, boundary);
        exporter(abac);
        reporting(boundary);
        crossplane();
    }

    private void tenants(String abac, String boundary) {
        // case: abac-shared-role: one role for every tenant namespace; the session tags keep them apart.
        String role = sink.role(ACCOUNT, "/", "acme-staging-tenant-data", AcmeTrustPolicies.podIdentity(ACCOUNT),
                "Tenant APIs in acme-staging, separated by ABAC on the namespace session tag");
        sink.attachRolePolicy(role, abac);
        // case: permissions-boundary: the tenants' role is capped by the workload boundary.
        sink.permissionsBoundary(role, boundary);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "tenancy");
        tags.put("data-classification", "internal");
        sink.tagRole(role, tags);
        for (String ns : new String[] {"tenant-a", "tenant-b"}) {
            k.namespace(ns, "tenancy");
            k.plainServiceAccount(ns, "tenant-api");
            k.association(ns, "tenant-api", role);
            k.deployment(ns, "tenant-api", "tenant-api", 2, PodTemplate.linux(ECR + "tenant-api:3.1.0-rc.1", k.daysAgo(1)));
        }
        // The migration job runs as the same service account but is not a tenant-api-* pod: it may read, not write.
        k.deployment("tenant-a", "tenant-migrate", "tenant-api", 1,
                PodTemplate.linux(ECR + "tenant-migrate:3.1.0-rc.1", k.daysAgo(1)));
    }

    private void exporter(String abac) {
        // case: abac-session-tags-disabled: the association sends no session tags, so the ABAC policy never matches.
        String role = sink.role(ACCOUNT, "/", "acme-staging-tenant-exporter", AcmeTrustPolicies.podIdentity(ACCOUNT),
                "Nightly tenant export in acme-staging");
        sink.attachRolePolicy(role, abac);
        k.namespace("tenant-exports", "tenancy");
        k.plainServiceAccount("tenant-exports", "exporter");
        sink.association(k.cluster(), "tenant-exports", "exporter", role, null, true, null);
        k.deployment("tenant-exports", "exporter", "exporter", 1,
                PodTemplate.linux(ECR + "tenant-exporter:1.4.2", k.daysAgo(1)));
    }

    private void reporting(String boundary) {
        // case: session-policy: the association's session policy narrows a read-everything role to one bucket.
        String role = sink.role(ACCOUNT, "/", "acme-staging-report-reader", AcmeTrustPolicies.podIdentity(ACCOUNT),
                "Reporting in acme-staging");
        sink.attachRolePolicy(role, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        sink.permissionsBoundary(role, boundary);
        k.namespace("reporting", "finance");
        k.plainServiceAccount("reporting", "report-reader");
        sink.associationWithSessionPolicy(k.cluster(), "reporting", "report-reader", role, REPORTS_SESSION_POLICY);
        k.deployment("reporting", "report-reader", "report-reader", 1,
                PodTemplate.linux(ECR + "report-reader:0.8.0", k.daysAgo(2)));
    }

    private void crossplane() {
        // case: admin-policy: a platform controller on IRSA with AdministratorAccess (*:*).
        String role = sink.role(ACCOUNT, "/", "acme-staging-crossplane",
                AcmeTrustPolicies.irsa(ACCOUNT, host(STAGING_ISSUER_URL), "platform-tools", "crossplane"),
                "Crossplane AWS provider in acme-staging");
        sink.attachRolePolicy(role, "arn:aws:iam::aws:policy/AdministratorAccess");
        k.irsaServiceAccount("platform-tools", "crossplane", role);
        k.deployment("platform-tools", "crossplane", "crossplane", 1,
                PodTemplate.linux("xpkg.upbound.io/crossplane/crossplane:v1.18.1", k.daysAgo(5)));
    }
}
