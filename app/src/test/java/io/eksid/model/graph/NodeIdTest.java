package io.eksid.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Every node id prints and parses back; text that is no id is refused with the form it should have. */
class NodeIdTest {

    @Property(tries = 500)
    void printThenParseIsIdentity(@ForAll("ids") NodeId id) {
        assertThat(NodeId.parse(id.print())).isEqualTo(id);
        assertThat(NodeId.tryParse(id.print())).contains(id);
    }

    @Property(tries = 200)
    void nodeIdsPrintsTheSameIds(@ForAll("names") String ns, @ForAll("names") String name, @ForAll("arns") String arn) {
        ServiceAccountRef ref = new ServiceAccountRef(ns, name);
        assertThat(NodeId.parse(NodeIds.serviceAccount(ref))).isEqualTo(new NodeId.ServiceAccount(ref));
        assertThat(NodeId.parse(NodeIds.pod(ns, name))).isEqualTo(new NodeId.Pod(ns, name));
        assertThat(NodeId.parse(NodeIds.namespace(ns))).isEqualTo(new NodeId.Namespace(ns));
        assertThat(NodeId.parse(NodeIds.workload(ns, new WorkloadRef("Deployment", name))))
                .isEqualTo(new NodeId.Workload(ns, new WorkloadRef("Deployment", name)));
        assertThat(NodeId.parse(NodeIds.role(arn))).isEqualTo(new NodeId.Role(arn));
        assertThat(NodeId.parse(NodeIds.oidcProvider(arn))).isEqualTo(new NodeId.OidcProvider(arn));
        assertThat(NodeId.parse(NodeIds.association(null, ref))).isEqualTo(new NodeId.Association(ns + "/" + name));
        assertThat(NodeId.parse(NodeIds.association("a-" + name, ref))).isEqualTo(new NodeId.Association("a-" + name));
    }

    @Test
    void malformedIdsAreRefusedWithTheExpectedForm() {
        String[][] cases = {
            {"sa:shop", "'sa:shop' is not a valid node id: expected sa:NAMESPACE/NAME"},
            {"sa:shop/", "expected sa:NAMESPACE/NAME"},
            {"sa:/cart", "expected sa:NAMESPACE/NAME"},
            {"sa:a/b/c", "expected sa:NAMESPACE/NAME"},
            {"pod:shop", "expected pod:NAMESPACE/NAME"},
            {"wl:shop/cart", "expected wl:NAMESPACE/KIND/NAME"},
            {"ns:", "expected ns:NAMESPACE"},
            {"ns:a/b", "expected ns:NAMESPACE"},
            {"assoc:", "expected assoc:ASSOCIATION_ID"},
            {"user:bob", "'user:bob' is not a node id: it starts with none of ns:, wl:, pod:, sa:, assoc:, role:,"
                + " oidc:"},
            {"shop/cart", "is not a node id"},
            {"", "is not a node id"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> NodeId.parse(c[0])).as(c[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1]);
            assertThat(NodeId.tryParse(c[0])).as(c[0]).isEmpty();
        }
        assertThatThrownBy(() -> NodeId.parse(null)).hasMessage("the node id is missing");
    }

    @Test
    void rolesKeepTheirTextEvenWhenItIsNoArn() {
        assertThat(NodeId.parse("role:not an arn/with:colons")).isEqualTo(new NodeId.Role("not an arn/with:colons"));
        assertThat(NodeId.parse("role:")).isEqualTo(new NodeId.Role(""));
    }

    @Provide
    Arbitrary<String> names() {
        // DNS-1123 labels and subdomains: what Kubernetes allows for namespaces and object names
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
                .ofMinLength(1).ofMaxLength(20).filter(s -> Character.isLetterOrDigit(s.charAt(0))
                        && Character.isLetterOrDigit(s.charAt(s.length() - 1)));
        return Arbitraries.oneOf(label, label.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join(".", l)));
    }

    @Provide
    Arbitrary<String> arns() {
        Arbitrary<String> account = Arbitraries.strings().numeric().ofLength(12);
        Arbitrary<String> path = Arbitraries.strings().alpha().numeric().withChars("+=,.@_-").ofMinLength(1)
                .ofMaxLength(12).list().ofMaxSize(3).map(l -> l.isEmpty() ? "/" : "/" + String.join("/", l) + "/");
        Arbitrary<String> partition = Arbitraries.of("aws", "aws-cn", "aws-us-gov");
        Arbitrary<String> role = Combinators.combine(partition, account, path, names())
                .as((p, a, pa, n) -> "arn:" + p + ":iam::" + a + ":role" + pa + n);
        Arbitrary<String> provider = Combinators.combine(partition, account, names())
                .as((p, a, n) -> "arn:" + p + ":iam::" + a + ":oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/" + n);
        return Arbitraries.oneOf(role, provider, Arbitraries.strings().ofMaxLength(30));
    }

    @Provide
    Arbitrary<NodeId> ids() {
        Arbitrary<String> n = names();
        Arbitrary<String> kind = Arbitraries.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod");
        return Arbitraries.oneOf(
                n.map(NodeId.Namespace::new),
                Combinators.combine(n, kind, n).as((a, k, b) -> new NodeId.Workload(a, new WorkloadRef(k, b))),
                Combinators.combine(n, n).as(NodeId.Pod::new),
                Combinators.combine(n, n).as((a, b) -> new NodeId.ServiceAccount(new ServiceAccountRef(a, b))),
                Arbitraries.oneOf(n.map(s -> "a-" + s), Combinators.combine(n, n).as((a, b) -> a + "/" + b))
                        .map(NodeId.Association::new),
                arns().map(NodeId.Role::new),
                arns().map(NodeId.OidcProvider::new));
    }
}
