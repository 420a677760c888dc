package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SourceAggregatorTest {

    private final ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());

    private SourceStatus status() {
        return store.sources().get(0);
    }

    @Test
    void singleScopePassesStatesThrough() {
        SourceAggregator agg = new SourceAggregator(store, "kube/pods", 1, null);
        agg.part(0).state(SourceState.CONNECTING, "listing pods");
        assertThat(status().state()).isEqualTo(SourceState.CONNECTING);
        agg.part(0).state(SourceState.LIVE, "");
        assertThat(status().state()).isEqualTo(SourceState.LIVE);
        agg.part(0).state(SourceState.DEGRADED, "watch on pods dropped (reset); reconnecting");
        assertThat(status().reason()).isEqualTo("watch on pods dropped (reset); reconnecting");
        agg.part(0).state(SourceState.FORBIDDEN, "list pods failed: 403 Forbidden: no");
        assertThat(status().state()).isEqualTo(SourceState.FORBIDDEN);
    }

    @Test
    void namespaceFallbackIsDegradedWithItsScope() {
        SourceAggregator agg = new SourceAggregator(store, "kube/pods", 2, "list/watch pods cluster-wide is "
                + "forbidden; watching only a, b");
        agg.part(0).state(SourceState.LIVE, "");
        assertThat(status().state()).isEqualTo(SourceState.CONNECTING);
        agg.part(1).state(SourceState.LIVE, "");
        assertThat(status().state()).isEqualTo(SourceState.DEGRADED);
        assertThat(status().reason()).isEqualTo("list/watch pods cluster-wide is forbidden; watching only a, b");
        agg.part(1).state(SourceState.ERROR, "list pods in namespace b failed: HTTP 500");
        assertThat(status().state()).isEqualTo(SourceState.DEGRADED);
        assertThat(status().reason()).endsWith("list pods in namespace b failed: HTTP 500");
        agg.part(0).state(SourceState.ERROR, "x");
        assertThat(status().state()).isEqualTo(SourceState.ERROR);
    }

    @Test
    void agentReadyNeedsEveryScheduledAgentPodReady() {
        assertThat(ClusterWatcher.agentReady(new DaemonSetBuilder().build())).isFalse();
        assertThat(ClusterWatcher.agentReady(new DaemonSetBuilder().withNewStatus().withDesiredNumberScheduled(3)
                .withNumberReady(3).endStatus().build())).isTrue();
        assertThat(ClusterWatcher.agentReady(new DaemonSetBuilder().withNewStatus().withDesiredNumberScheduled(3)
                .withNumberReady(2).endStatus().build())).isFalse();
        assertThat(ClusterWatcher.agentReady(new DaemonSetBuilder().withNewStatus().withDesiredNumberScheduled(0)
                .withNumberReady(0).endStatus().build())).isFalse();
    }
}
