package io.eksid.model.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelReadsTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(6);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void outcomesComeBackInTheItemsOrderWhateverOrderTheReadsFinish() throws Exception {
        ParallelReads reads = new ParallelReads("iam", pool, 4);
        List<Integer> items = IntStream.range(0, 40).boxed().toList();

        var outcomes = reads.readAll(items, i -> {
            sleepMillis(ThreadLocalRandom.current().nextInt(0, 15));
            return "role-" + i;
        });

        assertThat(outcomes).extracting(ParallelReads.Outcome::item).containsExactlyElementsOf(items);
        assertThat(outcomes).extracting(ParallelReads.Outcome::value)
                .containsExactlyElementsOf(items.stream().map(i -> "role-" + i).toList());
        assertThat(outcomes).noneMatch(ParallelReads.Outcome::failed);
    }

    @Test
    void aFailedReadIsThatItemsOutcomeAndTheOthersAreStillRead() throws Exception {
        ParallelReads reads = new ParallelReads("iam", pool, 3);
        List<Integer> items = IntStream.range(0, 12).boxed().toList();
        AtomicInteger calls = new AtomicInteger();

        var outcomes = reads.readAll(items, i -> {
            calls.incrementAndGet();
            if (i % 5 == 2) {
                throw new IllegalStateException("read " + i + " failed");
            }
            return i * 10;
        });

        assertThat(calls).hasValue(12);
        for (var o : outcomes) {
            if (o.item() % 5 == 2) {
                assertThat(o.failed()).isTrue();
                assertThat(o.failure()).hasMessage("read " + o.item() + " failed");
                assertThat(o.value()).isNull();
            } else {
                assertThat(o.failed()).isFalse();
                assertThat(o.value()).isEqualTo(o.item() * 10);
            }
        }
    }

    @Test
    void neverMoreThanTheLimitInFlightEvenAcrossConcurrentBatches() throws Exception {
        ParallelReads reads = new ParallelReads("iam", pool, 3);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Runnable batch = () -> {
            try {
                reads.readAll(IntStream.range(0, 20).boxed().toList(), i -> {
                    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    sleepMillis(5);
                    inFlight.decrementAndGet();
                    return i;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread a = new Thread(batch);
        Thread b = new Thread(batch);
        a.start();
        b.start();
        a.join(10_000);
        b.join(10_000);

        assertThat(peak.get()).isBetween(2, 3);
    }

    @Test
    void readsRunAtOnceWhenThreadsAreFree() throws Exception {
        ParallelReads reads = new ParallelReads("iam", pool, 4);
        java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(4);

        // Each of the first four reads waits for the other three: they pass only if four run at once.
        var outcomes = reads.readAll(IntStream.range(0, 8).boxed().toList(), i -> {
            together.countDown();
            try {
                return together.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(outcomes).hasSize(8).allSatisfy(o -> assertThat(o.value()).as("read %s met the others", o.item())
                .isTrue());
    }

    @Test
    void finishesOnTheCallersThreadWhenTheExecutorNeverRunsAnything() throws Exception {
        List<Runnable> neverRun = new java.util.ArrayList<>();
        ParallelReads reads = new ParallelReads("iam", neverRun::add, 8);

        var outcomes = reads.readAll(List.of("a", "b", "c"), s -> s.toUpperCase(java.util.Locale.ROOT));

        assertThat(outcomes).extracting(ParallelReads.Outcome::value).containsExactly("A", "B", "C");
        assertThat(neverRun).hasSize(2);
        neverRun.forEach(Runnable::run); // late helpers find nothing left and return
        assertThat(outcomes).hasSize(3);
    }

    @Test
    void anErrorStopsTheBatchAndIsRethrown() {
        ParallelReads reads = ParallelReads.sequential("iam");
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> reads.readAll(List.of(1, 2, 3), i -> {
            calls.incrementAndGet();
            throw new OutOfMemoryError("simulated");
        })).isInstanceOf(OutOfMemoryError.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new ParallelReads("eks", pool, 0))
                .hasMessage("the eks read limit must be at least 1, got 0");
    }
}
