package io.eksid.model.findings;

import static io.eksid.model.graph.GraphFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the snapshot holds (malformed ARNs, broken JSON, wildcards), analysis completes and is actionable. */
class FindingsAnalyzerProperties {

    private static final List<String> ROLE_REFS = List.of(roleArn("r0"), roleArn("r1"), roleArn("teams/r2"),
            otherAccountRoleArn("r3"), "arn:aws:iam::1:role/short", "r5", "arn:aws:s3:::bucket");
    private static final List<String> TRUSTS = List.of(
            irsaTrust("pay", "sa0"), irsaTrust("pay", "sa1"), podIdentityTrust(), podIdentityTrustAssumeOnly(),
            "{\"Version\":\"2012-10-17\",\"Statement\":[", "not json at all", "",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + PROVIDER_ARN + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":"
                    + "{\"" + ISSUER_HOST + ":sub\":\"system:serviceaccount:*:*\"}}}]}");

    /** A service account: annotation (index or -1), association role (index or -1), trust of r0..r2. */
    record Spec(int annotation, int association, int trust, int creds, boolean fargate) {
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        return Combinators.combine(Arbitraries.integers().between(-1, ROLE_REFS.size() - 1),
                        Arbitraries.integers().between(-1, ROLE_REFS.size() - 1),
                        Arbitraries.integers().between(0, TRUSTS.size() - 1), Arbitraries.integers().between(0, 2),
                        Arbitraries.of(false, false, true))
                .as(Spec::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 200)
    void analysisNeverFailsAndEveryFindingIsActionable(@ForAll("specs") List<Spec> specs,
                                                       @ForAll boolean agent, @ForAll boolean provider) {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder(CLUSTER).namespace(io.eksid.model.NamespaceInfo.of("pay"))
                .trustPolicyQuota(400);
        if (agent) {
            b.addon(agentAddon("ACTIVE"));
        }
        if (provider) {
            b.oidcProvider(provider());
        }
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            String name = "sa" + i;
            b.serviceAccount(s.annotation() < 0 ? sa("pay", name) : irsaSa("pay", name, ROLE_REFS.get(s.annotation())));
            if (i < 3) {
                b.role(role(ROLE_REFS.get(i), TRUSTS.get(s.trust())));
            }
            if (s.association() >= 0) {
                b.association(association("a-" + i, "pay", name, ROLE_REFS.get(s.association()), T0.plusSeconds(i)));
            }
            PodCredentials creds = switch (s.creds()) {
                case 0 -> PodCredentials.NONE;
                case 1 -> PodCredentials.podIdentityVars();
                default -> PodCredentials.irsaVars(ROLE_REFS.get(i % ROLE_REFS.size()));
            };
            b.pod(new PodInfo("pay", name + "-pod", "u" + i, name, "n", new WorkloadRef("Deployment", name),
                    "Running", T0, creds, s.fargate(), false, false));
        }
        b.unreadableRole(otherAccountRoleArn("r3"), "AccessDenied");
        ClusterSnapshot snapshot = b.build();
        IdentityGraph graph = IdentityGraph.build(snapshot, new TrustEvaluator());

        List<Finding> findings = new FindingsAnalyzer(new TrustEvaluator(), new TrustInspector())
                .analyze(snapshot, graph);

        Set<String> codes = Arrays.stream(FindingCode.values()).map(FindingCode::code).collect(Collectors.toSet());
        assertThat(findings).allSatisfy(f -> {
            assertThat(codes).contains(f.code());
            assertThat(f.message()).isNotBlank();
            assertThat(f.fix()).isNotBlank();
            assertThat(graph.node(f.subject()).isPresent() || f.subject().startsWith("arn:"))
                    .as("subject %s is a node id or an ARN", f.subject()).isTrue();
        });
        assertThat(findings).doesNotHaveDuplicates();
    }
}
