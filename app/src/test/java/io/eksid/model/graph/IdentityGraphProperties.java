package io.eksid.model.graph;

import static io.eksid.model.graph.GraphFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;
import io.eksid.model.trust.TrustEvaluator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Rules that must hold for any snapshot: one IRSA edge per annotation, stale exactly when carried != expected. */
class IdentityGraphProperties {

    private static final List<String> ROLES = List.of(roleArn("a"), roleArn("b"), otherAccountRoleArn("c"),
            "arn:aws:iam::12:role/bad", "not-an-arn");

    /** One service account: its annotation (index into ROLES or -1), association role (index or -1). */
    record SaSpec(int annotation, int association, boolean exists) {
    }

    /** One pod: which SA, what it carries, where it runs. */
    record PodSpec(int sa, int creds, int irsaRole, boolean fargate, boolean windows) {
    }

    @Provide
    Arbitrary<List<SaSpec>> serviceAccounts() {
        return Combinators.combine(Arbitraries.integers().between(-1, ROLES.size() - 1),
                        Arbitraries.integers().between(-1, 2), Arbitraries.of(true, true, true, false))
                .as(SaSpec::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<PodSpec>> pods() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, ROLES.size() - 1), Arbitraries.of(false, false, true),
                        Arbitraries.of(false, false, true))
                .as(PodSpec::new).list().ofMaxSize(20);
    }

    private static ClusterSnapshot snapshot(List<SaSpec> sas, List<PodSpec> pods) {
        ClusterSnapshot.Builder b = base();
        b.role(role(roleArn("a"), irsaTrust("pay", "sa0"))).role(role(roleArn("b"), podIdentityTrust()));
        for (int i = 0; i < sas.size(); i++) {
            SaSpec s = sas.get(i);
            String name = "sa" + i;
            if (s.exists()) {
                b.serviceAccount(s.annotation() < 0 ? sa("pay", name) : irsaSa("pay", name, ROLES.get(s.annotation())));
            }
            if (s.association() >= 0) {
                b.association(association("a-" + i, "pay", name, ROLES.get(s.association()), T0.plusSeconds(30)));
            }
        }
        for (int i = 0; i < pods.size(); i++) {
            PodSpec p = pods.get(i);
            PodCredentials creds = switch (p.creds()) {
                case 0 -> PodCredentials.NONE;
                case 1 -> PodCredentials.podIdentityVars();
                default -> PodCredentials.irsaVars(ROLES.get(p.irsaRole()));
            };
            b.pod(new PodInfo("pay", "pod-" + i, "uid-" + i, "sa" + (p.sa() % sas.size()), "n",
                    new WorkloadRef("Deployment", "w"), "Running", T0.plusSeconds(i), creds, p.fargate(),
                    p.windows(), false));
        }
        return b.build();
    }

    @Property(tries = 300)
    void everyAnnotatedServiceAccountHasExactlyOneIrsaEdge(@ForAll("serviceAccounts") List<SaSpec> sas,
                                                          @ForAll("pods") List<PodSpec> pods) {
        IdentityGraph g = IdentityGraph.build(snapshot(sas, pods), new TrustEvaluator());
        for (ServiceAccountIdentity sa : g.serviceAccounts()) {
            long irsaEdges = g.edgesFrom(sa.nodeId()).stream().filter(e -> e.kind() == EdgeKind.IRSA).count();
            assertThat(irsaEdges).isEqualTo(sa.hasIrsaAnnotation() ? 1 : 0);
            if (sa.irsaShadowed()) {
                assertThat(g.edgesFrom(sa.nodeId())).filteredOn(e -> e.kind() == EdgeKind.IRSA)
                        .allSatisfy(e -> assertThat(e.status()).isEqualTo(EdgeStatus.SHADOWED));
            }
        }
        Set<String> ids = g.nodes().stream().map(GraphNode::id).collect(Collectors.toSet());
        assertThat(g.edges()).allSatisfy(e -> assertThat(ids).contains(e.from(), e.to()));
    }

    @Property(tries = 300)
    void aPodIsStaleExactlyWhenWhatItCarriesDiffersFromWhatANewPodWouldGet(
            @ForAll("serviceAccounts") List<SaSpec> sas, @ForAll("pods") List<PodSpec> pods) {
        ClusterSnapshot snapshot = snapshot(sas, pods);
        IdentityGraph g = IdentityGraph.build(snapshot, new TrustEvaluator());
        long stale = 0;
        for (PodInfo pod : snapshot.pods()) {
            EffectiveIdentity id = g.effectiveIdentity(pod).orElseThrow();
            ServiceAccountRef ref = pod.serviceAccountRef();
            ExpectedIdentity expected = g.serviceAccount(ref).orElseThrow().expectedFor(pod.fargate(), pod.windows());
            boolean differs = id.mechanism() != expected.mechanism() || !Objects.equals(id.roleArn(), expected.roleArn());
            assertThat(id.stale()).as(id.reason()).isEqualTo(differs);
            assertThat(id.expectedForNewPod()).isEqualTo(expected.mechanism());
            assertThat(id.reason()).isNotBlank();
            if (pod.fargate()) {
                assertThat(id.mechanism()).isNotIn(Mechanism.POD_IDENTITY, Mechanism.NODE_ROLE);
            }
            stale += id.stale() ? 1 : 0;
        }
        assertThat(g.counts().stalePods()).isEqualTo(stale);
    }
}
