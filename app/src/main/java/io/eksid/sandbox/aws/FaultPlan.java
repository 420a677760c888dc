package io.eksid.sandbox.aws;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults the emulator injects, per service ({@code eks}, {@code iam}, {@code sts}) or for all
 * ({@code *}); changeable at run time from any thread. A setting for a named service wins over the
 * {@code *} setting of the same kind.
 *
 * <p>Spec syntax (for {@code --faults} and {@link #parse}): comma-separated {@code service.kind=value}
 * entries, where kind is
 * <ul>
 *   <li>{@code throttle} — share of requests (0..1) answered with the service's throttling error;</li>
 *   <li>{@code rps} — requests per second allowed (token bucket, burst = one second's worth, at least 1);
 *       requests above it get the throttling error. With {@code *}, each service gets its own bucket;</li>
 *   <li>{@code latency} — delay added before each answer: {@code 250ms}, {@code 2s}, {@code 1m} or plain
 *       milliseconds;</li>
 *   <li>{@code 5xx} — share of requests (0..1) answered with the service's server error.</li>
 * </ul>
 * Example: {@code iam.throttle=0.2,eks.latency=200ms,eks.5xx=0.05,iam.rps=10}.
 */
public final class FaultPlan {

    static final Set<String> SERVICES = Set.of("eks", "iam", "sts", "*");
    private static final String ALL = "*";

    /** What happens to one request. */
    enum Outcome { PASS, THROTTLE, SERVER_ERROR }

    private final Map<String, Double> throttleRates = new ConcurrentHashMap<>();
    private final Map<String, Double> serverErrorRates = new ConcurrentHashMap<>();
    private final Map<String, Duration> latencies = new ConcurrentHashMap<>();
    private final Map<String, Double> rateLimits = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public FaultPlan() {
    }

    /** Throttle this share (0..1) of the service's requests. */
    public void throttle(String service, double rate) {
        throttleRates.put(service(service), share(rate, "throttle rate"));
    }

    /** Allow at most this many requests a second (token bucket); the excess is throttled. */
    public void throttleRatePerSecond(String service, double requestsPerSecond) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requests per second must be a positive number, got " + requestsPerSecond);
        }
        String s = service(service);
        rateLimits.put(s, requestsPerSecond);
        buckets.keySet().removeIf(k -> s.equals(ALL) || k.equals(s));
    }

    public void latency(String service, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + delay);
        }
        latencies.put(service(service), delay);
    }

    /** Answer this share (0..1) of the service's requests with its 5xx error. */
    public void serverErrors(String service, double rate) {
        serverErrorRates.put(service(service), share(rate, "5xx rate"));
    }

    public void clear() {
        throttleRates.clear();
        serverErrorRates.clear();
        latencies.clear();
        rateLimits.clear();
        buckets.clear();
    }

    public static FaultPlan parse(String spec) {
        FaultPlan plan = new FaultPlan();
        plan.apply(spec);
        return plan;
    }

    /** Adds the settings of {@code spec} (syntax in the class comment); nothing changes if any entry is bad. */
    public void apply(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("fault spec must not be null");
        }
        FaultPlan staged = new FaultPlan();
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            int dot = entry.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq) {
                throw new IllegalArgumentException("bad fault entry '" + entry
                        + "': expected service.kind=value, e.g. iam.throttle=0.2 or eks.latency=200ms");
            }
            String service = entry.substring(0, dot).trim().toLowerCase(Locale.ROOT);
            String kind = entry.substring(dot + 1, eq).trim().toLowerCase(Locale.ROOT);
            String value = entry.substring(eq + 1).trim();
            try {
                switch (kind) {
                    case "throttle" -> staged.throttle(service, number(value));
                    case "rps" -> staged.throttleRatePerSecond(service, number(value));
                    case "latency" -> staged.latency(service, duration(value));
                    case "5xx" -> staged.serverErrors(service, number(value));
                    default -> throw new IllegalArgumentException("unknown fault kind '" + kind
                            + "' (known: throttle, rps, latency, 5xx)");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad fault entry '" + entry + "': " + e.getMessage(), e);
            }
        }
        throttleRates.putAll(staged.throttleRates);
        serverErrorRates.putAll(staged.serverErrorRates);
        latencies.putAll(staged.latencies);
        staged.rateLimits.forEach(this::throttleRatePerSecond);
    }

    /** The delay to add to a request of {@code service}. */
    Duration latencyFor(String service) {
        return setting(latencies, service).orElse(Duration.ZERO);
    }

    /** Decides the fate of one request of {@code service}; consumes a token when a rate limit applies. */
    Outcome decide(String service) {
        Optional<Double> limit = setting(rateLimits, service);
        if (limit.isPresent()) {
            TokenBucket bucket = buckets.computeIfAbsent(service, s -> new TokenBucket(limit.get()));
            if (!bucket.tryTake()) {
                return Outcome.THROTTLE;
            }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double throttle = setting(throttleRates, service).orElse(0.0);
        if (throttle > 0 && random.nextDouble() < throttle) {
            return Outcome.THROTTLE;
        }
        double errors = setting(serverErrorRates, service).orElse(0.0);
        if (errors > 0 && random.nextDouble() < errors) {
            return Outcome.SERVER_ERROR;
        }
        return Outcome.PASS;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        throttleRates.forEach((s, v) -> sb.append(s).append(".throttle=").append(v).append(','));
        rateLimits.forEach((s, v) -> sb.append(s).append(".rps=").append(v).append(','));
        latencies.forEach((s, v) -> sb.append(s).append(".latency=").append(v.toMillis()).append("ms,"));
        serverErrorRates.forEach((s, v) -> sb.append(s).append(".5xx=").append(v).append(','));
        return sb.isEmpty() ? "(no faults)" : sb.substring(0, sb.length() - 1);
    }

    private static <T> Optional<T> setting(Map<String, T> map, String service) {
        T specific = map.get(service);
        return Optional.ofNullable(specific != null ? specific : map.get(ALL));
    }

    private static String service(String service) {
        String s = service == null ? "" : service.trim().toLowerCase(Locale.ROOT);
        if (!SERVICES.contains(s)) {
            throw new IllegalArgumentException("unknown service '" + service + "' (known: eks, iam, sts, *)");
        }
        return s;
    }

    private static double share(double rate, String what) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, got " + rate);
        }
        return rate;
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
    }

    static Duration duration(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60_000));
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (use e.g. 250ms, 2s, 1m)");
        }
    }

    /** A classic token bucket: refills at {@code rate} tokens a second, holds at most max(1, rate). */
    private static final class TokenBucket {
        private final double rate;
        private final double capacity;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(double rate) {
            this.rate = rate;
            this.capacity = Math.max(1.0, rate);
            this.tokens = capacity;
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return true;
            }
            return false;
        }
    }
}
