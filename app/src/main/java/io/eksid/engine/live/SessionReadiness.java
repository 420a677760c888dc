package io.eksid.engine.live;

import io.eksid.aws.ClusterAwsSync;
import io.eksid.aws.RolePermissionsSource;
import io.eksid.aws.RoleSource;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * When a live session shows the whole cluster: every Kubernetes kind listed once (or found forbidden), and every
 * AWS source polled once after that (the roles source reads the role ARNs the service accounts name, so a poll
 * that ran before the service accounts arrived does not count), and the state derived from it. A side that
 * failed counts as settled: its sources say why.
 */
final class SessionReadiness {

    private static final long READY_POLL_MILLIS = 50;

    private final ClusterStore store;
    /** Completes with {@link System#nanoTime()} when every kind listed once, or when the connection failed. */
    private final CompletableFuture<Long> kubeSettled;
    private final CompletableFuture<Void> awsSettled;
    private final Supplier<ClusterAwsSync> sync;
    private final Supplier<IdentityState> current;

    SessionReadiness(ClusterStore store, CompletableFuture<Long> kubeSettled, CompletableFuture<Void> awsSettled,
                     Supplier<ClusterAwsSync> sync, Supplier<IdentityState> current) {
        this.store = store;
        this.kubeSettled = kubeSettled;
        this.awsSettled = awsSettled;
        this.sync = sync;
        this.current = current;
    }

    /** @return ready, or what is still missing when {@code timeout} ran out */
    Readiness await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Long kubeAt = await(kubeSettled, deadline);
        await(awsSettled, deadline);
        while (true) {
            List<String> missing = missing(kubeAt);
            IdentityState state = current.get();
            if (missing.isEmpty() && state != null && state.storeVersion() >= store.version()) {
                return new Readiness(true, List.of());
            }
            if (missing.isEmpty()) {
                missing.add("the identity graph is still being derived");
            }
            if (System.nanoTime() >= deadline) {
                return new Readiness(false, missing);
            }
            Thread.sleep(READY_POLL_MILLIS);
        }
    }

    /** True once nothing is missing, whether or not the state of it is derived yet; does not wait. */
    boolean settled() {
        return missing(kubeSettled.getNow(null)).isEmpty();
    }

    /** What the live picture still lacks: nothing once every kind listed and every AWS source polled after it. */
    private List<String> missing(Long kubeAt) {
        List<String> missing = new ArrayList<>();
        if (kubeAt == null) {
            missing.add("Kubernetes: " + pending("kube/", "not connected yet"));
        }
        if (!awsSettled.isDone()) {
            missing.add("AWS: the context is not matched to an EKS cluster yet");
        }
        ClusterAwsSync s = sync.get();
        if (s != null && kubeAt != null) {
            List<String> unpolled = new ArrayList<>();
            for (String name : s.poller().sourceNames()) {
                OptionalLong started = s.poller().lastCompletedPollStart(name);
                // Both role sources read the roles the service accounts name: a poll before those counts not.
                boolean seesKube = !(name.equals(RoleSource.NAME) || name.equals(RolePermissionsSource.NAME))
                        || started.isPresent()
                        && started.getAsLong() >= kubeAt;
                if (started.isEmpty() || !seesKube) {
                    unpolled.add(name);
                }
            }
            if (!unpolled.isEmpty()) {
                missing.add("AWS: first poll not complete for " + String.join(", ", unpolled));
            }
        } else if (s != null) {
            missing.add("AWS: waiting for the Kubernetes side before the roles poll counts");
        }
        return missing;
    }

    private static <T> T await(CompletableFuture<T> f, long deadline) throws InterruptedException {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The sources with {@code prefix} still connecting, or {@code otherwise}. */
    private String pending(String prefix, String otherwise) {
        List<String> names = new ArrayList<>();
        for (SourceStatus st : store.sources()) {
            if (st.source().startsWith(prefix) && st.state() == SourceState.CONNECTING) {
                names.add(st.source().substring(prefix.length()));
            }
        }
        return names.isEmpty() ? otherwise : "still listing " + String.join(", ", names);
    }
}
