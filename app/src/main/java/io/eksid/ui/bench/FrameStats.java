package io.eksid.ui.bench;

import java.util.Arrays;
import java.util.Locale;

/** Median, p99 and mean of a set of frame times in milliseconds. */
public record FrameStats(int frames, double medianMs, double p99Ms, double meanMs) {

    public static FrameStats of(double[] millis) {
        double[] s = millis.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        return new FrameStats(s.length, percentile(s, 0.5), percentile(s, 0.99), mean);
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "median %.1f ms, p99 %.1f ms, mean %.1f ms over %d frames", medianMs, p99Ms,
                meanMs, frames);
    }
}
