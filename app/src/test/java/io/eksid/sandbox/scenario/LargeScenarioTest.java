package io.eksid.sandbox.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LargeScenarioTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void twoThousandPodsHaveTheProportions() {
        RecordingSink sink = new RecordingSink();
        new LargeScenario(2_000, 7, NOW).seed(sink);
        assertThat(sink.namespaces).hasSize(8);
        assertThat(sink.serviceAccounts).hasSize(80);
        assertThat(sink.roles).hasSize(20);
        assertThat(sink.workloads.stream().mapToInt(RecordingSink.Workload::replicas).sum()).isEqualTo(2_000);
        assertThat(sink.associations.size()).isBetween(80 / 5, 80 / 2);
        long irsa = sink.serviceAccounts.stream().filter(s -> s.annotations().containsKey(ClusterScript.ROLE_ARN)).count();
        assertThat(irsa).isBetween(80 / 3L, 80 * 3 / 4L);
        assertThat(sink.workloads).allMatch(w -> w.replicas() >= 1);
        for (RecordingSink.Role role : sink.roles.values()) {
            assertThat(AcmeScenarioContentTest.nonWhiteSpace(role.trust())).isLessThanOrEqualTo(2048);
        }
    }

    @Test
    void sameSeedSameWorld() {
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        new LargeScenario(3_000, 42, NOW).seed(a);
        new LargeScenario(3_000, 42, NOW).seed(b);
        assertThat(a.serviceAccounts).isEqualTo(b.serviceAccounts);
        assertThat(a.workloads).isEqualTo(b.workloads);
        assertThat(a.associations).isEqualTo(b.associations);
    }

    @Property(tries = 200)
    void spreadKeepsTheTotalAndEveryShareCounts(@ForAll @IntRange(min = 1, max = 100_000) int total,
                                               @ForAll @IntRange(min = 1, max = 5_000) int parts,
                                               @ForAll long seed) {
        int n = Math.min(parts, total);
        int[] shares = LargeScenario.spread(new Random(seed), total, n);
        assertThat(java.util.Arrays.stream(shares).sum()).isEqualTo(total);
        assertThat(java.util.Arrays.stream(shares).min().orElseThrow()).isGreaterThanOrEqualTo(1);
    }
}
