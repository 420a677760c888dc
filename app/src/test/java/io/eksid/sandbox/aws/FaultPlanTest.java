package io.eksid.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void parsesEveryKind() {
        FaultPlan plan = FaultPlan.parse("iam.throttle=1, eks.latency=200ms, sts.5xx=1, *.latency=2s, eks.rps=0.001");
        assertThat(plan.decide("iam")).isEqualTo(FaultPlan.Outcome.THROTTLE);
        assertThat(plan.decide("sts")).isEqualTo(FaultPlan.Outcome.SERVER_ERROR);
        assertThat(plan.latencyFor("eks")).isEqualTo(Duration.ofMillis(200));
        assertThat(plan.latencyFor("iam")).isEqualTo(Duration.ofSeconds(2));
        // rps bucket: one token, refilled every 1000 s
        assertThat(plan.decide("eks")).isEqualTo(FaultPlan.Outcome.PASS);
        assertThat(plan.decide("eks")).isEqualTo(FaultPlan.Outcome.THROTTLE);
        plan.clear();
        assertThat(plan.decide("iam")).isEqualTo(FaultPlan.Outcome.PASS);
        assertThat(plan.latencyFor("eks")).isZero();
    }

    @Test
    void badSpecsAreRejectedWithTheEntryNamedAndChangeNothing() {
        FaultPlan plan = new FaultPlan();
        assertThatThrownBy(() -> plan.apply("iam.throttle=0.5,ec2.throttle=0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ec2.throttle=0.1").hasMessageContaining("unknown service");
        assertThat(plan.decide("iam")).isEqualTo(FaultPlan.Outcome.PASS);
        assertThatThrownBy(() -> plan.apply("iam.throttle=1.5")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> plan.apply("iam.latency=fast")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> plan.apply("iam.rps=0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> plan.apply("iam.explode=1")).hasMessageContaining("unknown fault kind");
        assertThatThrownBy(() -> plan.apply("throttle")).hasMessageContaining("expected service.kind=value");
    }

    @Test
    void namedServiceWinsOverWildcard() {
        FaultPlan plan = FaultPlan.parse("*.throttle=1,eks.throttle=0");
        assertThat(plan.decide("eks")).isEqualTo(FaultPlan.Outcome.PASS);
        assertThat(plan.decide("iam")).isEqualTo(FaultPlan.Outcome.THROTTLE);
    }
}
