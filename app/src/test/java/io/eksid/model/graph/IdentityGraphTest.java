package io.eksid.model.graph;

import static io.eksid.model.graph.GraphFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.trust.TrustEvaluator;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IdentityGraphTest {

    private static final String API_ROLE = roleArn("pay-api");
    private static final ServiceAccountRef API = new ServiceAccountRef("pay", "api");

    private static IdentityGraph graph(ClusterSnapshot snapshot) {
        return IdentityGraph.build(snapshot, new TrustEvaluator());
    }

    private static GraphEdge edge(IdentityGraph g, EdgeKind kind, String from) {
        return g.edgesFrom(from).stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void healthyIrsaMappingIsOkAndItsPodRunsOnTheAnnotatedRole() {
        PodInfo pod = pod("pay", "api-1", "api", PodCredentials.irsaVars(API_ROLE), T0);
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                .role(role(API_ROLE, irsaTrust("pay", "api"))).pod(pod).build());

        GraphEdge irsa = edge(g, EdgeKind.IRSA, "sa:pay/api");
        assertThat(irsa.status()).isEqualTo(EdgeStatus.OK);
        assertThat(irsa.to()).isEqualTo("role:" + API_ROLE);
        assertThat(g.serviceAccount(API).orElseThrow().irsaCheck().decision().allowed()).isTrue();
        EffectiveIdentity id = g.effectiveIdentity(pod).orElseThrow();
        assertThat(id.mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(id.roleArn()).isEqualTo(API_ROLE);
        assertThat(id.stale()).isFalse();
        assertThat(g.convertibleIrsaMappings()).extracting(ServiceAccountIdentity::ref).containsExactly(API);
        // role -> the cluster's OIDC provider, which exists
        GraphEdge trustsProvider = edge(g, EdgeKind.TRUSTS_OIDC_PROVIDER, "role:" + API_ROLE);
        assertThat(trustsProvider.to()).isEqualTo("oidc:" + PROVIDER_ARN);
        assertThat(trustsProvider.status()).isEqualTo(EdgeStatus.OK);
    }

    @Test
    void podIdentityWinsOverIrsaForNewPodsAndTheIrsaEdgeIsShadowed() {
        String piRole = roleArn("pay-api-pi");
        PodInfo pod = pod("pay", "api-2", "api", PodCredentials.podIdentityVars(), T0.plusSeconds(60));
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                .role(role(API_ROLE, irsaTrust("pay", "api"))).role(role(piRole, podIdentityTrust()))
                .association(association("a-1", "pay", "api", piRole, T0)).pod(pod).build());

        ServiceAccountIdentity sa = g.serviceAccount(API).orElseThrow();
        assertThat(sa.irsaShadowed()).isTrue();
        assertThat(sa.newPod().mechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(sa.newPod().roleArn()).isEqualTo(piRole);
        assertThat(edge(g, EdgeKind.IRSA, "sa:pay/api").status()).isEqualTo(EdgeStatus.SHADOWED);
        assertThat(edge(g, EdgeKind.ASSOCIATION, "sa:pay/api").to()).isEqualTo("assoc:a-1");
        assertThat(edge(g, EdgeKind.ASSOCIATION_ROLE, "assoc:a-1").status()).isEqualTo(EdgeStatus.OK);
        EffectiveIdentity id = g.effectiveIdentity(pod).orElseThrow();
        assertThat(id.mechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(id.roleArn()).isEqualTo(piRole);
        assertThat(id.stale()).isFalse();
        assertThat(g.convertibleIrsaMappings()).isEmpty();
    }

    @Test
    void podStartedBeforeTheAssociationKeepsIrsaAndIsStale() {
        String piRole = roleArn("pay-api-pi");
        PodInfo old = pod("pay", "api-old", "api", PodCredentials.irsaVars(API_ROLE), T0);
        PodInfo fresh = pod("pay", "api-new", "api", PodCredentials.podIdentityVars(), T0.plus(Duration.ofHours(2)));
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                .role(role(API_ROLE, irsaTrust("pay", "api"))).role(role(piRole, podIdentityTrust()))
                .association(association("a-1", "pay", "api", piRole, T0.plus(Duration.ofHours(1))))
                .pod(old).pod(fresh).build());

        EffectiveIdentity oldId = g.effectiveIdentity(old).orElseThrow();
        assertThat(oldId.mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(oldId.roleArn()).isEqualTo(API_ROLE);
        assertThat(oldId.stale()).isTrue();
        assertThat(oldId.expectedForNewPod()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(oldId.reason()).contains("before association a-1 was created");
        assertThat(g.effectiveIdentity("pod:pay/api-new").orElseThrow().stale()).isFalse();
        assertThat(g.counts().stalePods()).isEqualTo(1);
    }

    @Test
    void irsaRoleArnDifferentFromTheAnnotationIsStale() {
        String oldRole = roleArn("pay-api-old");
        PodInfo pod = pod("pay", "api-1", "api", PodCredentials.irsaVars(oldRole), T0);
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                .role(role(API_ROLE, irsaTrust("pay", "api"))).pod(pod).build());

        EffectiveIdentity id = g.effectiveIdentity(pod).orElseThrow();
        assertThat(id.mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(id.roleArn()).isEqualTo(oldRole);
        assertThat(id.stale()).isTrue();
        assertThat(id.reason()).contains(oldRole).contains("annotation now names " + API_ROLE);
    }

    @Test
    void podsOutlivingAnAnnotationChangeSayWhatChanged() {
        PodInfo beforeRemoval = pod("pay", "batch-1", "batch", PodCredentials.irsaVars(API_ROLE), T0);
        PodInfo beforeAnnotation = pod("pay", "api-0", "api", PodCredentials.NONE, T0);
        IdentityGraph g = graph(base().serviceAccount(sa("pay", "batch"))
                .serviceAccount(irsaSa("pay", "api", API_ROLE)).role(role(API_ROLE, irsaTrust("pay", "api")))
                .pod(beforeRemoval).pod(beforeAnnotation).build());

        EffectiveIdentity removed = g.effectiveIdentity(beforeRemoval).orElseThrow();
        assertThat(removed.stale()).isTrue();
        assertThat(removed.expectedForNewPod()).isEqualTo(Mechanism.NODE_ROLE);
        assertThat(removed.reason()).contains("annotation was removed");
        EffectiveIdentity notYet = g.effectiveIdentity(beforeAnnotation).orElseThrow();
        assertThat(notYet.mechanism()).isEqualTo(Mechanism.NODE_ROLE);
        assertThat(notYet.stale()).isTrue();
        assertThat(notYet.reason()).contains("before the IRSA annotation was set");
    }

    @Test
    void fargateAndEc2PodsWithoutIdentityVariables() {
        PodInfo ec2 = pod("pay", "batch-1", "batch", PodCredentials.NONE, T0);
        PodInfo fargate = fargatePod("pay", "batch-2", "batch", PodCredentials.NONE);
        IdentityGraph g = graph(base().serviceAccount(sa("pay", "batch")).pod(ec2).pod(fargate).build());

        assertThat(g.effectiveIdentity(ec2).orElseThrow().mechanism()).isEqualTo(Mechanism.NODE_ROLE);
        EffectiveIdentity onFargate = g.effectiveIdentity(fargate).orElseThrow();
        assertThat(onFargate.mechanism()).isEqualTo(Mechanism.NONE);
        assertThat(onFargate.stale()).isFalse();
        assertThat(onFargate.reason()).contains("Fargate");
    }

    @Test
    void fargatePodOfAnAssociatedServiceAccountGetsNothingFromPodIdentity() {
        String piRole = roleArn("batch-pi");
        PodInfo fargate = fargatePod("pay", "batch-2", "batch", PodCredentials.podIdentityVars());
        IdentityGraph g = graph(base().serviceAccount(sa("pay", "batch")).role(role(piRole, podIdentityTrust()))
                .association(association("a-2", "pay", "batch", piRole, T0)).pod(fargate).build());

        ServiceAccountIdentity sa = g.serviceAccount(new ServiceAccountRef("pay", "batch")).orElseThrow();
        assertThat(sa.newPod().mechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        ExpectedIdentity onFargate = sa.expectedFor(true, false);
        assertThat(onFargate.mechanism()).isEqualTo(Mechanism.NONE);
        assertThat(onFargate.reason()).contains("not supported on Fargate");
        assertThat(sa.expectedFor(false, true).mechanism()).isEqualTo(Mechanism.NONE);
        EffectiveIdentity id = g.effectiveIdentity(fargate).orElseThrow();
        assertThat(id.mechanism()).isEqualTo(Mechanism.NONE);
        assertThat(id.stale()).isFalse();
    }

    @Test
    void malformedAnnotationIsABrokenEdgeNotACrash() {
        PodInfo pod = pod("pay", "api-1", "api", PodCredentials.irsaVars("arn:aws:iam::1234:role/x"), T0);
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", "arn:aws:iam::1234:role/x"))
                .pod(pod).build());

        ServiceAccountIdentity sa = g.serviceAccount(API).orElseThrow();
        assertThat(sa.irsaAnnotationMalformed()).isTrue();
        GraphEdge irsa = edge(g, EdgeKind.IRSA, "sa:pay/api");
        assertThat(irsa.status()).isEqualTo(EdgeStatus.BROKEN);
        assertThat(irsa.reason()).contains("malformed").contains("12-digit");
        assertThat(g.node(irsa.to()).orElseThrow().exists()).isFalse();
        assertThat(g.effectiveIdentity(pod).orElseThrow().stale()).isFalse();
        assertThat(g.convertibleIrsaMappings()).isEmpty();
    }

    @Test
    void irsaRoleInAnotherAccountThatCannotBeReadIsUnprovable() {
        String foreign = otherAccountRoleArn("shared-reader");
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", foreign))
                .unreadableRole(foreign, "AccessDenied: role is in account " + OTHER_ACCOUNT).build());

        GraphEdge irsa = edge(g, EdgeKind.IRSA, "sa:pay/api");
        assertThat(irsa.status()).isEqualTo(EdgeStatus.UNPROVABLE);
        assertThat(irsa.reason()).contains("AccessDenied");
        assertThat(g.role(foreign).orElseThrow().availability()).isEqualTo(RoleAvailability.UNREADABLE);
    }

    @Test
    void readableIrsaRoleInAnotherAccountTrustsTheProviderInItsOwnAccount() {
        String foreign = otherAccountRoleArn("shared-reader");
        String foreignProvider = "arn:aws:iam::" + OTHER_ACCOUNT + ":oidc-provider/" + ISSUER_HOST;
        PodInfo pod = pod("pay", "api-1", "api", PodCredentials.irsaVars(foreign), T0);
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", foreign))
                .role(role(foreign, irsaTrust(foreignProvider, ISSUER_HOST, "system:serviceaccount:pay:api")))
                .pod(pod).build());

        assertThat(edge(g, EdgeKind.IRSA, "sa:pay/api").status()).isEqualTo(EdgeStatus.OK);
        // the other account's providers were not read: the provider edge is unprovable, not broken
        assertThat(edge(g, EdgeKind.TRUSTS_OIDC_PROVIDER, "role:" + foreign).status())
                .isEqualTo(EdgeStatus.UNPROVABLE);
        EffectiveIdentity id = g.effectiveIdentity(pod).orElseThrow();
        assertThat(id.mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(id.roleArn()).isEqualTo(foreign);
        assertThat(id.stale()).isFalse();
    }

    @Test
    void missingRoleAndMissingProviderAreBroken() {
        IdentityGraph missingRole = graph(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                .unreadableRole(API_ROLE, "NoSuchEntity: The role with name pay-api cannot be found.").build());
        assertThat(edge(missingRole, EdgeKind.IRSA, "sa:pay/api").status()).isEqualTo(EdgeStatus.BROKEN);
        assertThat(edge(missingRole, EdgeKind.IRSA, "sa:pay/api").reason()).contains("does not exist");

        IdentityGraph noProvider = graph(ClusterSnapshot.builder(CLUSTER).namespace(io.eksid.model.NamespaceInfo
                .of("pay")).serviceAccount(irsaSa("pay", "api", API_ROLE))
                .role(role(API_ROLE, irsaTrust("pay", "api"))).build());
        GraphEdge irsa = edge(noProvider, EdgeKind.IRSA, "sa:pay/api");
        assertThat(irsa.status()).isEqualTo(EdgeStatus.BROKEN);
        assertThat(irsa.reason()).contains("OIDC provider").contains("does not exist");
        assertThat(edge(noProvider, EdgeKind.TRUSTS_OIDC_PROVIDER, "role:" + API_ROLE).status())
                .isEqualTo(EdgeStatus.BROKEN);
    }

    @Test
    void trustThatDoesNotAdmitTheServiceAccountIsBrokenWithTheEvaluatorsReason() {
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                .role(role(API_ROLE, irsaTrust("pay", "worker"))).build());

        GraphEdge irsa = edge(g, EdgeKind.IRSA, "sa:pay/api");
        assertThat(irsa.status()).isEqualTo(EdgeStatus.BROKEN);
        MappingCheck check = g.serviceAccount(API).orElseThrow().irsaCheck();
        assertThat(check.decision()).isNotNull();
        assertThat(check.decision().allowed()).isFalse();
        assertThat(irsa.reason()).contains(check.decision().reason());
    }

    @Test
    void malformedTrustPolicyMakesTheMappingUnprovable() {
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                .role(role(API_ROLE, "{\"Version\":\"2012-10-17\",\"Statement\":[")).build());

        GraphEdge irsa = edge(g, EdgeKind.IRSA, "sa:pay/api");
        assertThat(irsa.status()).isEqualTo(EdgeStatus.UNPROVABLE);
        assertThat(irsa.reason()).contains("could not be parsed");
        assertThat(g.role(API_ROLE).orElseThrow().parseError()).isNotNull();
    }

    @Test
    void associationRoleInAnotherAccountOrWithoutTagSessionIsBroken() {
        String foreign = otherAccountRoleArn("pi");
        String assumeOnly = roleArn("assume-only");
        IdentityGraph g = graph(base().serviceAccount(sa("pay", "api")).serviceAccount(sa("pay", "worker"))
                .role(role(foreign, podIdentityTrust())).role(role(assumeOnly, podIdentityTrustAssumeOnly()))
                .association(association("a-1", "pay", "api", foreign, T0))
                .association(association("a-2", "pay", "worker", assumeOnly, T0)).build());

        GraphEdge cross = edge(g, EdgeKind.ASSOCIATION_ROLE, "assoc:a-1");
        assertThat(cross.status()).isEqualTo(EdgeStatus.BROKEN);
        assertThat(cross.reason()).contains("cluster's account").contains("targetRoleArn");
        GraphEdge noTag = edge(g, EdgeKind.ASSOCIATION_ROLE, "assoc:a-2");
        assertThat(noTag.status()).isEqualTo(EdgeStatus.BROKEN);
        assertThat(noTag.reason()).contains("TagSession");
    }

    @Test
    void targetRoleChainIsCheckedAgainstTheAssociationRole() {
        String source = roleArn("pi-source");
        String target = otherAccountRoleArn("data-reader");
        PodInfo pod = pod("pay", "api-1", "api", PodCredentials.podIdentityVars(), T0);
        IdentityGraph g = graph(base().serviceAccount(sa("pay", "api")).role(role(source, podIdentityTrust()))
                .role(role(target, sourceRoleTrust(source)))
                .association(targetAssociation("a-1", "pay", "api", source, target)).pod(pod).build());

        assertThat(edge(g, EdgeKind.TARGET_ROLE, "assoc:a-1").status()).isEqualTo(EdgeStatus.OK);
        assertThat(g.effectiveIdentity(pod).orElseThrow().roleArn()).isEqualTo(target);

        IdentityGraph denied = graph(base().serviceAccount(sa("pay", "api")).role(role(source, podIdentityTrust()))
                .role(role(target, sourceRoleTrust(roleArn("someone-else"))))
                .association(targetAssociation("a-1", "pay", "api", source, target)).build());
        assertThat(edge(denied, EdgeKind.TARGET_ROLE, "assoc:a-1").status()).isEqualTo(EdgeStatus.BROKEN);
    }

    @Test
    void associationForAMissingServiceAccountGetsAPlaceholderAndABrokenLink() {
        String piRole = roleArn("ghost");
        IdentityGraph g = graph(base().role(role(piRole, podIdentityTrust()))
                .association(association("a-9", "pay", "ghost", piRole, T0)).build());

        GraphNode sa = g.node("sa:pay/ghost").orElseThrow();
        assertThat(sa.exists()).isFalse();
        GraphEdge link = edge(g, EdgeKind.ASSOCIATION, "sa:pay/ghost");
        assertThat(link.status()).isEqualTo(EdgeStatus.BROKEN);
        assertThat(link.reason()).contains("does not exist");
        assertThat(g.counts().serviceAccounts()).isZero();
    }

    @Test
    void missingAgentBreaksTheAssociationLinkButAutoModeCountsAsPresent() {
        String piRole = roleArn("pi");
        ClusterSnapshot.Builder noAgent = ClusterSnapshot.builder(CLUSTER).namespace(io.eksid.model.NamespaceInfo
                .of("pay")).serviceAccount(sa("pay", "api")).role(role(piRole, podIdentityTrust()))
                .association(association("a-1", "pay", "api", piRole, T0));
        IdentityGraph g = graph(noAgent.build());
        assertThat(g.agentStatus().state()).isEqualTo(AgentStatus.State.MISSING);
        assertThat(edge(g, EdgeKind.ASSOCIATION, "sa:pay/api").status()).isEqualTo(EdgeStatus.BROKEN);

        io.eksid.model.ClusterInfo auto = new io.eksid.model.ClusterInfo("prod", null, ACCOUNT,
                io.eksid.model.Partition.AWS, "eu-west-1", "https://" + ISSUER_HOST, "1.31", "eks.3", true);
        IdentityGraph autoMode = graph(ClusterSnapshot.builder(auto).namespace(io.eksid.model.NamespaceInfo.of("pay"))
                .serviceAccount(sa("pay", "api")).role(role(piRole, podIdentityTrust()))
                .association(association("a-1", "pay", "api", piRole, T0)).build());
        assertThat(autoMode.agentStatus().present()).isTrue();
        assertThat(edge(autoMode, EdgeKind.ASSOCIATION, "sa:pay/api").status()).isEqualTo(EdgeStatus.OK);
    }

    @Test
    void queriesIndexEdgesBothWaysAndCountWhatExists() {
        PodInfo pod = pod("pay", "api-1", "api", PodCredentials.irsaVars(API_ROLE), T0);
        IdentityGraph g = graph(base().serviceAccount(irsaSa("pay", "api", API_ROLE)).serviceAccount(sa("pay", "default"))
                .workload(deployment("pay", "api", "api"))
                .role(role(API_ROLE, irsaTrust("pay", "api"))).pod(pod).build());

        assertThat(g.edgesTo("sa:pay/api")).extracting(GraphEdge::from)
                .containsExactlyInAnyOrder("ns:pay", "wl:pay/Deployment/api", "pod:pay/api-1");
        assertThat(g.edgesFrom("pod:pay/api-1")).extracting(GraphEdge::kind)
                .containsExactlyInAnyOrder(EdgeKind.RUNS_AS, EdgeKind.OWNED_BY);
        assertThat(g.node("ns:pay").orElseThrow().kind()).isEqualTo(NodeKind.NAMESPACE);
        assertThat(g.node("nope")).isEmpty();
        assertThat(g.counts()).isEqualTo(new IdentityCounts(1, 2, 1, 1, 0, 1, 0));
        assertThat(g.podsOf(API)).containsExactly(pod);
        // every edge's ends are nodes of the graph
        Set<String> ids = g.nodes().stream().map(GraphNode::id).collect(Collectors.toSet());
        assertThat(g.edges()).allSatisfy(e -> assertThat(ids).contains(e.from(), e.to()));
    }

    @Test
    void nodeIdsAreStableAcrossSnapshots() {
        ClusterSnapshot.Builder before = base().serviceAccount(irsaSa("pay", "api", API_ROLE))
                .role(role(API_ROLE, irsaTrust("pay", "api")))
                .pod(pod("pay", "api-1", "api", PodCredentials.irsaVars(API_ROLE), T0));
        Set<String> first = ids(graph(before.build()));
        Set<String> second = ids(graph(before.pod(pod("pay", "api-2", "api", PodCredentials.irsaVars(API_ROLE), T0))
                .build()));
        assertThat(second).containsAll(first).contains("pod:pay/api-2");
        assertThat(second).hasSize(first.size() + 1);
    }

    @Test
    void buildsAFiftyThousandPodGraph() {
        ClusterSnapshot.Builder b = base();
        for (int s = 0; s < 500; s++) {
            String name = "svc-" + s;
            String arn = roleArn("role-" + s);
            b.serviceAccount(irsaSa("pay", name, arn)).role(role(arn, irsaTrust("pay", name)))
                    .workload(deployment("pay", name, name));
            for (int p = 0; p < 100; p++) {
                b.pod(pod("pay", name + "-" + p, name, PodCredentials.irsaVars(arn), T0));
            }
        }
        IdentityGraph g = graph(b.build());
        assertThat(g.counts().pods()).isEqualTo(50_000);
        assertThat(g.counts().stalePods()).isZero();
        assertThat(g.effectiveIdentity("pod:pay/svc-499-99").orElseThrow().mechanism()).isEqualTo(Mechanism.IRSA);
    }

    private static Set<String> ids(IdentityGraph g) {
        return g.nodes().stream().map(GraphNode::id).collect(Collectors.toSet());
    }

}
