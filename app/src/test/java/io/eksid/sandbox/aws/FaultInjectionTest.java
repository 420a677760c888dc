package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.CLUSTER;
import static io.eksid.sandbox.aws.EmulatorFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ServiceFailureException;
import software.amazon.awssdk.services.eks.model.ServiceUnavailableException;
import software.amazon.awssdk.services.sts.model.StsException;

class FaultInjectionTest {

    private final EmulatorFixture f = new EmulatorFixture();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void throttlingLooksLikeEachServicesOwnThrottling() {
        f.world.faults().throttle("*", 1.0);
        assertThatThrownBy(() -> f.eks(KEY, false).listClusters()).isInstanceOfSatisfying(EksException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(e.isThrottlingException()).isTrue();
        });
        assertThatThrownBy(() -> f.iam(KEY, false).listRoles()).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.isThrottlingException()).isTrue();
        });
        assertThatThrownBy(() -> f.sts(KEY).getCallerIdentity()).isInstanceOfSatisfying(StsException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"));
    }

    @Test
    void serverErrorsAreRetryable5xx() {
        f.world.faults().apply("eks.5xx=1,iam.5xx=1");
        assertThatThrownBy(() -> f.eks(KEY, false).listClusters()).isInstanceOfSatisfying(ServiceUnavailableException.class,
                e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThatThrownBy(() -> f.iam(KEY, false).listRoles()).isInstanceOfSatisfying(ServiceFailureException.class,
                e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(f.sts(KEY).getCallerIdentity().account()).isEqualTo(EmulatorFixture.ACCOUNT);
    }

    @Test
    void withRetriesCallsGetThroughPartialFaults() {
        f.world.faults().apply("eks.throttle=0.3,eks.5xx=0.2,iam.throttle=0.4");
        String role = f.podIdentityRole("app");
        var eks = f.eks();
        var iam = f.iam();
        for (int i = 0; i < 15; i++) {
            int n = i;
            eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace("ns").serviceAccount("sa-" + n).roleArn(role));
            assertThat(iam.getRole(r -> r.roleName("app")).role().arn()).isEqualTo(role);
        }
        f.world.faults().clear();
        // retried creates carried the same idempotency token: exactly one association per service account
        assertThat(f.world.podIdentityAssociations(CLUSTER)).hasSize(15);
    }

    @Test
    void rateLimitThrottlesTheExcessOnly() {
        f.world.faults().throttleRatePerSecond("iam", 0.001);
        var iam = f.iam(KEY, false);
        iam.listRoles();
        assertThatThrownBy(iam::listRoles).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.isThrottlingException()).isTrue());
        assertThat(f.eks(KEY, false).listClusters().clusters()).containsExactly(CLUSTER);
    }

    @Test
    void latencyDelaysTheAnswer() {
        f.world.faults().latency("sts", Duration.ofMillis(150));
        long start = System.nanoTime();
        f.sts(KEY).getCallerIdentity();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
}
