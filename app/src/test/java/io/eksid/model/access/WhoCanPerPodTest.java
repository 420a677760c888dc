package io.eksid.model.access;

import static io.eksid.model.graph.GraphFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.NamedPolicy;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.access.AccessDecision.Decision;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.trust.TrustEvaluator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** who-can judges each running pod by its own credentials: a trust on the pod's name admits some pods only. */
class WhoCanPerPodTest {

    @Test
    void podsTheTrustRefusesCanDoNothingAndPodsItAdmitsAreEvaluated() {
        String role = roleArn("exporter");
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":"
                + "{\"StringLike\":{\"aws:RequestTag/kubernetes-pod-name\":\"exporter-*\"}}}]}";
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"cloudwatch:PutMetricData\",\"Resource\":\"*\"}]}";
        PodInfo exporter = pod("pay", "exporter-1", "metrics", PodCredentials.podIdentityVars(), T0.plusSeconds(60));
        PodInfo web = pod("pay", "web-1", "metrics", PodCredentials.podIdentityVars(), T0.plusSeconds(60));
        ClusterSnapshot snapshot = base().serviceAccount(sa("pay", "metrics")).role(role(role, trust))
                .association(association("a-1", "pay", "metrics", role, T0)).pod(exporter).pod(web)
                .rolePermissions(new RolePermissions(role, List.of(new NamedPolicy(PolicySource.INLINE, "metrics",
                        null, policy)), null, Map.of()))
                .build();
        IdentityGraph graph = IdentityGraph.build(snapshot, new TrustEvaluator());
        WhoCan.Answer answer = new WhoCan(new PermissionEvaluator()).ask(snapshot, graph,
                new AccessRequest("cloudwatch:PutMetricData", "*", Map.of()), Set.of());
        WhoCan.Principal metrics = answer.principals().stream()
                .filter(p -> p.serviceAccount().name().equals("metrics")).findFirst().orElseThrow();
        // for the service account as a whole it depends on the pod
        assertThat(metrics.decision().decision()).isEqualTo(Decision.UNKNOWN);
        Map<String, WhoCan.PodAnswer> pods = new java.util.HashMap<>();
        metrics.pods().forEach(p -> pods.put(p.name(), p));
        assertThat(pods.get("exporter-1").decision().decision()).isEqualTo(Decision.ALLOWED);
        assertThat(pods.get("web-1").decision().decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(pods.get("web-1").decision().reason()).contains("gets no credentials");
    }
}
