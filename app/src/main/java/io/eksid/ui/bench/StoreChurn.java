package io.eksid.ui.bench;

import io.eksid.model.PodInfo;
import io.eksid.model.store.ClusterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Replaces pods in a live store at a fixed event rate, in ticks of 10 ms: each replacement is one removal and
 * one addition (a new name and uid, as a controller's replacement pod has), two events.
 */
final class StoreChurn {

    private final ClusterStore store;
    private final double eventsPerSecond;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Random random = new Random(7);
    private final List<PodInfo> pods;
    private long generation;
    private double owed;

    StoreChurn(ClusterStore store, double eventsPerSecond) {
        this.store = store;
        this.eventsPerSecond = eventsPerSecond;
        io.eksid.model.ClusterInfo cluster = store.cluster().orElseGet(() -> new io.eksid.model.ClusterInfo(
                store.contextName(), "", "", io.eksid.model.Partition.AWS, "", null, null, null, false));
        this.pods = new ArrayList<>(store.snapshot(cluster).pods());
    }

    void start() {
        if (pods.isEmpty()) {
            throw new IllegalStateException("no pods to churn");
        }
        timer.scheduleAtFixedRate(this::tick, 10, 10, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        owed += eventsPerSecond / 100.0;
        while (owed >= 2) {
            owed -= 2;
            int i = random.nextInt(pods.size());
            PodInfo old = pods.get(i);
            String name = old.name().replaceAll("-r\\d+$", "") + "-r" + (++generation);
            PodInfo next = new PodInfo(old.namespace(), name, "churn-" + generation, old.serviceAccount(),
                    old.nodeName(), old.owner(), "Running", Instant.now(), old.credentials(), old.fargate(),
                    old.windows(), old.hostNetwork());
            store.removePod(old.namespace(), old.name());
            store.putPod(next);
            pods.set(i, next);
        }
    }

    void stop() {
        timer.shutdownNow();
    }
}
