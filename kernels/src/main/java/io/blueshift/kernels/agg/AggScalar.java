package io.blueshift.kernels.agg;

import io.blueshift.kernels.arith.Int128;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar twin of {@link AggKernels}. Every method aggregates the rows {@code 0..n-1} whose bit is
 * set in {@code rows} ({@code null}: all of them) and returns the identity of the aggregate
 * (0, or MAX/MIN_VALUE, or for floating MIN/MAX +/-infinity) when there is none; the caller knows
 * the row count and turns zero rows into NULL. MIN and MAX of floating point order NaN above
 * every number as Postgres does: MAX is NaN when any value is, MIN is NaN only when all are.
 * Floats are aggregated as doubles (exact for MIN/MAX; more precise than float for SUM).
 */
public final class AggScalar {
    private static final ValueLayout.OfShort H = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private AggScalar() {
    }

    static boolean selected(long[] rows, int i) {
        return rows == null || (rows[i >>> 6] & (1L << i)) != 0;
    }

    /** The exact sum of 64-bit values (BIGINT, or DECIMAL(p<=18) unscaled). */
    public static Int128 sumLong(MemorySegment values, long[] rows, int n) {
        long[] halves = new long[2];
        sumLongHalves(values, rows, 0, n, halves);
        return combine(halves[0], halves[1]);
    }

    /**
     * Adds the signed high and unsigned low 32-bit halves of the selected values in
     * {@code from..to-1} to {@code halves[0]} and {@code halves[1]}. Neither can overflow for
     * fewer than 2<sup>31</sup> rows.
     */
    static void sumLongHalves(MemorySegment values, long[] rows, int from, int to, long[] halves) {
        long hi = 0;
        long lo = 0;
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                long v = values.get(L, (long) i << 3);
                hi += v >> 32;
                lo += v & 0xFFFF_FFFFL;
            }
        }
        halves[0] += hi;
        halves[1] += lo;
    }

    /** {@code hi * 2^32 + lo} in 128 bits, {@code lo} being non-negative. */
    static Int128 combine(long hi, long lo) {
        return Int128.of(hi >> 32, hi << 32).add(0, lo);
    }

    /** The exact sum of ints (it fits in a long for fewer than 2<sup>31</sup> rows). */
    public static long sumInt(MemorySegment values, long[] rows, int n) {
        return sumInt(values, rows, 0, n);
    }

    static long sumInt(MemorySegment values, long[] rows, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                sum += values.get(I, (long) i << 2);
            }
        }
        return sum;
    }

    public static long sumShort(MemorySegment values, long[] rows, int n) {
        return sumShort(values, rows, 0, n);
    }

    static long sumShort(MemorySegment values, long[] rows, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                sum += values.get(H, (long) i << 1);
            }
        }
        return sum;
    }

    public static double sumDouble(MemorySegment values, long[] rows, int n) {
        return sumDouble(values, rows, 0, n);
    }

    static double sumDouble(MemorySegment values, long[] rows, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                sum += values.get(D, (long) i << 3);
            }
        }
        return sum;
    }

    public static double sumFloat(MemorySegment values, long[] rows, int n) {
        return sumFloat(values, rows, 0, n);
    }

    static double sumFloat(MemorySegment values, long[] rows, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                sum += values.get(F, (long) i << 2);
            }
        }
        return sum;
    }

    public static long minLong(MemorySegment values, long[] rows, int n) {
        return minLong(values, rows, 0, n, Long.MAX_VALUE);
    }

    static long minLong(MemorySegment values, long[] rows, int from, int to, long min) {
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                min = Math.min(min, values.get(L, (long) i << 3));
            }
        }
        return min;
    }

    public static long maxLong(MemorySegment values, long[] rows, int n) {
        return maxLong(values, rows, 0, n, Long.MIN_VALUE);
    }

    static long maxLong(MemorySegment values, long[] rows, int from, int to, long max) {
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                max = Math.max(max, values.get(L, (long) i << 3));
            }
        }
        return max;
    }

    public static int minInt(MemorySegment values, long[] rows, int n) {
        return minInt(values, rows, 0, n, Integer.MAX_VALUE);
    }

    static int minInt(MemorySegment values, long[] rows, int from, int to, int min) {
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                min = Math.min(min, values.get(I, (long) i << 2));
            }
        }
        return min;
    }

    public static int maxInt(MemorySegment values, long[] rows, int n) {
        return maxInt(values, rows, 0, n, Integer.MIN_VALUE);
    }

    static int maxInt(MemorySegment values, long[] rows, int from, int to, int max) {
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                max = Math.max(max, values.get(I, (long) i << 2));
            }
        }
        return max;
    }

    public static short minShort(MemorySegment values, long[] rows, int n) {
        return minShort(values, rows, 0, n, Short.MAX_VALUE);
    }

    static short minShort(MemorySegment values, long[] rows, int from, int to, short min) {
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                min = (short) Math.min(min, values.get(H, (long) i << 1));
            }
        }
        return min;
    }

    public static short maxShort(MemorySegment values, long[] rows, int n) {
        return maxShort(values, rows, 0, n, Short.MIN_VALUE);
    }

    static short maxShort(MemorySegment values, long[] rows, int from, int to, short max) {
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                max = (short) Math.max(max, values.get(H, (long) i << 1));
            }
        }
        return max;
    }

    /**
     * MIN ignoring NaN; NaN only when every selected value is NaN (+infinity for no row). A zero
     * result is +0.0: SQL does not order -0.0 below 0.0, and lane order must not pick the sign.
     */
    public static double minDouble(MemorySegment values, long[] rows, int n) {
        double min = minDouble(values, rows, 0, n, Double.POSITIVE_INFINITY);
        return min == Double.POSITIVE_INFINITY && !anyNumberDouble(values, rows, n) && anySelected(rows, n)
                ? Double.NaN : min + 0.0;
    }

    static double minDouble(MemorySegment values, long[] rows, int from, int to, double min) {
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                double v = values.get(D, (long) i << 3);
                min = v < min ? v : min;
            }
        }
        return min;
    }

    /** MAX, NaN when any selected value is NaN; a zero result is +0.0 (see {@link #minDouble}). */
    public static double maxDouble(MemorySegment values, long[] rows, int n) {
        return maxDouble(values, rows, 0, n, Double.NEGATIVE_INFINITY) + 0.0;
    }

    static double maxDouble(MemorySegment values, long[] rows, int from, int to, double max) {
        boolean nan = max != max;
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                double v = values.get(D, (long) i << 3);
                nan |= v != v;
                max = v > max ? v : max;
            }
        }
        return nan ? Double.NaN : max;
    }

    /** See {@link #minDouble}. */
    public static double minFloat(MemorySegment values, long[] rows, int n) {
        float min = minFloat(values, rows, 0, n, Float.POSITIVE_INFINITY);
        return min == Float.POSITIVE_INFINITY && !anyNumberFloat(values, rows, n) && anySelected(rows, n)
                ? Double.NaN : min + 0.0;
    }

    static float minFloat(MemorySegment values, long[] rows, int from, int to, float min) {
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                float v = values.get(F, (long) i << 2);
                min = v < min ? v : min;
            }
        }
        return min;
    }

    /** See {@link #maxDouble}. */
    public static double maxFloat(MemorySegment values, long[] rows, int n) {
        return maxFloat(values, rows, 0, n, Float.NEGATIVE_INFINITY) + 0.0;
    }

    static float maxFloat(MemorySegment values, long[] rows, int from, int to, float max) {
        boolean nan = max != max;
        for (int i = from; i < to; i++) {
            if (selected(rows, i)) {
                float v = values.get(F, (long) i << 2);
                nan |= v != v;
                max = v > max ? v : max;
            }
        }
        return nan ? Float.NaN : max;
    }

    /** Whether some row among the first {@code n} is selected. */
    static boolean anySelected(long[] rows, int n) {
        if (rows == null) {
            return n > 0;
        }
        for (int w = 0, words = (n + 63) >>> 6; w < words; w++) {
            if (rows[w] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether some selected row holds a double that is not NaN. */
    static boolean anyNumberDouble(MemorySegment values, long[] rows, int n) {
        for (int i = 0; i < n; i++) {
            if (selected(rows, i) && !Double.isNaN(values.get(D, (long) i << 3))) {
                return true;
            }
        }
        return false;
    }

    static boolean anyNumberFloat(MemorySegment values, long[] rows, int n) {
        for (int i = 0; i < n; i++) {
            if (selected(rows, i) && !Float.isNaN(values.get(F, (long) i << 2))) {
                return true;
            }
        }
        return false;
    }
}
