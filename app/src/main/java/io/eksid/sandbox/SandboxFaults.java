package io.eksid.sandbox;

import io.eksid.sandbox.aws.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code --faults} spec split by side: {@code k8s.dropWatches=<duration>} (every open watch closed that
 * often) and {@code k8s.latency=<duration>} (every request answered that much later, as from an API server a
 * round trip away) go to the Kubernetes API server, every other entry to the AWS emulator's {@link FaultPlan}
 * ({@code service.kind=value}, see docs/sandbox.md). Parsing validates both halves before anything starts.
 *
 * @param awsSpec      the AWS entries, comma-separated, possibly empty
 * @param dropWatches  how often to drop watches, or null for never
 * @param kubeLatency  delay before the Kubernetes API server handles each request, or null for none
 */
record SandboxFaults(String awsSpec, Duration dropWatches, Duration kubeLatency) {

    static final SandboxFaults NONE = new SandboxFaults("", null, null);

    static SandboxFaults parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<String> aws = new ArrayList<>();
        Duration drop = null;
        Duration latency = null;
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq).trim();
            if (key.toLowerCase(Locale.ROOT).startsWith("k8s.")) {
                boolean isDrop = key.equalsIgnoreCase("k8s.dropWatches");
                if (!isDrop && !key.equalsIgnoreCase("k8s.latency") || eq < 0) {
                    throw new IllegalArgumentException("bad fault '" + entry + "': the Kubernetes faults are "
                            + "k8s.dropWatches=<duration> and k8s.latency=<duration>, e.g. k8s.dropWatches=30s");
                }
                Duration d = duration(entry, entry.substring(eq + 1).trim());
                if (isDrop) {
                    drop = d;
                } else {
                    latency = d;
                }
            } else {
                aws.add(entry);
            }
        }
        String awsSpec = String.join(",", aws);
        if (!awsSpec.isEmpty()) {
            try {
                FaultPlan.parse(awsSpec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad fault spec: " + e.getMessage(), e);
            }
        }
        return new SandboxFaults(awsSpec, drop, latency);
    }

    private static Duration duration(String entry, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.ofMillis(Long.parseLong(v));
            }
            if (d.isZero() || d.isNegative()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad fault '" + entry
                    + "': expected a positive duration such as 500ms, 30s or 2m");
        }
    }
}
