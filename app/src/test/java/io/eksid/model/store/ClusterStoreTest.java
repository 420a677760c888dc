package io.eksid.model.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.Partition;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ClusterStoreTest {

    private static final ClusterInfo CLUSTER = new ClusterInfo("c1", null, "111122223333", Partition.AWS,
            "us-west-2", "https://oidc.eks.us-west-2.amazonaws.com/id/ABC", "1.31", "eks.12", false);

    private final ClusterStore store = new ClusterStore("ctx", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private static PodInfo pod(String name) {
        return new PodInfo("ns", name, "uid-" + name, "sa", "node", null, "Running", Instant.EPOCH,
                PodCredentials.NONE, false, false, false);
    }

    @Test
    void identicalWritesDoNotCountAsChanges() {
        store.putNamespace(NamespaceInfo.of("ns"));
        long v = store.version();
        store.putNamespace(NamespaceInfo.of("ns"));
        store.removePod("ns", "absent");
        assertThat(store.version()).isEqualTo(v);
    }

    @Test
    void snapshotReflectsPutsAndRemoves() {
        store.putPod(pod("a"));
        store.putPod(pod("b"));
        store.removePod("ns", "a");
        assertThat(store.snapshot(CLUSTER).pods()).extracting(PodInfo::name).containsExactly("b");
    }

    @Test
    void roleIsEitherReadableOrUnreadableNeverBoth() {
        var arn = io.eksid.model.RoleArn.parse("arn:aws:iam::111122223333:role/app");
        store.markRoleUnreadable(arn.toString(), "AccessDenied");
        store.putRole(io.eksid.model.IamRole.of(arn, "{}"));
        var snap = store.snapshot(CLUSTER);
        assertThat(snap.roles()).containsKey(arn.toString());
        assertThat(snap.unreadableRoles()).isEmpty();
    }

    @Test
    void sourceSinceMovesOnlyWhenStateOrReasonChanges() {
        store.reportSource("kube/pods", SourceState.LIVE, "");
        long v = store.version();
        store.reportSource("kube/pods", SourceState.LIVE, null);
        assertThat(store.version()).isEqualTo(v);
        store.reportSource("kube/pods", SourceState.DEGRADED, "watch dropped, relisting");
        assertThat(store.sources()).singleElement()
                .extracting(SourceStatus::state).isEqualTo(SourceState.DEGRADED);
    }

    @Test
    void burstOfChangesCoalescesIntoFewRecomputations() {
        List<Runnable> queue = new ArrayList<>();
        Executor manual = queue::add;
        List<Long> seen = new ArrayList<>();
        SnapshotCoalescer coalescer = new SnapshotCoalescer(store, manual, seen::add);
        coalescer.start();
        for (int i = 0; i < 10_000; i++) {
            store.putPod(pod("p" + i));
        }
        // one run was requested by start(); every later change found it still pending
        assertThat(queue).hasSize(1);
        queue.remove(0).run();
        assertThat(coalescer.recomputations()).isEqualTo(1);
        assertThat(seen).containsExactly(store.version());
    }

    @Test
    void changeDuringRecomputationSchedulesExactlyOneMoreRun() {
        List<Runnable> queue = new ArrayList<>();
        int[] calls = {0};
        SnapshotCoalescer[] ref = new SnapshotCoalescer[1];
        ref[0] = new SnapshotCoalescer(store, queue::add, v -> {
            if (calls[0]++ == 0) {
                store.putPod(pod("late-1"));
                store.putPod(pod("late-2"));
            }
        });
        ref[0].start();
        queue.remove(0).run();
        assertThat(queue).hasSize(1);
        queue.remove(0).run();
        assertThat(queue).isEmpty();
        assertThat(ref[0].recomputations()).isEqualTo(2);
    }
}
