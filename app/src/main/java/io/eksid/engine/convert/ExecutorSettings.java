package io.eksid.engine.convert;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard an apply may push AWS and Kubernetes, and how long it waits for things to settle.
 *
 * @param workers        steps run at the same time (steps of different service accounts and roles)
 * @param iamPerSecond   IAM requests per second across all workers (IAM throttles per account at a few a second)
 * @param eksPerSecond   EKS requests per second across all workers
 * @param maxAttempts    attempts per Kubernetes call on 5xx and dropped connections (AWS calls are retried by the
 *                       SDK's retry strategy, the one retry layer for AWS: see AwsClients)
 * @param settleTimeout  how long to wait for an add-on to become ACTIVE, an association to describe back, and new
 *                       pods to carry the Pod Identity variables
 * @param pollInterval   how often to look again while waiting
 */
public record ExecutorSettings(int workers, double iamPerSecond, double eksPerSecond, int maxAttempts,
                               Duration settleTimeout, Duration pollInterval) {

    public static final ExecutorSettings DEFAULTS = new ExecutorSettings(4, 5, 10, 8, Duration.ofMinutes(5),
            Duration.ofSeconds(2));

    public ExecutorSettings {
        Objects.requireNonNull(settleTimeout, "settleTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be between 1 and 64, got " + workers);
        }
        if (!(iamPerSecond > 0) || !(eksPerSecond > 0)) {
            throw new IllegalArgumentException("request rates must be positive, got IAM " + iamPerSecond + "/s, EKS "
                    + eksPerSecond + "/s");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public ExecutorSettings withWorkers(int n) {
        return new ExecutorSettings(n, iamPerSecond, eksPerSecond, maxAttempts, settleTimeout, pollInterval);
    }

    public ExecutorSettings withRates(double iam, double eks) {
        return new ExecutorSettings(workers, iam, eks, maxAttempts, settleTimeout, pollInterval);
    }

    public ExecutorSettings withTimeouts(Duration settle, Duration poll) {
        return new ExecutorSettings(workers, iamPerSecond, eksPerSecond, maxAttempts, settle, poll);
    }
}
