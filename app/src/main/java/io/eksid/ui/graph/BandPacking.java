package io.eksid.ui.graph;

/**
 * Splits namespace blocks, kept in name order, into bands laid side by side so that the whole graph's shape comes
 * closest to the viewport's: one tall stack leaves most of a wide window empty once fitted.
 */
final class BandPacking {

    private BandPacking() {
    }

    /**
     * The band of each block.
     *
     * @param heights   each block's height, gap included, in name order
     * @param aspect    wanted width / height; 0 or less keeps one band
     * @param minHeight a height no band goes below (the roles beside it)
     * @param bandWidth the width one more band adds
     * @param extra     width beyond the bands (the last columns)
     */
    static int[] pack(double[] heights, double aspect, double minHeight, double bandWidth, double extra,
                      int maxBands) {
        int[] best = new int[heights.length];
        if (aspect <= 0 || heights.length < 2) {
            return best;
        }
        double bestScore = Double.MAX_VALUE;
        for (int k = 1; k <= Math.min(maxBands, heights.length); k++) {
            int[] bands = split(heights, limitFor(heights, k));
            int used = bands[bands.length - 1] + 1;
            if (used < k) {
                break; // more bands would not be used: the tallest block already sets the height
            }
            double height = Math.max(tallest(heights, bands, used), minHeight / used);
            double width = used * bandWidth + extra;
            double score = Math.abs(Math.log(width / height / aspect));
            if (score < bestScore) {
                bestScore = score;
                best = bands;
            }
        }
        return best;
    }

    /** The smallest band height that fits the blocks into {@code k} bands (binary search; exact enough). */
    private static double limitFor(double[] heights, int k) {
        double lo = 0;
        double hi = 0;
        for (double h : heights) {
            lo = Math.max(lo, h);
            hi += h;
        }
        for (int round = 0; round < 40 && hi - lo > 1; round++) {
            double mid = (lo + hi) / 2;
            int[] bands = split(heights, mid);
            if (bands[bands.length - 1] + 1 <= k) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Fills bands in order, starting a new one when the next block would pass the limit. */
    private static int[] split(double[] heights, double limit) {
        int[] bands = new int[heights.length];
        int band = 0;
        double filled = 0;
        for (int i = 0; i < heights.length; i++) {
            if (filled > 0 && filled + heights[i] > limit) {
                band++;
                filled = 0;
            }
            bands[i] = band;
            filled += heights[i];
        }
        return bands;
    }

    private static double tallest(double[] heights, int[] bands, int used) {
        double[] sum = new double[used];
        for (int i = 0; i < heights.length; i++) {
            sum[bands[i]] += heights[i];
        }
        double max = 0;
        for (double s : sum) {
            max = Math.max(max, s);
        }
        return max;
    }
}
