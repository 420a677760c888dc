package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.findings.FindingsAnalyzer;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import io.eksid.ui.graph.ViewGraphBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The presentation function on hand-made states: what it derives, what it reuses, when it stops opening. */
class PresenterTest {

    final Presenter presenter = new Presenter();

    static IdentityState stateOf(ClusterSnapshot s) {
        IdentityGraph g = IdentityGraph.build(s, new TrustEvaluator());
        return new IdentityState("prod", s, g, new FindingsAnalyzer(new TrustEvaluator(), new TrustInspector())
                .analyze(s, g), List.of(), 1, Instant.EPOCH, null);
    }

    @Test
    void aSmallGraphOpensEveryNamespace() {
        Presentation p = presenter.present(UiFixtures.state(), ViewOptions.INITIAL);
        assertThat(p.expanded()).containsExactlyInAnyOrder("ns:pay", "ns:search");
        assertThat(p.autoExpandEnded()).isFalse();
        assertThat(p.graph().indexOf("sa:search/indexer")).isNotNegative();
        // once the user chose, nothing opens by itself
        Presentation chosen = presenter.present(UiFixtures.state(), new ViewOptions(Set.of("ns:pay"),
                ViewGraphBuilder.Filter.ALL, false));
        assertThat(chosen.expanded()).containsExactly("ns:pay");
        assertThat(chosen.graph().indexOf("sa:search/indexer")).isNegative();
    }

    @Test
    void aGraphTooLargeToReadOpenEndsAutomaticExpansion() {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder(UiFixtures.CLUSTER).namespace(NamespaceInfo.of("big"));
        for (int i = 0; i <= Presenter.EXPAND_ALL_LIMIT; i++) {
            b.serviceAccount(ServiceAccountInfo.of("big", "sa-" + i, Map.of()));
        }
        Presentation p = presenter.present(stateOf(b.build()), ViewOptions.INITIAL);
        assertThat(p.autoExpandEnded()).isTrue();
        assertThat(p.expanded()).isEmpty();
        assertThat(p.tables().serviceAccounts()).hasSize(Presenter.EXPAND_ALL_LIMIT + 1);
    }

    @Test
    void whatDependsOnTheStateAloneIsReusedWhileOnlyTheViewChanges() {
        IdentityState s = UiFixtures.state();
        Presentation all = presenter.present(s, ViewOptions.INITIAL);
        Presentation onePlace = presenter.present(s, new ViewOptions(Set.of(), new ViewGraphBuilder.Filter(
                Set.of("search"), false, false), true));
        assertThat(onePlace.tables()).isSameAs(all.tables());
        assertThat(onePlace.inspector()).isSameAs(all.inspector());
        assertThat(onePlace.graph().nodeCount()).isLessThan(all.graph().nodeCount());
        Presentation next = presenter.present(UiFixtures.state(), ViewOptions.INITIAL);
        assertThat(next.tables()).isNotSameAs(all.tables()).isEqualTo(all.tables());
    }
}
