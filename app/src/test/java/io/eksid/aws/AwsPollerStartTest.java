package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import io.eksid.model.time.Backoff;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first round: sources start together, and one that needs the cluster description waits for it. */
class AwsPollerStartTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    private final List<String> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private final class Source implements AwsSource {
        final String name;
        final boolean needsCluster;
        final Runnable body;

        Source(String name, boolean needsCluster, Runnable body) {
            this.name = name;
            this.needsCluster = needsCluster;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String refresh() {
            started.add(name);
            body.run();
            return "";
        }

        @Override
        public boolean needsCluster() {
            return needsCluster;
        }
    }

    private AwsPoller poller(ClusterStore store, List<AwsSource> sources) {
        AwsProfile profile = new AwsProfile("p", ProfileKind.STATIC_KEYS, "us-west-2", false, null, null, null, null,
                null, null);
        AwsFailures failures = new AwsFailures(new SsoSessions(new SsoTokenCache(dir), Clock.systemUTC()));
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 0.5);
        return new AwsPoller(store, sources, executor, backoff, failures, profile, Duration.ofMinutes(5));
    }

    private static ClusterInfo cluster() {
        return new ClusterInfo("c", "arn:aws:eks:us-west-2:111122223333:cluster/c", "111122223333", Partition.AWS,
                "us-west-2", null, null, null, false);
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other sources did not poll at the same time", e);
        }
    }

    @Test
    void everySourcePollsAtTheSameTimeInTheFirstRound() {
        ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());
        store.setCluster(cluster());
        CyclicBarrier all = new CyclicBarrier(3); // passes only when three polls are in progress at once
        AwsPoller poller = poller(store, List.of(new Source("aws/a", false, () -> meet(all)),
                new Source("aws/b", false, () -> meet(all)), new Source("aws/roles", true, () -> meet(all))));

        poller.start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.sources())
                .allMatch(s -> s.state() == SourceState.LIVE));
        assertThat(started).containsExactlyInAnyOrder("aws/a", "aws/b", "aws/roles");
        poller.close();
    }

    @Test
    void aSourceThatNeedsTheClusterStartsTheMomentTheDescriptionIsStored() {
        ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());
        CyclicBarrier slow = new CyclicBarrier(2);
        AwsPoller poller = poller(store, List.of(
                new Source("aws/cluster", false, () -> store.setCluster(cluster())),
                new Source("aws/slow", false, () -> meet(slow)),
                new Source("aws/roles", true, () -> meet(slow))));

        poller.start();

        // aws/slow is still polling (waiting for aws/roles) when aws/roles starts: the cluster alone started it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.sources())
                .allMatch(s -> s.state() == SourceState.LIVE));
        assertThat(started.indexOf("aws/cluster")).isLessThan(started.indexOf("aws/roles"));
        poller.close();
    }

    @Test
    void withoutAClusterDescriptionTheWaitingSourceStillRunsOnceTheOthersHavePolled() {
        ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());
        AwsPoller poller = poller(store, List.of(new Source("aws/addons", false, () -> { }),
                new Source("aws/roles", true, () -> { })));

        poller.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> started.contains("aws/roles"));
        assertThat(started).containsExactly("aws/addons", "aws/roles");
        poller.close();
    }
}
