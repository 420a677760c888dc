package io.eksid.model.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void ceilingDoublesFromTheBaseUntilTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20), () -> 0.5);

        assertThat(b.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.ceiling(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.ceiling(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(b.ceiling(5)).isEqualTo(Duration.ofSeconds(20));
        assertThat(b.ceiling(10_000)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void fullJitterScalesTheCeilingByTheRandomValue() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.0).delay(3)).isZero();
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.25).delay(3))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.999).delay(20))
                .isEqualTo(Duration.ofMillis(299_700));
    }

    @Test
    void theStandardShapeIsOneSecondDoublingToFiveMinutes() {
        Backoff b = Backoff.standard();

        assertThat(b.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.ceiling(8)).isEqualTo(Duration.ofSeconds(256));
        assertThat(b.ceiling(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.delay(9)).isBetween(Duration.ZERO, Duration.ofMinutes(5));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), () -> 1.0).delay(0))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Backoff.standard(() -> 0).ceiling(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void delayIsWithinZeroAndTheCappedExponential(@ForAll @IntRange(min = 0, max = 200) int attempt,
                                                  @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double r,
                                                  @ForAll @IntRange(min = 1, max = 10_000) int baseMs,
                                                  @ForAll @IntRange(min = 0, max = 1_000_000) int extraCapMs) {
        Backoff b = new Backoff(Duration.ofMillis(baseMs), Duration.ofMillis(baseMs + (long) extraCapMs), () -> r);
        Duration ceiling = b.ceiling(attempt);
        Duration delay = b.delay(attempt);

        assertThat(delay).isBetween(Duration.ZERO, ceiling);
        assertThat(ceiling).isLessThanOrEqualTo(Duration.ofMillis(baseMs + (long) extraCapMs));
        assertThat(b.ceiling(attempt + 1)).isGreaterThanOrEqualTo(ceiling);
        if (attempt < 40) {
            long uncapped = (long) baseMs << attempt;
            assertThat(ceiling.toMillis()).isEqualTo(Math.min(uncapped, baseMs + (long) extraCapMs));
        }
    }
}
