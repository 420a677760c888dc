package io.eksid.model.findings;

import static io.eksid.model.graph.GraphFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.OidcProvider;
import io.eksid.model.Partition;
import io.eksid.model.PodCredentials;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FindingsAnalyzerTest {

    private static final String API_ROLE = roleArn("pay-api");
    private static final String WORKER_ROLE = roleArn("pay-worker-pi");

    private final FindingsAnalyzer analyzer = new FindingsAnalyzer(new TrustEvaluator(), new TrustInspector());

    /** pay/api on IRSA and pay/worker on Pod Identity, both working, pods current. */
    private static ClusterSnapshot.Builder healthy() {
        return base()
                .serviceAccount(irsaSa("pay", "api", API_ROLE)).role(role(API_ROLE, irsaTrust("pay", "api")))
                .workload(deployment("pay", "api", "api"))
                .pod(pod("pay", "api-1", "api", PodCredentials.irsaVars(API_ROLE), T0))
                .serviceAccount(sa("pay", "worker")).role(role(WORKER_ROLE, podIdentityTrust()))
                .association(association("a-1", "pay", "worker", WORKER_ROLE, T0))
                .workload(deployment("pay", "worker", "worker"))
                .pod(pod("pay", "worker-1", "worker", PodCredentials.podIdentityVars(), T0.plusSeconds(5)));
    }

    private List<Finding> findings(ClusterSnapshot.Builder b) {
        return analyzer.analyze(b.build());
    }

    private List<Finding> findings(ClusterSnapshot.Builder b, FindingCode code) {
        return findings(b).stream().filter(f -> f.is(code)).toList();
    }

    private Finding only(ClusterSnapshot.Builder b, FindingCode code) {
        List<Finding> found = findings(b, code);
        assertThat(found).as("findings with code " + code).hasSize(1);
        return found.get(0);
    }

    @Test
    void aHealthyClusterHasNoFindings() {
        assertThat(findings(healthy())).isEmpty();
    }

    @Nested
    class Irsa {

        @Test
        void trustThatDoesNotAdmitTheServiceAccount() {
            Finding f = only(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                    .role(role(API_ROLE, irsaTrust("pay", "worker"))), FindingCode.IRSA_TRUST_DENIES);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.subject()).isEqualTo("sa:pay/api");
            assertThat(f.message()).contains("pay-api").contains("does not trust service account pay/api");
            assertThat(f.fix()).contains("\"" + ISSUER_HOST + ":sub\":\"system:serviceaccount:pay:api\"")
                    .contains(PROVIDER_ARN).contains("aws iam update-assume-role-policy --role-name pay-api");
            assertThat(findings(healthy(), FindingCode.IRSA_TRUST_DENIES)).isEmpty();
        }

        @Test
        void explicitDenyNamesTheStatement() {
            String trust = """
                    {"Version":"2012-10-17","Statement":[%s,{"Effect":"Deny",\
                    "Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity",\
                    "Condition":{"StringEquals":{"%s:sub":"system:serviceaccount:pay:api"}}}]}"""
                    .formatted(irsaTrust("pay", "api").replaceAll("^.*\"Statement\":\\[|\\]}$", ""), PROVIDER_ARN,
                            ISSUER_HOST);
            Finding f = only(base().serviceAccount(irsaSa("pay", "api", API_ROLE)).role(role(API_ROLE, trust)),
                    FindingCode.IRSA_TRUST_DENIES);
            assertThat(f.message()).contains("explicitly denies").contains("Statement[1]");
            assertThat(f.fix()).contains("Deny statement #1");
        }

        @Test
        void roleInAnotherAccount() {
            String foreign = otherAccountRoleArn("reader");
            Finding f = only(base().serviceAccount(irsaSa("pay", "api", foreign))
                    .unreadableRole(foreign, "AccessDenied"), FindingCode.IRSA_ROLE_OTHER_ACCOUNT);
            assertThat(f.message()).contains(OTHER_ACCOUNT).contains(ACCOUNT);
            assertThat(f.fix()).contains("--target-role-arn " + foreign);
            assertThat(findings(healthy(), FindingCode.IRSA_ROLE_OTHER_ACCOUNT)).isEmpty();
        }

        @Test
        void missingRole() {
            Finding f = only(base().serviceAccount(irsaSa("pay", "api", roleArn("teams/pay/gone")))
                            .unreadableRole(roleArn("teams/pay/gone"), "NoSuchEntity: The role with name gone cannot be found."),
                    FindingCode.IRSA_ROLE_MISSING);
            assertThat(f.message()).contains("does not exist").contains("NoSuchEntity");
            assertThat(f.fix()).contains("Create role gone with path /teams/pay/");
            assertThat(findings(healthy(), FindingCode.IRSA_ROLE_MISSING)).isEmpty();
        }

        @Test
        void unreadableRole() {
            Finding f = only(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                    .unreadableRole(API_ROLE, "AccessDenied: not authorized to perform iam:GetRole"),
                    FindingCode.IRSA_ROLE_UNREADABLE);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("AccessDenied");
            assertThat(findings(healthy(), FindingCode.IRSA_ROLE_UNREADABLE)).isEmpty();
        }

        @Test
        void missingOidcProvider() {
            ClusterSnapshot.Builder noProvider = ClusterSnapshot.builder(CLUSTER).namespace(NamespaceInfo.of("pay"))
                    .serviceAccount(irsaSa("pay", "api", API_ROLE)).role(role(API_ROLE, irsaTrust("pay", "api")));
            Finding f = only(noProvider, FindingCode.OIDC_PROVIDER_MISSING);
            assertThat(f.subject()).isEqualTo(PROVIDER_ARN);
            assertThat(f.fix()).contains("eksctl utils associate-iam-oidc-provider --cluster prod");
            assertThat(findings(healthy(), FindingCode.OIDC_PROVIDER_MISSING)).isEmpty();
        }

        @Test
        void clusterWithoutIssuer() {
            ClusterInfo noIssuer = new ClusterInfo("old", null, ACCOUNT, Partition.AWS, "eu-west-1", null, "1.29",
                    "eks.1", false);
            Finding f = only(ClusterSnapshot.builder(noIssuer).namespace(NamespaceInfo.of("pay"))
                    .serviceAccount(irsaSa("pay", "api", API_ROLE)).role(role(API_ROLE, irsaTrust("pay", "api"))),
                    FindingCode.OIDC_ISSUER_MISSING);
            assertThat(f.message()).contains("1 service account uses IRSA");
        }

        @Test
        void malformedAnnotationIsAFindingNotACrash() {
            Finding f = only(base().serviceAccount(irsaSa("pay", "api", "my-role")),
                    FindingCode.IRSA_ANNOTATION_MALFORMED);
            assertThat(f.message()).contains("'my-role'").contains("not a role ARN");
            assertThat(f.fix()).contains("kubectl annotate serviceaccount -n pay api eks.amazonaws.com/role-arn=");
            assertThat(findings(healthy(), FindingCode.IRSA_ANNOTATION_MALFORMED)).isEmpty();
        }
    }

    @Nested
    class PodIdentity {

        @Test
        void roleWithoutTagSessionSaysWhichActionIsMissing() {
            Finding f = only(base().serviceAccount(sa("pay", "worker"))
                    .role(role(WORKER_ROLE, podIdentityTrustAssumeOnly()))
                    .association(association("a-1", "pay", "worker", WORKER_ROLE, T0)),
                    FindingCode.POD_IDENTITY_TRUST_MISSING);
            assertThat(f.subject()).isEqualTo("assoc:a-1");
            assertThat(f.message()).contains("does not allow sts:TagSession to pods.eks.amazonaws.com");
            assertThat(f.fix()).contains("\"sts:AssumeRole\",\"sts:TagSession\"");
            assertThat(findings(healthy(), FindingCode.POD_IDENTITY_TRUST_MISSING)).isEmpty();
        }

        @Test
        void roleWithoutAssumeRoleSaysSo() {
            String tagOnly = podIdentityTrustAssumeOnly().replace("\"sts:AssumeRole\"", "\"sts:TagSession\"");
            Finding f = only(base().serviceAccount(sa("pay", "worker")).role(role(WORKER_ROLE, tagOnly))
                    .association(association("a-1", "pay", "worker", WORKER_ROLE, T0)),
                    FindingCode.POD_IDENTITY_TRUST_MISSING);
            assertThat(f.message()).contains("does not allow sts:AssumeRole to");
        }

        @Test
        void roleTrustingOnlyIrsaLacksBoth() {
            Finding f = only(base().serviceAccount(sa("pay", "worker"))
                    .role(role(WORKER_ROLE, irsaTrust("pay", "worker")))
                    .association(association("a-1", "pay", "worker", WORKER_ROLE, T0)),
                    FindingCode.POD_IDENTITY_TRUST_MISSING);
            assertThat(f.message()).contains("does not allow sts:AssumeRole and sts:TagSession");
        }

        @Test
        void associationRoleMissingOrInAnotherAccount() {
            assertThat(only(base().serviceAccount(sa("pay", "worker"))
                    .unreadableRole(WORKER_ROLE, "NoSuchEntity")
                    .association(association("a-1", "pay", "worker", WORKER_ROLE, T0)),
                    FindingCode.ASSOCIATION_ROLE_MISSING).message()).contains("does not exist");
            String foreign = otherAccountRoleArn("pi");
            Finding cross = only(base().serviceAccount(sa("pay", "worker")).role(role(foreign, podIdentityTrust()))
                    .association(association("a-1", "pay", "worker", foreign, T0)),
                    FindingCode.ASSOCIATION_ROLE_OTHER_ACCOUNT);
            assertThat(cross.fix()).contains("--target-role-arn " + foreign);
            assertThat(findings(healthy(), FindingCode.ASSOCIATION_ROLE_OTHER_ACCOUNT)).isEmpty();
        }

        @Test
        void targetRoleThatDoesNotTrustTheAssociationRole() {
            String target = otherAccountRoleArn("data");
            ClusterSnapshot.Builder b = base().serviceAccount(sa("pay", "worker"))
                    .role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(targetAssociation("a-1", "pay", "worker", WORKER_ROLE, target));
            Finding f = only(b.role(role(target, sourceRoleTrust(roleArn("other")))),
                    FindingCode.TARGET_ROLE_TRUST_DENIES);
            assertThat(f.fix()).contains("\"AWS\":\"" + WORKER_ROLE + "\"");
            assertThat(findings(base().serviceAccount(sa("pay", "worker")).role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(targetAssociation("a-1", "pay", "worker", WORKER_ROLE, target))
                    .role(role(target, sourceRoleTrust(WORKER_ROLE))))).isEmpty();
        }

        @Test
        void associationForAMissingServiceAccountOrNamespace() {
            Finding noSa = only(base().role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(association("a-7", "pay", "ghost", WORKER_ROLE, T0)), FindingCode.ASSOCIATION_ORPHANED);
            assertThat(noSa.message()).contains("service account pay/ghost does not exist");
            assertThat(noSa.fix()).contains("--association-id a-7");
            Finding noNs = only(base().role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(association("a-8", "gone", "app", WORKER_ROLE, T0)), FindingCode.ASSOCIATION_ORPHANED);
            assertThat(noNs.message()).contains("namespace gone does not exist");
            assertThat(findings(healthy(), FindingCode.ASSOCIATION_ORPHANED)).isEmpty();
        }

        @Test
        void irsaAnnotationNextToAnAssociation() {
            Finding f = only(base().serviceAccount(irsaSa("pay", "worker", API_ROLE))
                    .role(role(API_ROLE, irsaTrust("pay", "worker"))).role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(association("a-1", "pay", "worker", WORKER_ROLE, T0))
                    .pod(pod("pay", "worker-0", "worker", PodCredentials.irsaVars(API_ROLE), T0.minusSeconds(60))),
                    FindingCode.IRSA_SHADOWED_BY_ASSOCIATION);
            assertThat(f.message()).contains("dead weight").contains("different role");
            assertThat(f.fix()).contains("First restart the 1 pod").contains("eks.amazonaws.com/role-arn-");
            assertThat(findings(healthy(), FindingCode.IRSA_SHADOWED_BY_ASSOCIATION)).isEmpty();
        }

        @Test
        void agentMissingOrUnhealthyWhileAssociationsExist() {
            ClusterSnapshot.Builder noAgent = ClusterSnapshot.builder(CLUSTER).namespace(NamespaceInfo.of("pay"))
                    .serviceAccount(sa("pay", "worker")).role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(association("a-1", "pay", "worker", WORKER_ROLE, T0));
            Finding missing = only(noAgent, FindingCode.POD_IDENTITY_AGENT_MISSING);
            assertThat(missing.subject()).isEqualTo(CLUSTER.arn());
            assertThat(missing.fix()).contains("aws eks create-addon --cluster-name prod --region eu-west-1 "
                    + "--addon-name eks-pod-identity-agent");
            Finding degraded = only(noAgent.addon(agentAddon("DEGRADED")), FindingCode.POD_IDENTITY_AGENT_UNHEALTHY);
            assertThat(degraded.message()).contains("DEGRADED");

            ClusterInfo auto = new ClusterInfo("prod", null, ACCOUNT, Partition.AWS, "eu-west-1",
                    "https://" + ISSUER_HOST, "1.31", "eks.3", true);
            assertThat(findings(ClusterSnapshot.builder(auto).namespace(NamespaceInfo.of("pay"))
                    .serviceAccount(sa("pay", "worker")).role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(association("a-1", "pay", "worker", WORKER_ROLE, T0)))).isEmpty();
            // no associations: no agent needed
            assertThat(findings(ClusterSnapshot.builder(CLUSTER).namespace(NamespaceInfo.of("pay"))
                    .oidcProvider(provider()).serviceAccount(irsaSa("pay", "api", API_ROLE))
                    .role(role(API_ROLE, irsaTrust("pay", "api"))))).isEmpty();
        }

        @Test
        void fargateAndWindowsWorkloadsOfAnAssociatedServiceAccount() {
            ClusterSnapshot.Builder b = healthy()
                    .workload(new WorkloadInfo("pay", new WorkloadRef("Deployment", "batch"), "worker", 1, true, false))
                    .pod(new io.eksid.model.PodInfo("pay", "batch-1", "u1", "worker", "fargate-ip-1",
                            new WorkloadRef("Deployment", "batch"), "Running", T0, PodCredentials.NONE, true, false,
                            false))
                    .workload(new WorkloadInfo("pay", new WorkloadRef("DaemonSet", "win"), "worker", 1, false, true));
            List<Finding> found = findings(b, FindingCode.POD_IDENTITY_UNSUPPORTED_PLACEMENT);
            assertThat(found).extracting(Finding::subject)
                    .containsExactlyInAnyOrder("wl:pay/Deployment/batch", "wl:pay/DaemonSet/win");
            assertThat(found.get(0).message()).contains("not supported").contains("a-1");
            // the Fargate pod is not reported as stale as well: a restart would not help it
            assertThat(findings(b, FindingCode.STALE_POD_CREDENTIALS)).isEmpty();
            assertThat(findings(healthy(), FindingCode.POD_IDENTITY_UNSUPPORTED_PLACEMENT)).isEmpty();
        }

        @Test
        void clusterThatCannotRunPodIdentity() {
            ClusterInfo oldPlatform = new ClusterInfo("prod", null, ACCOUNT, Partition.AWS, "eu-west-1",
                    "https://" + ISSUER_HOST, "1.27", "eks.7", false);
            Finding f = only(ClusterSnapshot.builder(oldPlatform).namespace(NamespaceInfo.of("pay"))
                    .addon(agentAddon("ACTIVE")).serviceAccount(sa("pay", "worker"))
                    .role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(association("a-1", "pay", "worker", WORKER_ROLE, T0)),
                    FindingCode.POD_IDENTITY_UNSUPPORTED_CLUSTER);
            assertThat(f.message()).contains("eks.7").contains("eks.8 or later");
            ClusterInfo china = new ClusterInfo("prod", null, ACCOUNT, Partition.AWS_CN, "cn-north-1",
                    null, "1.30", "eks.5", false);
            assertThat(only(ClusterSnapshot.builder(china).namespace(NamespaceInfo.of("pay"))
                    .addon(agentAddon("ACTIVE")).serviceAccount(sa("pay", "worker"))
                    .association(association("a-1", "pay", "worker", "arn:aws-cn:iam::" + ACCOUNT + ":role/pi", T0)),
                    FindingCode.POD_IDENTITY_UNSUPPORTED_CLUSTER).message()).contains("China");
            ClusterInfo recent = new ClusterInfo("prod", null, ACCOUNT, Partition.AWS, "eu-west-1",
                    "https://" + ISSUER_HOST, "1.27", "eks.8", false);
            assertThat(findings(ClusterSnapshot.builder(recent).namespace(NamespaceInfo.of("pay"))
                    .addon(agentAddon("ACTIVE")).serviceAccount(sa("pay", "worker"))
                    .role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(association("a-1", "pay", "worker", WORKER_ROLE, T0)))).isEmpty();
        }

        @Test
        void addonOwnedAssociationIsInformational() {
            Finding f = only(base().serviceAccount(sa("kube-system", "ebs-csi-controller-sa"))
                    .namespace(NamespaceInfo.of("kube-system")).role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(addonAssociation("a-5", "kube-system", "ebs-csi-controller-sa", WORKER_ROLE)),
                    FindingCode.ASSOCIATION_OWNED_BY_ADDON);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.fix()).contains("--addon-name aws-ebs-csi-driver");
            assertThat(findings(healthy(), FindingCode.ASSOCIATION_OWNED_BY_ADDON)).isEmpty();
        }
    }

    @Nested
    class StalePods {

        @Test
        void podsStartedBeforeTheAssociationAreCountedPerWorkload() {
            ClusterSnapshot.Builder b = base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                    .role(role(API_ROLE, irsaTrust("pay", "api"))).role(role(WORKER_ROLE, podIdentityTrust()))
                    .association(association("a-1", "pay", "api", WORKER_ROLE, T0.plus(Duration.ofHours(1))))
                    .pod(pod("pay", "api-old", "api", PodCredentials.irsaVars(API_ROLE), T0))
                    .pod(pod("pay", "api-new", "api", PodCredentials.podIdentityVars(), T0.plus(Duration.ofHours(2))));
            Finding f = only(b, FindingCode.STALE_POD_CREDENTIALS);
            assertThat(f.subject()).isEqualTo("wl:pay/Deployment/api");
            assertThat(f.message()).startsWith("1 of 2 pods of Deployment pay/api").contains("a-1");
            assertThat(f.fix()).contains("kubectl rollout restart deployment/api -n pay");
            assertThat(findings(healthy(), FindingCode.STALE_POD_CREDENTIALS)).isEmpty();
        }

        @Test
        void barePodsAreListedByName() {
            ClusterSnapshot.Builder b = base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                    .role(role(API_ROLE, irsaTrust("pay", "api")))
                    .pod(new io.eksid.model.PodInfo("pay", "debug", "u", "api", "n", null, "Running", T0,
                            PodCredentials.NONE, false, false, false));
            Finding f = only(b, FindingCode.STALE_POD_CREDENTIALS);
            assertThat(f.subject()).isEqualTo("sa:pay/api");
            assertThat(f.fix()).contains("kubectl delete pod -n pay debug");
        }
    }

    @Nested
    class TrustDocuments {

        private String subjectLike(String pattern) {
            return """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},\
                    "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"%s:sub":"%s"}}}]}"""
                    .formatted(PROVIDER_ARN, ISSUER_HOST, pattern);
        }

        @Test
        void wildcardSubjects() {
            Finding cluster = only(healthy().role(role(roleArn("any"), subjectLike("system:serviceaccount:*:*"))),
                    FindingCode.WILDCARD_IRSA_TRUST);
            assertThat(cluster.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(cluster.subject()).isEqualTo(roleArn("any"));
            Finding namespace = only(healthy().role(role(roleArn("ns"), subjectLike("system:serviceaccount:pay:*"))),
                    FindingCode.WILDCARD_IRSA_TRUST);
            assertThat(namespace.severity()).isEqualTo(Severity.WARNING);
            assertThat(namespace.message()).contains("namespace pay");
            assertThat(findings(healthy().role(role(roleArn("one"), subjectLike("system:serviceaccount:pay:api"))),
                    FindingCode.WILDCARD_IRSA_TRUST)).isEmpty();
        }

        @Test
        void oidcTrustWithoutAnySubjectCondition() {
            String noSub = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},\
                    "Action":"sts:AssumeRoleWithWebIdentity"}]}""".formatted(PROVIDER_ARN);
            Finding f = only(healthy().role(role(roleArn("open"), noSub)), FindingCode.WILDCARD_IRSA_TRUST);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("without any :sub condition");
        }

        @Test
        void trustPolicyNearTheQuotaIgnoringWhiteSpace() {
            String trust = irsaTrust("pay", "api");
            int size = trust.replaceAll("\\s", "").length();
            Finding f = only(healthy().trustPolicyQuota(size + 10), FindingCode.TRUST_POLICY_NEAR_QUOTA);
            assertThat(f.subject()).isEqualTo(API_ROLE);
            assertThat(f.message()).contains(size + " of " + (size + 10)).contains("would exceed");
            Finding over = only(healthy().trustPolicyQuota(size - 1), FindingCode.TRUST_POLICY_NEAR_QUOTA);
            assertThat(over.severity()).isEqualTo(Severity.ERROR);
            // pretty-printing does not count
            String padded = trust.replace(",", ",\n        ");
            assertThat(findings(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                    .role(role(API_ROLE, padded)).trustPolicyQuota((int) (size / 0.85)),
                    FindingCode.TRUST_POLICY_NEAR_QUOTA)).isEmpty();
        }

        @Test
        void malformedTrustPolicyIsAFindingNotACrash() {
            Finding f = only(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                    .role(role(API_ROLE, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"")),
                    FindingCode.TRUST_POLICY_MALFORMED);
            assertThat(f.message()).contains("could not be parsed");
            assertThat(findings(healthy(), FindingCode.TRUST_POLICY_MALFORMED)).isEmpty();
        }

        @Test
        void roleTrustedBySeveralClusters() {
            String otherHost = "oidc.eks.us-east-1.amazonaws.com/id/0THERCLUSTER";
            String otherProvider = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + otherHost;
            String twoClusters = irsaTrust("pay", "api").replace("]}", ","
                    + irsaTrust(otherProvider, otherHost, "system:serviceaccount:pay:api")
                    .replaceAll("^.*\"Statement\":\\[", ""));
            Finding f = only(healthy().role(role(API_ROLE, twoClusters))
                            .oidcProvider(new OidcProvider(otherProvider, otherHost, List.of(), List.of())),
                    FindingCode.IRSA_ROLE_MULTI_CLUSTER);
            assertThat(f.message()).contains("2 OIDC providers").contains(otherProvider);
            assertThat(f.fix()).contains("pods.eks.amazonaws.com");
            assertThat(findings(healthy(), FindingCode.IRSA_ROLE_MULTI_CLUSTER)).isEmpty();
        }
    }

    @Test
    void acrossClustersOneIrsaRoleUsedByTwoClusters() {
        ClusterInfo staging = new ClusterInfo("staging", null, ACCOUNT, Partition.AWS, "eu-west-1",
                "https://oidc.eks.eu-west-1.amazonaws.com/id/STAGING", "1.30", "eks.5", false);
        ClusterSnapshot prod = healthy().build();
        ClusterSnapshot stagingSnap = ClusterSnapshot.builder(staging)
                .serviceAccount(irsaSa("pay", "api", API_ROLE)).build();
        List<Finding> cross = analyzer.analyzeAcrossClusters(List.of(prod, stagingSnap));
        assertThat(cross).singleElement().satisfies(f -> {
            assertThat(f.is(FindingCode.IRSA_ROLE_MULTI_CLUSTER)).isTrue();
            assertThat(f.subject()).isEqualTo(API_ROLE);
            assertThat(f.message()).contains("2 clusters").contains(staging.arn()).contains(CLUSTER.arn());
        });
        assertThat(analyzer.analyzeAcrossClusters(List.of(prod))).isEmpty();
    }

    @Test
    void analyzesAFiftyThousandPodClusterHalfwayThroughAConversion() {
        ClusterSnapshot.Builder b = base().role(role(WORKER_ROLE, podIdentityTrust()));
        for (int s = 0; s < 500; s++) {
            String name = "svc-" + s;
            String arn = roleArn("role-" + s);
            b.serviceAccount(irsaSa("pay", name, arn)).role(role(arn, irsaTrust("pay", name)))
                    .workload(deployment("pay", name, name));
            boolean converted = s % 2 == 0;
            if (converted) {
                b.association(association("a-" + s, "pay", name, WORKER_ROLE, T0.plusSeconds(60)));
            }
            for (int p = 0; p < 100; p++) {
                b.pod(pod("pay", name + "-" + p, name, PodCredentials.irsaVars(arn), T0));
            }
        }
        List<Finding> found = analyzer.analyze(b.build());
        assertThat(found).filteredOn(f -> f.is(FindingCode.STALE_POD_CREDENTIALS)).hasSize(250)
                .allSatisfy(f -> assertThat(f.message()).startsWith("100 of 100 pods"));
        assertThat(found).filteredOn(f -> f.is(FindingCode.IRSA_SHADOWED_BY_ASSOCIATION)).hasSize(250);
    }

    @Test
    void findingsComeMostSevereFirst() {
        List<Finding> found = findings(healthy().serviceAccount(irsaSa("pay", "bad", "nope"))
                .role(role(roleArn("any"), """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},\
                        "Action":"sts:AssumeRoleWithWebIdentity"}]}""".formatted(PROVIDER_ARN))));
        assertThat(found).extracting(Finding::severity).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(found.get(0).severity()).isEqualTo(Severity.CRITICAL);
    }
}
