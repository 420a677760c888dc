package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.PlannedServiceAccount;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throttling, 5xx and latency from the sandbox are survived with nothing lost. */
class FaultToleranceTest {

    @TempDir
    Path dir;

    @Test
    void throttledAndFailingAwsStillConvertsEverything() {
        try (ConvertSandbox sb = new ConvertSandbox(dir); ClusterSession session = sb.open("acme-prod")) {
            ConversionPlan plan = new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(
                    session.snapshot(), CrashResumeTest.SELECTION,
                    CrashResumeTest.OPTIONS.withWritableAccounts(session.writableAccounts()));
            LiveState before = LiveState.read(session.gateways(session.writableAccounts()), plan);
            sb.sandbox.awsWorld().faults().apply("iam.throttle=0.3,eks.5xx=0.1,iam.latency=50ms");
            ApplyResult r;
            long iamBefore = sb.sandbox.awsWorld().requestsReceived("iam");
            long eksBefore = sb.sandbox.awsWorld().requestsReceived("eks");
            try {
                r = ConvertSandbox.executor(session, ConvertSandbox.FAST.withWorkers(4)).apply(plan,
                        dir.resolve("faults.jsonl"), e -> { }, new CancellationToken(), ExecutionHook.NONE);
            } finally {
                sb.sandbox.awsWorld().faults().clear();
            }
            assertThat(r.failed()).isEmpty();
            assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.COMPLETED);
            // Requests and retries are what the SDK really sent: the sandbox received exactly as many.
            assertThat(r.retries()).isPositive();
            assertThat(r.iamRequests()).isEqualTo(sb.sandbox.awsWorld().requestsReceived("iam") - iamBefore);
            assertThat(r.eksRequests()).isEqualTo(sb.sandbox.awsWorld().requestsReceived("eks") - eksBefore);
            assertThat(r.requestsByOperation()).containsKey("iam:UpdateAssumeRolePolicy")
                    .containsKey("eks:CreatePodIdentityAssociation");
            LiveState after = LiveState.read(session.gateways(session.writableAccounts()), plan);
            for (PlannedServiceAccount p : plan.planned()) {
                assertThat(after.associations()).containsKey(p.serviceAccount().toString());
            }
            // Nothing lost: every original statement that clean-up did not target is still there.
            TrustEvaluator evaluator = new TrustEvaluator();
            for (PlannedServiceAccount p : plan.planned()) {
                assertThat(evaluator.podIdentity(after.trust().get(p.associationRoleArn()), plan.cluster()).allowed())
                        .isTrue();
            }
            assertThat(after.trust().keySet()).isEqualTo(before.trust().keySet());
        }
    }
}
