package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The latest-wins delivery driven by hand: a fake clock, a scheduler whose tasks the test runs, and a UI thread
 * queue the test drains. No sleeping: each step is explicit.
 */
class LatestWinsTest {

    /** A clock the test moves. */
    static final class FakeClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    record Scheduled(Runnable task, long delay) {
    }

    final FakeClock clock = new FakeClock();
    final Deque<Scheduled> background = new ArrayDeque<>();
    final Deque<Runnable> ui = new ArrayDeque<>();
    final List<Integer> delivered = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();

    LatestWins<Integer> wins(long interval) {
        return new LatestWins<>(clock, (task, delay) -> background.add(new Scheduled(task, delay)), ui::add, interval,
                delivered::add, failures::add);
    }

    /** Runs every scheduled computation, then every UI action, until both are empty. */
    void settle() {
        while (!background.isEmpty() || !ui.isEmpty()) {
            while (!background.isEmpty()) {
                background.poll().task().run();
            }
            while (!ui.isEmpty()) {
                ui.poll().run();
            }
        }
    }

    @Test
    void aBurstBecomesOneDeliveryOfTheNewestValue() {
        LatestWins<Integer> w = wins(100);
        for (int i = 1; i <= 50; i++) {
            w.offer(i);
        }
        assertThat(background).hasSize(1);
        settle();
        assertThat(delivered).containsExactly(50);
        assertThat(w.deliveries()).isEqualTo(1);
    }

    @Test
    void aValueOfferedWhileADeliveryIsInFlightIsDeliveredAfterIt() {
        LatestWins<Integer> w = wins(0);
        w.offer(1);
        background.poll().task().run(); // computed; the UI has not taken it yet
        w.offer(2);
        w.offer(3);
        assertThat(background).as("one delivery in flight at a time").isEmpty();
        ui.poll().run();
        assertThat(delivered).containsExactly(1);
        settle();
        assertThat(delivered).containsExactly(1, 3);
    }

    @Test
    void workSupersededBeforeItRunsIsNeverComputed() {
        LatestWins<Integer> w = wins(0);
        AtomicInteger computed = new AtomicInteger();
        for (int i = 1; i <= 5; i++) {
            int v = i;
            w.submit(() -> {
                computed.incrementAndGet();
                return v * 10;
            });
        }
        settle();
        assertThat(computed).hasValue(1);
        assertThat(delivered).containsExactly(50);
    }

    @Test
    void workWithNothingToShowDeliversNothingAndKeepsTheNextOffer() {
        LatestWins<Integer> w = wins(0);
        w.submit(() -> null);
        settle();
        assertThat(ui).isEmpty();
        assertThat(delivered).isEmpty();
        w.offer(4);
        settle();
        assertThat(delivered).containsExactly(4);
        assertThat(w.deliveries()).isEqualTo(1);
    }

    @Test
    void theMinimumIntervalIsHonouredWithTheInjectedClock() {
        LatestWins<Integer> w = wins(100);
        w.offer(1);
        assertThat(background.peek().delay()).as("nothing delivered yet: at once").isZero();
        settle();
        clock.millis += 30;
        w.offer(2);
        assertThat(background.peek().delay()).as("30 ms after the last delivery").isEqualTo(70);
        clock.millis += 70;
        settle();
        clock.millis += 250;
        w.offer(3);
        assertThat(background.peek().delay()).as("long after the last delivery").isZero();
        settle();
        assertThat(delivered).containsExactly(1, 2, 3);
    }

    @Test
    void aFailedComputationIsReportedAndTheNextOfferIsStillDelivered() {
        LatestWins<Integer> w = wins(0);
        w.submit(() -> {
            throw new IllegalStateException("layout failed");
        });
        settle();
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("layout failed");
        w.offer(7);
        settle();
        assertThat(delivered).containsExactly(7);
    }

    @Test
    void valuesFromManyThreadsArriveInOrderAndTheLastIsNeverLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        ExecutorService fx = Executors.newSingleThreadExecutor();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        AtomicInteger counter = new AtomicInteger();
        CountDownLatch last = new CountDownLatch(1);
        int total = 20_000;
        LatestWins<Integer> w = new LatestWins<>(Clock.systemUTC(), (task, delay) -> pool.execute(task), fx::execute,
                0, v -> {
                    seen.add(v);
                    if (v == total) {
                        last.countDown();
                    }
                }, e -> { });
        try {
            CountDownLatch writers = new CountDownLatch(2);
            for (int t = 0; t < 2; t++) {
                pool.execute(() -> {
                    // one offering thread at a time per number: a lock keeps "offered" in the counter's order
                    for (int i = 0; i < total / 2; i++) {
                        synchronized (counter) {
                            w.offer(counter.incrementAndGet());
                        }
                    }
                    writers.countDown();
                });
            }
            assertThat(writers.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(last.await(30, TimeUnit.SECONDS)).as("the newest value is delivered").isTrue();
            assertThat(seen).isSorted().doesNotHaveDuplicates().endsWith(total);
        } finally {
            pool.shutdownNow();
            fx.shutdownNow();
        }
    }
}
