package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.model.time.Backoff;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The poller's schedule, step by step: no real time passes, the test runs each scheduled poll itself. */
class AwsPollerScheduleTest {

    @TempDir
    Path dir;

    /** Records what the poller schedules instead of running it; {@link #runNext()} runs the earliest task. */
    private static final class ManualExecutor extends ScheduledThreadPoolExecutor {
        final Deque<Runnable> tasks = new ArrayDeque<>();
        final List<Duration> delays = new ArrayList<>();

        ManualExecutor() {
            super(1);
        }

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(Duration.ofMillis(unit.toMillis(delay)));
            tasks.add(command);
            ScheduledFuture<?> f = super.schedule(() -> { }, 1, TimeUnit.DAYS);
            return f;
        }

        void runNext() {
            tasks.poll().run();
        }
    }

    private static final class ScriptedSource implements AwsSource {
        final Deque<Supplier<String>> script = new ArrayDeque<>();
        int calls;

        @Override
        public String name() {
            return "aws/test";
        }

        @Override
        public String refresh() {
            calls++;
            return script.isEmpty() ? "" : script.poll().get();
        }
    }

    private static String fail(String code, int status) {
        throw AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
    }

    private final ManualExecutor executor = new ManualExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private AwsPoller poller(ClusterStore store, ScriptedSource source) {
        AwsProfile profile = new AwsProfile("p", ProfileKind.STATIC_KEYS, "us-west-2", false, null, null, null, null,
                null, null);
        AwsFailures failures = new AwsFailures(new SsoSessions(new SsoTokenCache(dir), Clock.systemUTC()));
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 0.5);
        return new AwsPoller(store, List.of(source), executor, backoff, failures, profile, Duration.ofSeconds(30));
    }

    private static SourceStatus status(ClusterStore store) {
        return store.sources().get(0);
    }

    @Test
    void throttlingBacksOffExponentiallyWithJitterThenReturnsToTheInterval() {
        ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());
        ScriptedSource source = new ScriptedSource();
        for (int i = 0; i < 5; i++) {
            String code = i % 2 == 0 ? "ThrottlingException" : "Throttling"; // EKS and IAM spellings
            source.script.add(() -> fail(code, 400));
        }
        AwsPoller poller = poller(store, source);

        poller.start(); // first poll runs at once
        for (int i = 0; i < 4; i++) {
            executor.runNext();
        }
        assertThat(status(store).state()).isEqualTo(SourceState.DEGRADED);
        assertThat(poller.consecutiveFailures("aws/test")).isEqualTo(5);
        executor.runNext(); // succeeds

        // ceiling 1, 2, 4, 8, 8 s; jitter 0.5 gives half of each; then the 30 s interval.
        assertThat(executor.delays).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(30));
        assertThat(status(store).state()).isEqualTo(SourceState.LIVE);
        assertThat(poller.consecutiveFailures("aws/test")).isZero();
        assertThat(source.calls).isEqualTo(6);
    }

    @Test
    void accessDeniedIsForbiddenAndRetriedNoFasterThanTheInterval() {
        ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());
        ScriptedSource source = new ScriptedSource();
        source.script.add(() -> fail("AccessDeniedException", 403));
        AwsPoller poller = poller(store, source);

        poller.start();

        assertThat(status(store).state()).isEqualTo(SourceState.FORBIDDEN);
        assertThat(status(store).reason()).startsWith("AccessDeniedException");
        assertThat(executor.delays).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aPartialReadIsDegradedWithItsReasonAndRefreshNowPollsAtOnce() {
        ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());
        ScriptedSource source = new ScriptedSource();
        source.script.add(() -> "ListRoles is denied");
        AwsPoller poller = poller(store, source);

        poller.start();
        assertThat(status(store).state()).isEqualTo(SourceState.DEGRADED);
        assertThat(status(store).reason()).isEqualTo("ListRoles is denied");

        poller.refreshNow();
        assertThat(executor.delays).containsExactly(Duration.ofSeconds(30), Duration.ZERO);
        executor.tasks.pollFirst(); // the cancelled 30 s poll
        executor.runNext();
        assertThat(status(store).state()).isEqualTo(SourceState.LIVE);

        poller.close();
        poller.refreshNow();
        assertThat(executor.delays).hasSize(3);
    }
}
