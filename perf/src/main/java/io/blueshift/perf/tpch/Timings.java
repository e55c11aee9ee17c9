package io.blueshift.perf.tpch;

import java.util.Arrays;
import java.util.Locale;

/** The measured runs of one query on one engine, in milliseconds. */
public record Timings(double median, double min, double max) {
    public static Timings of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new Timings(median / 1e6, sorted[0] / 1e6, sorted[n - 1] / 1e6);
    }

    /** "12.3 (11.9-14.0)", as the runner's table shows it. */
    public String show() {
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", median, min, max);
    }
}
