package io.eksid.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts what the SDK really sends: every HTTP attempt (retries included, since the SDK's retry strategy is the one
 * retry layer) and every call, per service and operation. Installed on every client {@link AwsClients} builds, so
 * request figures never come from our own bookkeeping of what we meant to send.
 */
public final class SdkAttempts implements ExecutionInterceptor {

    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        count(calls, attributes);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        count(attempts, attributes);
    }

    private static void count(Map<String, LongAdder> into, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        into.computeIfAbsent(key(service, operation), k -> new LongAdder()).increment();
    }

    private static String key(String service, String operation) {
        return (service == null ? "?" : service.toLowerCase(java.util.Locale.ROOT)) + ":"
                + (operation == null ? "?" : operation);
    }

    /** The counts so far; subtract an earlier one to measure a stretch of work. */
    public Counts snapshot() {
        return new Counts(freeze(attempts), freeze(calls));
    }

    private static Map<String, Long> freeze(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Attempts and calls by {@code service:Operation} (service as the SDK names it: {@code iam}, {@code eks},
     * {@code sts}).
     */
    public record Counts(Map<String, Long> attempts, Map<String, Long> calls) {

        public static final Counts NONE = new Counts(Map.of(), Map.of());

        public Counts {
            attempts = Map.copyOf(attempts);
            calls = Map.copyOf(calls);
        }

        public Counts minus(Counts earlier) {
            return new Counts(diff(attempts, earlier.attempts), diff(calls, earlier.calls));
        }

        public Counts plus(Counts other) {
            Map<String, Long> a = new TreeMap<>(attempts);
            other.attempts.forEach((k, v) -> a.merge(k, v, Long::sum));
            Map<String, Long> c = new TreeMap<>(calls);
            other.calls.forEach((k, v) -> c.merge(k, v, Long::sum));
            return new Counts(a, c);
        }

        /** HTTP attempts to {@code service}, retries included. */
        public long attempts(String service) {
            return sum(attempts, service);
        }

        /** Attempts beyond the first of each call: the SDK's retries. */
        public long retries(String service) {
            return attempts(service) - sum(calls, service);
        }

        public long retries() {
            return attempts.values().stream().mapToLong(Long::longValue).sum()
                    - calls.values().stream().mapToLong(Long::longValue).sum();
        }

        private static long sum(Map<String, Long> m, String service) {
            return m.entrySet().stream().filter(e -> e.getKey().startsWith(service + ":"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        private static Map<String, Long> diff(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> out = new TreeMap<>();
            now.forEach((k, v) -> {
                long d = v - before.getOrDefault(k, 0L);
                if (d != 0) {
                    out.put(k, d);
                }
            });
            return out;
        }
    }
}
