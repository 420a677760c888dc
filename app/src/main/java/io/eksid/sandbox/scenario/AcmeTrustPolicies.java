package io.eksid.sandbox.scenario;

/**
 * The acme scenario's role trust policies, written the way people write them: some pretty-printed by the
 * console or Terraform, some compact from a script, with StringEquals on {@code :sub} and {@code :aud}
 * (EKS UG, iam-roles-for-service-accounts) or the Pod Identity statement (EKS UG, pod-identities).
 * {@code %1$s} is always the account of the OIDC provider, {@code %2$s} the issuer host and path.
 */
final class AcmeTrustPolicies {

    private AcmeTrustPolicies() {
    }

    /** IRSA for one service account, as the IAM console's "web identity" wizard writes it. */
    static String irsa(String account, String issuer, String namespace, String serviceAccount) {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {
                        "Federated": "arn:aws:iam::%1$s:oidc-provider/%2$s"
                      },
                      "Action": "sts:AssumeRoleWithWebIdentity",
                      "Condition": {
                        "StringEquals": {
                          "%2$s:sub": "system:serviceaccount:%3$s:%4$s",
                          "%2$s:aud": "sts.amazonaws.com"
                        }
                      }
                    }
                  ]
                }
                """.formatted(account, issuer, namespace, serviceAccount);
    }

    /** IRSA for one service account, compact, the way {@code aws iam create-role} scripts pass it. */
    static String irsaCompact(String account, String issuer, String namespace, String serviceAccount) {
        return ("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::%1$s:oidc-provider/%2$s\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"%2$s:aud\":\"sts.amazonaws.com\","
                + "\"%2$s:sub\":\"system:serviceaccount:%3$s:%4$s\"}}}]}")
                .formatted(account, issuer, namespace, serviceAccount);
    }

    /** One IRSA statement trusting three service accounts of one cluster: the shared-role case. */
    static String irsaThreeSubjects(String account, String issuer, String sa1, String sa2, String sa3) {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "CatalogSearchOrdersReaders",
                      "Effect": "Allow",
                      "Principal": { "Federated": "arn:aws:iam::%1$s:oidc-provider/%2$s" },
                      "Action": "sts:AssumeRoleWithWebIdentity",
                      "Condition": {
                        "StringEquals": {
                          "%2$s:aud": "sts.amazonaws.com",
                          "%2$s:sub": [
                            "system:serviceaccount:%3$s",
                            "system:serviceaccount:%4$s",
                            "system:serviceaccount:%5$s"
                          ]
                        }
                      }
                    }
                  ]
                }
                """.formatted(account, issuer, sa1, sa2, sa3);
    }

    /** StringLike with a namespace wildcard: every service account in {@code namespace} may assume it. */
    static String irsaNamespaceWildcard(String account, String issuer, String namespace) {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {"Federated": "arn:aws:iam::%1$s:oidc-provider/%2$s"},
                      "Action": "sts:AssumeRoleWithWebIdentity",
                      "Condition": {
                        "StringEquals": {"%2$s:aud": "sts.amazonaws.com"},
                        "StringLike": {"%2$s:sub": "system:serviceaccount:%3$s:*"}
                      }
                    }
                  ]
                }
                """.formatted(account, issuer, namespace);
    }

    /** The same service account trusted through two clusters' OIDC providers: one statement each. */
    static String irsaTwoClusters(String account, String prodIssuer, String stagingIssuer, String namespace,
                                  String serviceAccount) {
        return ("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"AcmeProd\",\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::%1$s:oidc-provider/%2$s\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"%2$s:sub\":\"system:serviceaccount:%4$s:%5$s\","
                + "\"%2$s:aud\":\"sts.amazonaws.com\"}}},"
                + "{\"Sid\":\"AcmeStaging\",\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::%1$s:oidc-provider/%3$s\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"%3$s:sub\":\"system:serviceaccount:%4$s:%5$s\","
                + "\"%3$s:aud\":\"sts.amazonaws.com\"}}}]}")
                .formatted(account, prodIssuer, stagingIssuer, namespace, serviceAccount);
    }

    /** IRSA plus the complete Pod Identity statement: a role already prepared for (or half-way through) conversion. */
    static String irsaAndPodIdentity(String account, String issuer, String namespace, String serviceAccount) {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {
                        "Federated": "arn:aws:iam::%1$s:oidc-provider/%2$s"
                      },
                      "Action": "sts:AssumeRoleWithWebIdentity",
                      "Condition": {
                        "StringEquals": {
                          "%2$s:sub": "system:serviceaccount:%3$s:%4$s",
                          "%2$s:aud": "sts.amazonaws.com"
                        }
                      }
                    },
                    {
                      "Sid": "AllowEksAuthToAssumeRoleForPodIdentity",
                      "Effect": "Allow",
                      "Principal": {
                        "Service": "pods.eks.amazonaws.com"
                      },
                      "Action": [
                        "sts:AssumeRole",
                        "sts:TagSession"
                      ]
                    }
                  ]
                }
                """.formatted(account, issuer, namespace, serviceAccount);
    }

    /** Pod Identity only, with the aws:SourceAccount guard the EKS console adds. */
    static String podIdentity(String account) {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "AllowEksAuthToAssumeRoleForPodIdentity",
                      "Effect": "Allow",
                      "Principal": {
                        "Service": "pods.eks.amazonaws.com"
                      },
                      "Action": [
                        "sts:AssumeRole",
                        "sts:TagSession"
                      ],
                      "Condition": {
                        "StringEquals": {
                          "aws:SourceAccount": "%s"
                        }
                      }
                    }
                  ]
                }
                """.formatted(account);
    }

    /** Pod Identity without sts:TagSession: EKS cannot attach the session tags, so credentials fail. */
    static String podIdentityWithoutTagSession() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    /**
     * The cross-account role in the second account: IRSA through the cluster's issuer registered as an OIDC
     * provider in that account, and the role-chaining statement for a Pod Identity source role
     * (FACTS: the target role trusts the source role with ArnEquals aws:PrincipalARN).
     */
    static String crossAccountTarget(String targetAccount, String issuer, String namespace, String serviceAccount,
                                     String sourceAccount, String sourceRoleName) {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "AcmeProdLedgerWriterIrsa",
                      "Effect": "Allow",
                      "Principal": {
                        "Federated": "arn:aws:iam::%1$s:oidc-provider/%2$s"
                      },
                      "Action": "sts:AssumeRoleWithWebIdentity",
                      "Condition": {
                        "StringEquals": {
                          "%2$s:sub": "system:serviceaccount:%3$s:%4$s",
                          "%2$s:aud": "sts.amazonaws.com"
                        }
                      }
                    },
                    {
                      "Sid": "AcmeStagingLedgerWriterChained",
                      "Effect": "Allow",
                      "Principal": {
                        "AWS": "arn:aws:iam::%5$s:root"
                      },
                      "Action": [
                        "sts:AssumeRole",
                        "sts:TagSession"
                      ],
                      "Condition": {
                        "ArnEquals": {
                          "aws:PrincipalARN": "arn:aws:iam::%5$s:role/%6$s"
                        }
                      }
                    }
                  ]
                }
                """.formatted(targetAccount, issuer, namespace, serviceAccount, sourceAccount, sourceRoleName);
    }

    /**
     * The data platform's role, grown one service account at a time across both clusters until its trust
     * policy sits just under the 2,048-character default quota (white space not counted, IAM quotas page).
     */
    static String dataPipelineNearQuota(String account, String prodIssuer, String stagingIssuer) {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "ProdDataPipeline",
                      "Effect": "Allow",
                      "Principal": {"Federated": "arn:aws:iam::%1$s:oidc-provider/%2$s"},
                      "Action": "sts:AssumeRoleWithWebIdentity",
                      "Condition": {
                        "StringEquals": {
                          "%2$s:aud": "sts.amazonaws.com",
                          "%2$s:sub": [
                            "system:serviceaccount:data-pipeline:kafka-connect",
                            "system:serviceaccount:data-pipeline:airflow-scheduler",
                            "system:serviceaccount:data-pipeline:airflow-worker",
                            "system:serviceaccount:data-pipeline:spark-driver",
                            "system:serviceaccount:data-pipeline:spark-executor",
                            "system:serviceaccount:data-pipeline:dbt-runner",
                            "system:serviceaccount:data-pipeline:glue-catalog-sync",
                            "system:serviceaccount:data-pipeline:debezium",
                            "system:serviceaccount:data-pipeline:schema-registry",
                            "system:serviceaccount:data-pipeline:trino-coordinator"
                          ]
                        }
                      }
                    },
                    {
                      "Sid": "StagingDataPipeline",
                      "Effect": "Allow",
                      "Principal": {"Federated": "arn:aws:iam::%1$s:oidc-provider/%3$s"},
                      "Action": "sts:AssumeRoleWithWebIdentity",
                      "Condition": {
                        "StringEquals": {
                          "%3$s:aud": "sts.amazonaws.com",
                          "%3$s:sub": [
                            "system:serviceaccount:data-pipeline:etl-runner",
                            "system:serviceaccount:data-pipeline:kafka-connect",
                            "system:serviceaccount:data-pipeline:airflow-scheduler",
                            "system:serviceaccount:data-pipeline:airflow-worker",
                            "system:serviceaccount:data-pipeline:spark-driver",
                            "system:serviceaccount:data-pipeline:spark-executor",
                            "system:serviceaccount:data-pipeline:dbt-runner",
                            "system:serviceaccount:data-pipeline:glue-catalog-sync",
                            "system:serviceaccount:data-pipeline:debezium",
                            "system:serviceaccount:data-pipeline:schema-registry"
                          ]
                        }
                      }
                    }
                  ]
                }
                """.formatted(account, prodIssuer, stagingIssuer);
    }
}
