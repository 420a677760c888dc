package io.eksid.engine.convert;

import io.eksid.aws.IdentityWriteException;
import io.eksid.engine.run.RateLimiter;
import io.eksid.engine.run.RetryPolicy;
import io.eksid.model.time.Sleeper;
import io.eksid.kube.KubeException;
import io.eksid.kube.KubeFailure;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every AWS and Kubernetes call of a run goes through here: one token bucket per AWS service shared by all workers,
 * and counts of writes. AWS calls are not retried here: the SDK's retry strategy is the one retry layer for AWS
 * (throttling, 5xx, dropped connections; see AwsClients), and what it really sends is counted by its interceptor
 * ({@link io.eksid.aws.SdkAttempts}). Kubernetes calls, which have no such layer, are retried here with jittered
 * backoff on 5xx and unreachable servers.
 */
final class CallBudget {

    private final RateLimiter iam;
    private final RateLimiter eks;
    private final RetryPolicy retry;
    private final AtomicInteger iamRequests = new AtomicInteger();
    private final AtomicInteger eksRequests = new AtomicInteger();
    private final AtomicInteger awsWrites = new AtomicInteger();
    private final AtomicInteger kubeWrites = new AtomicInteger();

    CallBudget(ExecutorSettings settings, Sleeper sleeper) {
        this.iam = new RateLimiter(settings.iamPerSecond(), Math.max(1, settings.iamPerSecond()), System::nanoTime,
                sleeper);
        this.eks = new RateLimiter(settings.eksPerSecond(), Math.max(1, settings.eksPerSecond()), System::nanoTime,
                sleeper);
        this.retry = new RetryPolicy(settings.maxAttempts(), Duration.ofMillis(200), Duration.ofSeconds(20),
                CallBudget::transientFailure, () -> ThreadLocalRandom.current().nextDouble(), sleeper);
    }

    static boolean transientFailure(Throwable e) {
        if (e instanceof IdentityWriteException w) {
            return w.isTransient();
        }
        return e instanceof KubeException k && (k.failure() == KubeFailure.SERVER_ERROR
                || k.failure() == KubeFailure.UNREACHABLE);
    }

    <T> T iamRead(Callable<T> call) {
        return aws(iam, iamRequests, false, call);
    }

    <T> T iamWrite(Callable<T> call) {
        return aws(iam, iamRequests, true, call);
    }

    <T> T eksRead(Callable<T> call) {
        return aws(eks, eksRequests, false, call);
    }

    <T> T eksWrite(Callable<T> call) {
        return aws(eks, eksRequests, true, call);
    }

    void iamWrite(Runnable call) {
        iamWrite(() -> {
            call.run();
            return null;
        });
    }

    void eksWrite(Runnable call) {
        eksWrite(() -> {
            call.run();
            return null;
        });
    }

    <T> T kubeRead(Callable<T> call) {
        return run(() -> call.call());
    }

    <T> T kubeWrite(Callable<T> call) {
        return run(() -> {
            T result = call.call();
            kubeWrites.incrementAndGet();
            return result;
        });
    }

    private <T> T aws(RateLimiter limiter, AtomicInteger counter, boolean write, Callable<T> call) {
        try {
            limiter.acquire();
            counter.incrementAndGet();
            T result = call.call();
            if (write) {
                awsWrites.incrementAndGet();
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to call AWS", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private <T> T run(Callable<T> call) {
        try {
            return retry.call(call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to call AWS", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** IAM calls made (each may be several SDK attempts). */
    int iamRequests() {
        return iamRequests.get();
    }

    int eksRequests() {
        return eksRequests.get();
    }

    int awsWrites() {
        return awsWrites.get();
    }

    int kubeWrites() {
        return kubeWrites.get();
    }
}
