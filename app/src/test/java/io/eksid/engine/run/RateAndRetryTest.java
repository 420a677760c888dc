package io.eksid.engine.run;

import io.eksid.model.time.Sleeper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateAndRetryTest {

    /** A fake clock that advances only when the limiter sleeps. */
    private final AtomicLong now = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        now.addAndGet(d.toNanos());
    };

    @Test
    void limiterAdmitsTheBurstThenSpacesPermitsAtTheRate() throws Exception {
        RateLimiter limiter = new RateLimiter(10, 1, now::get, sleeper);
        for (int i = 0; i < 21; i++) {
            limiter.acquire();
        }
        // 1 immediate + 20 more at 10/s: 2 seconds of simulated time, never faster
        assertThat(now.get()).isBetween(1_990_000_000L, 2_010_000_000L);
    }

    @Test
    void limiterRejectsNonsenseRates() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, now::get, sleeper))
                .hasMessageContaining("rate must be > 0");
    }

    @Test
    void retryBacksOffWithinTheExponentialCeilingAndThenSucceeds() throws Exception {
        RetryPolicy retry = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2),
                e -> e instanceof IOException, () -> 0.999, sleeper);
        AtomicInteger calls = new AtomicInteger();
        String result = retry.call(() -> {
            if (calls.incrementAndGet() < 4) {
                throw new IOException("throttled");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(sleeps).hasSize(3);
        for (int i = 0; i < sleeps.size(); i++) {
            assertThat(sleeps.get(i)).isLessThanOrEqualTo(retry.ceiling(i + 1));
        }
        assertThat(retry.ceiling(10)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void permanentFailuresAreNotRetried() {
        RetryPolicy retry = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2),
                e -> e instanceof IOException, () -> 0.5, sleeper);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("AccessDenied");
        })).hasMessage("AccessDenied");
        assertThat(calls).hasValue(1);
    }

    @Test
    void retriesStopAtMaxAttempts() {
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
                e -> true, () -> 0.5, sleeper);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw new IOException("still throttled");
        })).isInstanceOf(IOException.class);
        assertThat(calls).hasValue(3);
    }
}
