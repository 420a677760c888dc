package io.eksid.ui.tour;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.ui.UiFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tour's stops come from what the cluster holds, and a stop without a subject is left out. */
class TourPlanTest {

    @Test
    void pointsAtTheBrokenMappingTheWorkingOneAndTheConvertButton() {
        List<TourStop> stops = TourPlan.of(UiFixtures.state());

        assertThat(stops).extracting(TourStop::title)
                .containsExactly("A broken mapping", "Ready for Pod Identity", "Convert in one step");
        // search/indexer's role trusts search/someone-else: broken; pay/api's role trusts it: converts cleanly
        assertThat(stops.get(0).nodeId()).isEqualTo("sa:search/indexer");
        assertThat(stops.get(0).text()).contains("search/indexer").contains("fail");
        assertThat(stops.get(1).nodeId()).isEqualTo("sa:pay/api");
        assertThat(stops.get(1).text()).contains("gets role api through IRSA");
        assertThat(stops.get(2).controlId()).isEqualTo("convert-irsa");
        assertThat(stops.get(2).text()).contains("all 2 IRSA mappings");
    }

    @Test
    void aClusterWithoutIrsaOnlyShowsTheConvertButtonAndSaysThereIsNothingToConvert() {
        ClusterSnapshot empty = ClusterSnapshot.builder(UiFixtures.CLUSTER).build();
        IdentityState s = new IdentityState("prod", empty, IdentityGraph.build(empty, new TrustEvaluator()),
                List.of(), List.of(), 1, Instant.EPOCH, null);

        List<TourStop> stops = TourPlan.of(s);

        assertThat(stops).singleElement().satisfies(stop -> {
            assertThat(stop.controlId()).isEqualTo("convert-irsa");
            assertThat(stop.text()).startsWith("Nothing here needs converting now.");
        });
    }

    @Test
    void noStateNoTour() {
        assertThat(TourPlan.of(null)).isEmpty();
    }
}
