package io.eksid.sandbox.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The default sandbox world: ACME runs payments and retail workloads on two EKS clusters in account
 * 111122223333 ({@code acme-prod}, {@code acme-staging}, us-west-2), and keeps its ledger in a second account,
 * 444455556666, that owns a cross-account role. Most service accounts are healthy IRSA mappings a conversion
 * will move; around them sits every case the findings catalogue knows, each seeded on purpose and listed in
 * {@link #cases()} (documented for humans in docs/sandbox.md).
 */
public final class AcmeScenario {

    public static final String ACCOUNT = "111122223333";
    public static final String LEDGER_ACCOUNT = "444455556666";
    public static final String REGION = "us-west-2";
    public static final String PROD = "acme-prod";
    public static final String STAGING = "acme-staging";
    public static final String K8S_VERSION = "1.31";
    public static final String PLATFORM_VERSION = "eks.12";
    /** Issuers are {@code https://oidc.eks.<region>.amazonaws.com/id/<32 upper-case hex>} (EKS UG). */
    public static final String PROD_ISSUER_URL =
            "https://oidc.eks.us-west-2.amazonaws.com/id/B7E3A91C4D2F6085E1C3A7D9F0B24E68";
    public static final String STAGING_ISSUER_URL =
            "https://oidc.eks.us-west-2.amazonaws.com/id/4F1D8C2B7A9E3065D4C1B8A2F7E9D3C5";
    /** Static keys of the sandbox profiles: fake by construction, they only open the emulator. */
    public static final String ACCESS_KEY_ID = "AKIAEKSIDSANDBOX1111";
    public static final String SECRET_KEY = "sandbox/111122223333/wJalrXUtnFEMIK7MDENG";
    public static final String LEDGER_ACCESS_KEY_ID = "AKIAEKSIDSANDBOX4444";
    public static final String LEDGER_SECRET_KEY = "sandbox/444455556666/bPxRfiCYEXAMPLEKEY00";
    /** The default "Role trust policy length" quota (IAM quotas page). */
    public static final int TRUST_POLICY_QUOTA = 2048;
    /** The EKS-managed OIDC issuers' root CA thumbprint, as {@code eksctl} registers it. */
    static final String ISSUER_THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

    public static final String AGENT_ADDON = "eks-pod-identity-agent";

    private final Instant now;

    /** @param now the moment the world is seeded; pod start times are set relative to it */
    public AcmeScenario(Instant now) {
        this.now = Objects.requireNonNull(now, "now");
    }

    /** Roles used by both clusters; created before either cluster's workloads. */
    record SharedRoles(String externalSecrets, String dataPipeline, String ledgerTarget, String ledgerSource) {
    }

    /** Writes the whole world, in an order that makes stale pods stale (see {@link ScenarioSink}). */
    public void seed(ScenarioSink sink) {
        sink.account(ACCOUNT, ACCESS_KEY_ID, SECRET_KEY, TRUST_POLICY_QUOTA);
        sink.account(LEDGER_ACCOUNT, LEDGER_ACCESS_KEY_ID, LEDGER_SECRET_KEY, TRUST_POLICY_QUOTA);
        sink.cluster(ACCOUNT, REGION, PROD, K8S_VERSION, PLATFORM_VERSION, PROD_ISSUER_URL, false);
        sink.cluster(ACCOUNT, REGION, STAGING, K8S_VERSION, PLATFORM_VERSION, STAGING_ISSUER_URL, false);
        List<String> sts = List.of("sts.amazonaws.com");
        List<String> thumbprints = List.of(ISSUER_THUMBPRINT);
        sink.oidcProvider(ACCOUNT, PROD_ISSUER_URL, sts, thumbprints);
        sink.oidcProvider(ACCOUNT, STAGING_ISSUER_URL, sts, thumbprints);
        // Cross-account IRSA needs the cluster's issuer registered in the role's own account.
        sink.oidcProvider(LEDGER_ACCOUNT, PROD_ISSUER_URL, sts, thumbprints);

        SharedRoles shared = sharedRoles(sink);
        new AcmeProd(new ClusterScript(sink, PROD, now), sink, shared).seed();
        new AcmeStaging(new ClusterScript(sink, STAGING, now), sink, shared).seed();
    }

    private static SharedRoles sharedRoles(ScenarioSink sink) {
        String externalSecrets = sink.role(ACCOUNT, "/", "acme-external-secrets",
                AcmeTrustPolicies.irsaTwoClusters(ACCOUNT, host(PROD_ISSUER_URL), host(STAGING_ISSUER_URL),
                        "platform-tools", "external-secrets"),
                "external-secrets operator in acme-prod and acme-staging");
        sink.attachRolePolicy(externalSecrets, "arn:aws:iam::aws:policy/SecretsManagerReadWrite");

        String dataPipeline = sink.role(ACCOUNT, "/", "acme-data-pipeline-etl",
                AcmeTrustPolicies.dataPipelineNearQuota(ACCOUNT, host(PROD_ISSUER_URL), host(STAGING_ISSUER_URL)),
                "Data platform jobs; every new job added its service account here");
        sink.attachRolePolicy(dataPipeline, "arn:aws:iam::aws:policy/AmazonS3FullAccess");
        sink.attachRolePolicy(dataPipeline, "arn:aws:iam::aws:policy/AmazonKinesisFullAccess");

        String sourceName = "acme-staging-ledger-writer-source";
        String ledgerTarget = sink.role(LEDGER_ACCOUNT, "/", "acme-ledger-writer",
                AcmeTrustPolicies.crossAccountTarget(LEDGER_ACCOUNT, host(PROD_ISSUER_URL), "payments",
                        "ledger-writer", ACCOUNT, sourceName),
                "Writes the ledger tables; assumed from the acme workload account");
        sink.putRolePolicy(ledgerTarget, "ledger-tables-write", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:PutItem",\
                "dynamodb:UpdateItem","dynamodb:GetItem","dynamodb:Query"],\
                "Resource":"arn:aws:dynamodb:us-west-2:444455556666:table/ledger-*"}]}""");
        String ledgerSource = sink.role(ACCOUNT, "/", sourceName, AcmeTrustPolicies.podIdentity(ACCOUNT),
                "Pod Identity source role chaining into the ledger account");
        sink.putRolePolicy(ledgerSource, "assume-ledger-writer", """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": ["sts:AssumeRole", "sts:TagSession"],
                      "Resource": "arn:aws:iam::444455556666:role/acme-ledger-writer"
                    }
                  ]
                }
                """);
        return new SharedRoles(externalSecrets, dataPipeline, ledgerTarget, ledgerSource);
    }

    /** Issuer host and path, as IAM condition keys and provider ARNs spell it (no {@code https://}). */
    static String host(String issuerUrl) {
        return issuerUrl.substring("https://".length());
    }

    /** Every deliberately seeded case, with what the console should flag. */
    public static List<ScenarioCase> cases() {
        return AcmeCases.ALL;
    }
}
