package io.eksid.sandbox.scenario;

import static io.eksid.sandbox.scenario.AcmeScenario.ACCESS_KEY_ID;
import static io.eksid.sandbox.scenario.AcmeScenario.ACCOUNT;
import static io.eksid.sandbox.scenario.AcmeScenario.AGENT_ADDON;
import static io.eksid.sandbox.scenario.AcmeScenario.ISSUER_THUMBPRINT;
import static io.eksid.sandbox.scenario.AcmeScenario.K8S_VERSION;
import static io.eksid.sandbox.scenario.AcmeScenario.LEDGER_ACCESS_KEY_ID;
import static io.eksid.sandbox.scenario.AcmeScenario.LEDGER_ACCOUNT;
import static io.eksid.sandbox.scenario.AcmeScenario.LEDGER_SECRET_KEY;
import static io.eksid.sandbox.scenario.AcmeScenario.PLATFORM_VERSION;
import static io.eksid.sandbox.scenario.AcmeScenario.REGION;
import static io.eksid.sandbox.scenario.AcmeScenario.SECRET_KEY;
import static io.eksid.sandbox.scenario.AcmeScenario.TRUST_POLICY_QUOTA;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Many small clusters over two accounts, for fleet scans and their benchmark. Cluster {@code fleet-NNN} (1-based)
 * lives in account 111122223333 when NNN is odd and in 444455556666 when it is even, all in us-west-2. Every
 * cluster has the same shape:
 * <ul>
 *   <li>{@code team-a/api}: IRSA, trusted (a conversion candidate);</li>
 *   <li>{@code team-a/worker}: IRSA to a role that trusts another service account (IRSA_TRUST_DENIES);</li>
 *   <li>{@code team-b/reports}: a Pod Identity association; the agent add-on is ACTIVE on even clusters and missing
 *       on odd ones (POD_IDENTITY_AGENT_MISSING);</li>
 *   <li>on every third cluster, {@code team-b/scanner}: IRSA to a role trusting every service account of the
 *       cluster ({@code system:serviceaccount:*}, WILDCARD_IRSA_TRUST, critical).</li>
 * </ul>
 * The pods are spread over the workloads ({@code podsPerCluster}, at least one per workload).
 */
public final class FleetScenario {

    public static final String PREFIX = "fleet-";

    private final int clusters;
    private final int podsPerCluster;
    private final Instant now;

    public FleetScenario(int clusters, int podsPerCluster, Instant now) {
        if (clusters < 1) {
            throw new IllegalArgumentException("clusters must be positive, got " + clusters);
        }
        this.clusters = clusters;
        this.podsPerCluster = Math.max(1, podsPerCluster);
        this.now = now;
    }

    /** {@code fleet-001}, {@code fleet-002}, ... */
    public static String clusterName(int oneBased) {
        return PREFIX + "%03d".formatted(oneBased);
    }

    /** The account cluster {@code oneBased} lives in. */
    public static String accountOf(int oneBased) {
        return oneBased % 2 == 1 ? ACCOUNT : LEDGER_ACCOUNT;
    }

    public void seed(ScenarioSink sink) {
        sink.account(ACCOUNT, ACCESS_KEY_ID, SECRET_KEY, TRUST_POLICY_QUOTA);
        sink.account(LEDGER_ACCOUNT, LEDGER_ACCESS_KEY_ID, LEDGER_SECRET_KEY, TRUST_POLICY_QUOTA);
        for (int i = 1; i <= clusters; i++) {
            seedCluster(sink, i);
        }
    }

    private void seedCluster(ScenarioSink sink, int i) {
        String name = clusterName(i);
        String account = accountOf(i);
        String issuerUrl = "https://oidc.eks.us-west-2.amazonaws.com/id/F1EE7" + "%027X".formatted(i);
        String issuer = AcmeScenario.host(issuerUrl);
        sink.cluster(account, REGION, name, K8S_VERSION, PLATFORM_VERSION, issuerUrl, false);
        sink.oidcProvider(account, issuerUrl, List.of("sts.amazonaws.com"), List.of(ISSUER_THUMBPRINT));
        String[] zones = {"us-west-2a", "us-west-2b", "us-west-2c"};
        for (int n = 0; n < 3; n++) {
            sink.node(name, "ip-10-%d-%d-%d.us-west-2.compute.internal".formatted(100 + i / 256, i % 256, n + 10),
                    Map.of("kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64",
                            "node.kubernetes.io/instance-type", "m6i.large", "topology.kubernetes.io/zone",
                            zones[n], "eks.amazonaws.com/nodegroup", "fleet-general"));
        }
        if (i % 2 == 0) {
            sink.addon(name, AGENT_ADDON, "v1.3.4-eksbuild.1", "ACTIVE", null);
        }
        sink.namespace(name, "team-a", Map.of("team", "team-a"));
        sink.namespace(name, "team-b", Map.of("team", "team-b"));

        boolean wildcard = i % 3 == 0;
        int workloads = wildcard ? 4 : 3;
        int replicas = Math.max(1, podsPerCluster / workloads);
        Instant started = now.minus(Duration.ofDays(3));

        String api = sink.role(account, "/", name + "-api", AcmeTrustPolicies.irsa(account, issuer, "team-a", "api"),
                "team-a api in " + name);
        irsa(sink, name, "team-a", "api", api, replicas, started);

        String worker = sink.role(account, "/", name + "-worker",
                AcmeTrustPolicies.irsa(account, issuer, "team-a", "worker-old"), "team-a worker in " + name);
        irsa(sink, name, "team-a", "worker", worker, replicas, started);

        String reports = sink.role(account, "/", name + "-reports", AcmeTrustPolicies.podIdentity(account),
                "team-b reports in " + name);
        sink.association(name, "team-b", "reports", reports, null, false, null);
        sink.serviceAccount(name, "team-b", "reports", Map.of());
        sink.workload(name, WorkloadKind.DEPLOYMENT, "team-b", "reports", "reports", replicas,
                PodTemplate.linux(account + ".dkr.ecr.us-west-2.amazonaws.com/reports:2.1.0", started));

        if (wildcard) {
            String scanner = sink.role(account, "/", name + "-cluster-readers", clusterWideTrust(account, issuer),
                    "every workload of " + name);
            irsa(sink, name, "team-b", "scanner", scanner, replicas, started);
        }
    }

    /** The copy-pasted "it didn't work, so trust everything" policy a fleet always has somewhere. */
    private static String clusterWideTrust(String account, String issuer) {
        return ("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::%1$s:oidc-provider/%2$s\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"%2$s:aud\":\"sts.amazonaws.com\"},"
                + "\"StringLike\":{\"%2$s:sub\":\"system:serviceaccount:*\"}}}]}").formatted(account, issuer);
    }

    private static void irsa(ScenarioSink sink, String cluster, String namespace, String sa, String roleArn,
                             int replicas, Instant started) {
        sink.serviceAccount(cluster, namespace, sa, Map.of(ClusterScript.ROLE_ARN, roleArn,
                ClusterScript.STS_REGIONAL, "true"));
        sink.workload(cluster, WorkloadKind.DEPLOYMENT, namespace, sa, sa, replicas,
                PodTemplate.linux(AcmeScenario.ACCOUNT + ".dkr.ecr.us-west-2.amazonaws.com/" + sa + ":1.4.0",
                        started));
    }
}
