package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.model.trust.TrustEvaluator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary strip counts nothing (and calls nothing broken or missing) before the data it needs has arrived. */
class IdentitySummaryTest {

    private static IdentityState live(ClusterSnapshot s, List<SourceStatus> sources) {
        return new IdentityState("prod", s, IdentityGraph.build(s, new TrustEvaluator()), List.of(), sources, 1,
                Instant.EPOCH, null);
    }

    private static SourceStatus src(String name, SourceState state) {
        return new SourceStatus(name, state, "", Instant.EPOCH);
    }

    @Test
    void aSessionsFirstStateWithNoSourceYetIsNotListedNorRead() {
        IdentitySummary s = IdentitySummary.of(live(ClusterSnapshot.builder(UiFixtures.CLUSTER).build(), List.of()));

        assertThat(s.kubeListed()).isFalse();
        assertThat(s.awsRead()).isFalse();
        assertThat(s.broken()).isZero();
    }

    @Test
    void kubernetesListedButAwsStillConnectingCountsMappingsButNothingBroken() {
        IdentitySummary s = IdentitySummary.of(live(UiFixtures.snapshot(), List.of(
                src("kube/serviceaccounts", SourceState.LIVE), src("kube/pods", SourceState.LIVE),
                src("aws/roles", SourceState.CONNECTING))));

        assertThat(s.kubeListed()).isTrue();
        assertThat(s.awsRead()).isFalse();
        assertThat(s.irsaMappings()).isEqualTo(2);
        assertThat(s.broken()).isZero();
        assertThat(s.convertible()).isZero();
    }

    @Test
    void onceEverySourceWasReadTheBrokenMappingCounts() {
        IdentitySummary s = IdentitySummary.of(live(UiFixtures.snapshot(), List.of(
                src("kube/serviceaccounts", SourceState.LIVE), src("kube/pods", SourceState.LIVE),
                src("aws/roles", SourceState.LIVE))));

        assertThat(s.kubeListed()).isTrue();
        assertThat(s.awsRead()).isTrue();
        // search/indexer's role trusts search/someone-else
        assertThat(s.broken()).isEqualTo(1);
    }

    @Test
    void aStateBuiltFromAFinishedSnapshotWithoutSourcesCountsAsRead() {
        IdentitySummary s = IdentitySummary.of(UiFixtures.state());

        assertThat(s.kubeListed()).isTrue();
        assertThat(s.awsRead()).isTrue();
    }
}
