package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.OidcProvider;
import io.eksid.model.Partition;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.findings.FindingsAnalyzer;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small hand-built cluster for view-model and view tests: healthy IRSA, Pod Identity, a broken trust. */
public final class UiFixtures {

    public static final String ISSUER = "https://oidc.eks.us-west-2.amazonaws.com/id/ABCDEF0123456789";
    public static final ClusterInfo CLUSTER = new ClusterInfo("prod", null, "111122223333", Partition.AWS, "us-west-2",
            ISSUER, "1.31", "eks.12", false);

    private UiFixtures() {
    }

    static String irsaTrust(String ns, String sa) {
        String host = ISSUER.substring(8);
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::111122223333:oidc-provider/" + host + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"" + host + ":sub\":\"system:serviceaccount:" + ns + ":" + sa
                + "\",\"" + host + ":aud\":\"sts.amazonaws.com\"}}}]}";
    }

    static final String POD_IDENTITY_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

    public static ClusterSnapshot snapshot() {
        return snapshot(Map.of());
    }

    /**
     * pay/worker converted, clean-up pending: its association works and the IRSA annotation naming the same role
     * is still on the service account.
     */
    public static IdentityState convertedState() {
        return stateOf(snapshot(Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/worker")));
    }

    static ClusterSnapshot snapshot(Map<String, String> workerAnnotations) {
        RoleArn api = RoleArn.parse("arn:aws:iam::111122223333:role/teams/pay/api");
        RoleArn worker = RoleArn.parse("arn:aws:iam::111122223333:role/worker");
        RoleArn search = RoleArn.parse("arn:aws:iam::111122223333:role/search");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ClusterSnapshot.Builder b = ClusterSnapshot.builder(CLUSTER)
                .namespace(NamespaceInfo.of("pay")).namespace(NamespaceInfo.of("search"))
                .serviceAccount(ServiceAccountInfo.of("pay", "api", Map.of("eks.amazonaws.com/role-arn", api.toString())))
                .serviceAccount(ServiceAccountInfo.of("pay", "worker", workerAnnotations))
                .serviceAccount(ServiceAccountInfo.of("search", "indexer",
                        Map.of("eks.amazonaws.com/role-arn", search.toString())))
                .workload(new WorkloadInfo("pay", new WorkloadRef("Deployment", "api"), "api", 2, false, false))
                .workload(new WorkloadInfo("pay", new WorkloadRef("Deployment", "worker"), "worker", 1, false, false))
                .workload(new WorkloadInfo("search", new WorkloadRef("StatefulSet", "indexer"), "indexer", 1, false, false))
                .role(IamRole.of(api, irsaTrust("pay", "api")))
                .role(IamRole.of(worker, POD_IDENTITY_TRUST))
                .role(IamRole.of(search, irsaTrust("search", "someone-else")))
                .oidcProvider(new OidcProvider("arn:aws:iam::111122223333:oidc-provider/" + ISSUER.substring(8),
                        ISSUER, List.of("sts.amazonaws.com"), List.of()))
                .association(new PodIdentityAssociation("prod", "pay", "worker", worker.toString(),
                        "arn:aws:eks:us-west-2:111122223333:podidentityassociation/prod/a-1", "a-1", Map.of(),
                        t0.plusSeconds(100), t0.plusSeconds(100), null, false, null, null, null))
                .addon(new io.eksid.model.Addon("eks-pod-identity-agent", "v1", "ACTIVE", null, List.of()))
                .agentDaemonSetReady(true);
        for (int i = 0; i < 2; i++) {
            b.pod(new PodInfo("pay", "api-" + i, "u" + i, "api", "n1", new WorkloadRef("Deployment", "api"), "Running",
                    t0, PodCredentials.irsaVars(api.toString()), false, false, false));
        }
        // started before the association existed: still on the node role, stale
        b.pod(new PodInfo("pay", "worker-0", "w0", "worker", "n1", new WorkloadRef("Deployment", "worker"), "Running",
                t0, PodCredentials.NONE, false, false, false));
        b.pod(new PodInfo("search", "indexer-0", "s0", "indexer", "n2", new WorkloadRef("StatefulSet", "indexer"),
                "Running", t0, PodCredentials.irsaVars(search.toString()), false, false, false));
        return b.build();
    }

    public static IdentityState state() {
        return stateOf(snapshot());
    }

    static IdentityState stateOf(ClusterSnapshot s) {
        IdentityGraph g = IdentityGraph.build(s, new TrustEvaluator());
        return new IdentityState("prod", s, g, new FindingsAnalyzer(new TrustEvaluator(), new TrustInspector())
                .analyze(s, g), List.of(), 1, Instant.EPOCH, null);
    }
}
