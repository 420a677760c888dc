package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The session-tag rules of EKS Pod Identity trust (UG pod-id-abac, FACTS.md), each against a naive model: the
 * association's namespace, service account and cluster tags are known; a pod's tags are decided per pod (never
 * allowed for the association as a whole); aws:TagKeys is exactly the six keys, or absent with session tags
 * disabled; chaining with session tags needs both sts:AssumeRole and sts:TagSession.
 */
class SessionTagTrustPropertiesTest {

    static final ClusterInfo PROD = new ClusterInfo("prod", null, "111122223333", Partition.AWS, "us-west-2",
            "https://oidc.eks.us-west-2.amazonaws.com/id/ABC", "1.30", "eks.1", false);
    static final RoleArn SOURCE = RoleArn.parse("arn:aws:iam::111122223333:role/eks/source");

    private final TrustEvaluator evaluator = new TrustEvaluator();

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("pay", "orders", "api", "worker", "exporter-1", "exporter-2a", "web-0", "x");
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("exporter-*", "*-1", "web-?", "x", "*", "api", "exp*r-2?");
    }

    private static TrustPolicy podIdentityWith(String operator, String key, List<String> values) throws Exception {
        return TrustPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Condition\":{\"" + operator + "\":{\"" + key + "\":" + json(values) + "}}}]}");
    }

    private static String json(List<String> values) {
        return "[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }

    @Property(tries = 200)
    void namespaceAndServiceAccountTagsAreTheAssociations(@ForAll("names") String ns, @ForAll("names") String sa,
                                                          @ForAll("names") String wanted, @ForAll boolean enabled)
            throws Exception {
        SessionTags tags = SessionTags.forAssociation(PROD, new ServiceAccountRef(ns, sa), enabled);
        TrustPolicy byNs = podIdentityWith("StringEquals", "aws:RequestTag/kubernetes-namespace", List.of(wanted));
        TrustPolicy bySa = podIdentityWith("StringEquals", "aws:RequestTag/kubernetes-service-account",
                List.of(wanted));
        assertThat(evaluator.podIdentity(byNs, PROD, tags).verdict())
                .isEqualTo(enabled && ns.equals(wanted) ? Verdict.ALLOWED : Verdict.NO_MATCHING_ALLOW);
        assertThat(evaluator.podIdentity(bySa, PROD, tags).verdict())
                .isEqualTo(enabled && sa.equals(wanted) ? Verdict.ALLOWED : Verdict.NO_MATCHING_ALLOW);
    }

    @Property(tries = 200)
    void podNameIsDecidedPerPodAndNeverForTheWholeAssociation(@ForAll("names") String pod,
                                                              @ForAll("patterns") String pattern) throws Exception {
        TrustPolicy p = podIdentityWith("StringLike", "aws:RequestTag/kubernetes-pod-name", List.of(pattern));
        SessionTags association = SessionTags.forAssociation(PROD, new ServiceAccountRef("pay", "api"), true);
        TrustDecision whole = evaluator.podIdentity(p, PROD, association);
        assertThat(whole.verdict()).isEqualTo(Verdict.UNPROVABLE);
        assertThat(whole.reason()).contains("Allowed for pods named " + pattern);
        boolean naive = pod.matches(regex(pattern));
        assertThat(evaluator.podIdentity(p, PROD, association.forPod(pod, "uid-" + pod)).verdict())
                .isEqualTo(naive ? Verdict.ALLOWED : Verdict.NO_MATCHING_ALLOW);
        SessionTags disabled = SessionTags.forAssociation(PROD, new ServiceAccountRef("pay", "api"), false);
        assertThat(evaluator.podIdentity(p, PROD, disabled.forPod(pod, "u")).verdict())
                .isEqualTo(Verdict.NO_MATCHING_ALLOW);
    }

    @Property(tries = 200)
    void tagKeysAreExactlyTheSixEksTags(@ForAll("keySets") Set<String> allowed, @ForAll boolean enabled)
            throws Exception {
        TrustPolicy all = podIdentityWith("ForAllValues:StringEquals", "aws:TagKeys", List.copyOf(allowed));
        TrustPolicy any = podIdentityWith("ForAnyValue:StringEquals", "aws:TagKeys", List.copyOf(allowed));
        SessionTags tags = SessionTags.forAssociation(PROD, new ServiceAccountRef("pay", "api"), enabled);
        Set<String> sent = enabled ? new HashSet<>(SessionTags.KEYS) : Set.of();
        boolean allHolds = allowed.containsAll(sent);
        boolean anyHolds = sent.stream().anyMatch(allowed::contains);
        assertThat(evaluator.podIdentity(all, PROD, tags).allowed()).isEqualTo(allHolds);
        assertThat(evaluator.podIdentity(any, PROD, tags).allowed()).isEqualTo(anyHolds);
    }

    @Provide
    Arbitrary<Set<String>> keySets() {
        return Arbitraries.of("eks-cluster-arn", "eks-cluster-name", "kubernetes-namespace",
                "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid", "team", "cost-center")
                .set().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 100)
    void chainingWithSessionTagsNeedsAssumeRoleAndTagSession(@ForAll boolean assume, @ForAll boolean tag,
                                                             @ForAll boolean enabled) throws Exception {
        if (!assume && !tag) {
            return;
        }
        List<String> actions = new java.util.ArrayList<>();
        if (assume) {
            actions.add("sts:AssumeRole");
        }
        if (tag) {
            actions.add("sts:TagSession");
        }
        TrustPolicy p = TrustPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + SOURCE + "\"},\"Action\":" + json(actions) + "}]}");
        SessionTags tags = SessionTags.forAssociation(PROD, new ServiceAccountRef("pay", "api"), enabled);
        boolean expected = enabled ? assume && tag : assume;
        assertThat(evaluator.sourceRole(p, SOURCE, PROD, tags).allowed()).isEqualTo(expected);
    }

    @Property(tries = 100)
    void clusterTagsAreAlwaysSentWithTagsEnabled(@ForAll("names") String ns, @ForAll boolean enabled)
            throws Exception {
        TrustPolicy arn = podIdentityWith("ArnEquals", "aws:RequestTag/eks-cluster-arn", List.of(PROD.arn()));
        TrustPolicy variable = podIdentityWith("StringEquals", "aws:RequestTag/eks-cluster-arn",
                List.of("${aws:SourceArn}"));
        SessionTags tags = SessionTags.forAssociation(PROD, new ServiceAccountRef(ns, "api"), enabled);
        assertThat(evaluator.podIdentity(arn, PROD, tags).allowed()).isEqualTo(enabled);
        assertThat(evaluator.podIdentity(variable, PROD, tags).allowed()).isEqualTo(enabled);
    }

    private static String regex(String glob) {
        return Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
    }
}
