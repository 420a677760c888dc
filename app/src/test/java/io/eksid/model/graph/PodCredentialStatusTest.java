package io.eksid.model.graph;

import static io.eksid.model.graph.GraphFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.trust.TrustEvaluator;
import org.junit.jupiter.api.Test;

/** A pod's effective identity is its variables and whether the role's trust admits it, with its session tags. */
class PodCredentialStatusTest {

    private static final String ROLE = roleArn("pay-api");

    private static IdentityGraph graph(ClusterSnapshot snapshot) {
        return IdentityGraph.build(snapshot, new TrustEvaluator());
    }

    private static String podIdentityTrustWith(String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":"
                + condition + "}]}";
    }

    @Test
    void irsaPodWhoseRoleDoesNotTrustItsServiceAccountGetsNothing() {
        PodInfo pod = pod("pay", "worker-1", "worker", PodCredentials.irsaVars(ROLE), T0);
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "worker", ROLE))
                .role(role(ROLE, irsaTrust("pay", "api"))).pod(pod).build());
        EffectiveIdentity id = g.effectiveIdentity(pod).orElseThrow();
        assertThat(id.mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(id.roleArn()).isEqualTo(ROLE);
        assertThat(id.credentials()).isEqualTo(CredentialStatus.REFUSED);
        assertThat(id.credentialsReason()).contains("system:serviceaccount:pay:worker");
        assertThat(id.grantedRole()).isEmpty();
    }

    @Test
    void irsaPodOfATrustedServiceAccountGetsItsRole() {
        PodInfo pod = pod("pay", "api-1", "api", PodCredentials.irsaVars(ROLE), T0);
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", ROLE))
                .role(role(ROLE, irsaTrust("pay", "api"))).pod(pod).build());
        EffectiveIdentity id = g.effectiveIdentity(pod).orElseThrow();
        assertThat(id.credentials()).isEqualTo(CredentialStatus.WORKS);
        assertThat(id.grantedRole()).contains(ROLE);
    }

    @Test
    void stalePodStillOnIrsaAfterAnAssociationIsJudgedOnItsOwnRole() {
        String piRole = roleArn("pay-api-pi");
        PodInfo old = pod("pay", "api-0", "api", PodCredentials.irsaVars(ROLE), T0);
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", ROLE))
                .role(role(ROLE, irsaTrust("pay", "api"))).role(role(piRole, podIdentityTrust()))
                .association(association("a-1", "pay", "api", piRole, T0.plusSeconds(60))).pod(old).build());
        EffectiveIdentity id = g.effectiveIdentity(old).orElseThrow();
        assertThat(id.stale()).isTrue();
        assertThat(id.credentials()).isEqualTo(CredentialStatus.WORKS);
        assertThat(id.credentialsReason()).startsWith("IRSA with role " + ROLE);
    }

    @Test
    void abacTrustOnThePodNameAdmitsSomePodsOfTheServiceAccount() {
        String trust = podIdentityTrustWith("{\"StringLike\":{\"aws:RequestTag/kubernetes-pod-name\":\"exporter-*\"}}");
        PodInfo exporter = pod("pay", "exporter-1", "api", PodCredentials.podIdentityVars(), T0.plusSeconds(120));
        PodInfo web = pod("pay", "web-1", "api", PodCredentials.podIdentityVars(), T0.plusSeconds(120));
        IdentityGraph g = graph(base().serviceAccount(sa("pay", "api")).role(role(ROLE, trust))
                .association(association("a-1", "pay", "api", ROLE, T0)).pod(exporter).pod(web).build());
        MappingCheck assoc = g.serviceAccount(exporter.serviceAccountRef()).orElseThrow().podIdentityCheck();
        assertThat(assoc.status()).isEqualTo(EdgeStatus.UNPROVABLE);
        assertThat(assoc.reason()).contains("Allowed for pods named exporter-*");
        assertThat(g.effectiveIdentity(exporter).orElseThrow().credentials()).isEqualTo(CredentialStatus.WORKS);
        EffectiveIdentity refused = g.effectiveIdentity(web).orElseThrow();
        assertThat(refused.credentials()).isEqualTo(CredentialStatus.REFUSED);
        assertThat(refused.credentialsReason()).contains("web-1");
    }

    @Test
    void trustOnTheNamespaceTagIsDecidedForTheAssociation() {
        String trust = podIdentityTrustWith("{\"StringEquals\":{\"aws:RequestTag/kubernetes-namespace\":\"pay\","
                + "\"aws:RequestTag/eks-cluster-name\":\"prod\"}}");
        PodInfo pod = pod("pay", "api-1", "api", PodCredentials.podIdentityVars(), T0.plusSeconds(120));
        IdentityGraph g = graph(base().serviceAccount(sa("pay", "api")).role(role(ROLE, trust))
                .association(association("a-1", "pay", "api", ROLE, T0)).pod(pod).build());
        assertThat(g.serviceAccount(pod.serviceAccountRef()).orElseThrow().podIdentityCheck().status())
                .isEqualTo(EdgeStatus.OK);
        assertThat(g.effectiveIdentity(pod).orElseThrow().grantedRole()).contains(ROLE);
    }

    @Test
    void podIdentityVariablesWithoutAnAssociationAreRefusedAndNodeRolePodsAreNotChecked() {
        PodInfo orphan = pod("pay", "api-1", "api", PodCredentials.podIdentityVars(), T0);
        PodInfo plain = pod("pay", "batch-1", "batch", PodCredentials.NONE, T0);
        IdentityGraph g = graph(base().serviceAccount(sa("pay", "api")).serviceAccount(sa("pay", "batch"))
                .pod(orphan).pod(plain).build());
        assertThat(g.effectiveIdentity(orphan).orElseThrow().credentials()).isEqualTo(CredentialStatus.REFUSED);
        assertThat(g.effectiveIdentity(plain).orElseThrow().credentials())
                .isEqualTo(CredentialStatus.NOT_APPLICABLE);
    }
}
