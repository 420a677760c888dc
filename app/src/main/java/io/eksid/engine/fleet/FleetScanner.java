package io.eksid.engine.fleet;

import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.LiveSession;
import io.eksid.engine.live.Readiness;
import io.eksid.engine.live.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans many contexts of one {@link Workspace}: at most {@code parallel} live sessions at once, each context with
 * its own AWS profile and region, each waiting for its whole picture (or its timeout) and closed as soon as its
 * summary is taken. A context that fails (unreachable, exec plugin error, expired SSO, unknown name) becomes a
 * FAILED {@link ClusterScan} with the reason; it never stops the others.
 */
public final class FleetScanner {

    private static final Logger LOG = LoggerFactory.getLogger(FleetScanner.class);

    /** Upper bound of {@link Options#parallel()}: each session holds connections and threads of its own. */
    public static final int MAX_PARALLEL = 64;

    /**
     * @param parallel how many contexts are scanned at once (1 to {@link #MAX_PARALLEL})
     * @param timeout  how long one context may take to show its whole picture
     */
    public record Options(int parallel, Duration timeout) {

        public static final int DEFAULT_PARALLEL = 4;

        public Options {
            if (parallel < 1 || parallel > MAX_PARALLEL) {
                throw new IllegalArgumentException("--parallel must be between 1 and " + MAX_PARALLEL + ", got "
                        + parallel);
            }
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
            }
        }
    }

    private final Workspace workspace;
    private final Options options;

    /**
     * The sessions run their informers and pollers on the workspace's executor: give it enough threads for
     * {@code parallel} sessions (two start-up tasks each, plus the pollers).
     */
    public FleetScanner(Workspace workspace, Options options) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /**
     * Scans every target and returns one result per target, in the targets' order. Blocks until all are done;
     * interrupting the calling thread stops the scan (open sessions are closed) and throws.
     */
    public List<ClusterScan> scan(List<FleetTarget> targets, FleetProgress progress) throws InterruptedException {
        Objects.requireNonNull(progress, "progress");
        List<FleetTarget> all = List.copyOf(targets);
        if (all.isEmpty()) {
            return List.of();
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallel(), all.size()), r -> {
            Thread t = new Thread(r, "eksid-fleet-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ClusterScan>> futures = new ArrayList<>(all.size());
            for (FleetTarget target : all) {
                futures.add(pool.submit(() -> scanOne(target, progress, done, all.size())));
            }
            List<ClusterScan> results = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                results.add(result(futures.get(i), all.get(i)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ClusterScan result(Future<ClusterScan> future, FleetTarget target) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            // scanOne catches what a context can throw; this is a bug or an Error, still kept to its cluster
            return ClusterScan.failed(target.context(), "scan failed: " + e.getCause(), List.of(), List.of(),
                    target.profile(), Duration.ZERO);
        }
    }

    private ClusterScan scanOne(FleetTarget target, FleetProgress progress, AtomicInteger done, int total)
            throws InterruptedException {
        long start = System.nanoTime();
        progress.started(target.context());
        LiveSession session = null;
        ClusterScan scan;
        IdentityState last = null;
        try {
            session = workspace.open(target.context(), target.profile(), target.region(), state -> { });
            Readiness readiness = session.awaitReady(options.timeout());
            last = session.current();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            scan = last == null
                    ? ClusterScan.failed(target.context(), "nothing derived within " + options.timeout().toSeconds()
                            + "s: " + String.join("; ", readiness.missing()), session.store().sources(),
                            readiness.missing(), target.profile(), elapsed)
                    : ClusterScan.of(last, readiness, target.profile(), elapsed);
        } catch (RuntimeException e) {
            LOG.warn("fleet scan of context {} failed", target.context(), e);
            scan = ClusterScan.failed(target.context(), e.getMessage() == null ? e.toString() : e.getMessage(),
                    session == null ? List.of() : session.store().sources(), List.of(), target.profile(),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            if (session != null) {
                workspace.release(session);
            }
        }
        try {
            progress.finished(scan, last, done.incrementAndGet(), total);
        } catch (RuntimeException e) {
            LOG.warn("fleet progress listener failed for context {}", target.context(), e);
        }
        return scan;
    }
}
