package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.graph.IdentityGraph;
import org.junit.jupiter.api.Test;

/** The search box's ranking over the graph of {@link UiFixtures}: exact label, prefix, substring, id; pods last. */
class NodeSearchTest {

    private static final String API_ROLE = "role:arn:aws:iam::111122223333:role/teams/pay/api";
    private final IdentityGraph graph = UiFixtures.state().graph();

    @Test
    void anExactLabelFindsTheServiceAccount() {
        assertThat(NodeSearch.best(graph, "pay/api")).contains("sa:pay/api");
        assertThat(NodeSearch.best(graph, "search/indexer")).contains("sa:search/indexer");
    }

    @Test
    void caseAndSurroundingBlanksDoNotMatter() {
        assertThat(NodeSearch.best(graph, "PAY/Api")).contains("sa:pay/api");
        assertThat(NodeSearch.best(graph, "  pay/worker \t")).contains("sa:pay/worker");
    }

    @Test
    void anExactLabelBeatsPrefixAndSubstringMatches() {
        // "api" is the role's label; it is also a prefix of pod api-0 and inside pay/api and Deployment/api
        assertThat(NodeSearch.best(graph, "api")).contains(API_ROLE);
        assertThat(NodeSearch.best(graph, "worker")).contains("role:arn:aws:iam::111122223333:role/worker");
    }

    @Test
    void aPrefixBeatsASubstring() {
        assertThat(NodeSearch.best(graph, "statefulset")).contains("wl:search/StatefulSet/indexer");
        assertThat(NodeSearch.best(graph, "pay/w")).contains("sa:pay/worker");
        assertThat(NodeSearch.best(graph, "a-1")).contains("assoc:a-1");
    }

    @Test
    void aSubstringOfTheLabelIsFound() {
        assertThat(NodeSearch.best(graph, "abcdef0123456789"))
                .contains("oidc:arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/"
                        + "ABCDEF0123456789");
        assertThat(NodeSearch.best(graph, "ment/api")).contains("wl:pay/Deployment/api");
    }

    @Test
    void theIdIsSearchedWhenNoLabelMatches() {
        // the role's label is "api": only its id names the path
        assertThat(NodeSearch.best(graph, "teams/pay")).contains(API_ROLE);
        assertThat(NodeSearch.best(graph, "111122223333:role/search"))
                .contains("role:arn:aws:iam::111122223333:role/search");
    }

    @Test
    void podsAreFoundByTheirName() {
        assertThat(NodeSearch.best(graph, "indexer-0")).contains("pod:search/indexer-0");
        assertThat(NodeSearch.best(graph, "API-1")).contains("pod:pay/api-1");
    }

    @Test
    void podsRankAfterEveryOtherMatch() {
        // "ker" is inside pay/worker, the role worker and Deployment/worker, and inside pod worker-0
        assertThat(NodeSearch.best(graph, "ker")).hasValueSatisfying(id -> assertThat(id)
                .isIn("sa:pay/worker", "role:arn:aws:iam::111122223333:role/worker", "wl:pay/Deployment/worker"));
        // only pods match: the pod is found
        assertThat(NodeSearch.best(graph, "worker-")).contains("pod:pay/worker-0");
        // a prefix of pod indexer-0 loses to labels that merely contain it (search/indexer, StatefulSet/indexer)
        assertThat(NodeSearch.best(graph, "indexer")).hasValueSatisfying(id -> assertThat(id).doesNotStartWith("pod:"));
    }

    @Test
    void aNamespaceIsFoundByName() {
        assertThat(NodeSearch.best(graph, "search")).hasValueSatisfying(id -> assertThat(id)
                .isIn("ns:search", "role:arn:aws:iam::111122223333:role/search"));
    }

    @Test
    void nothingIsFoundForNoMatchOrNoText() {
        assertThat(NodeSearch.best(graph, "no-such-thing")).isEmpty();
        assertThat(NodeSearch.best(graph, "")).isEmpty();
        assertThat(NodeSearch.best(graph, "   ")).isEmpty();
        assertThat(NodeSearch.best(graph, null)).isEmpty();
    }
}
