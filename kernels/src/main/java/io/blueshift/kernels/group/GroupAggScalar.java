package io.blueshift.kernels.group;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar twin of {@link GroupAggKernels}: accumulates row {@code r} of a value column into the
 * state of group {@code groupIds[r]}, for {@code r} in {@code positions[0..count)} or, when
 * {@code positions} is null, in {@code 0..count-1}. State arrays must already hold every group id
 * that occurs ({@link GroupStates#grow}). Rows are never NULL here: {@link GroupAggregator} drops
 * them. MIN/MAX over doubles order NaN above every other value, as PostgreSQL does; their state
 * starts at NaN (min) and -Infinity (max) and is meaningless for a group whose count is zero.
 */
public final class GroupAggScalar {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private GroupAggScalar() {
    }

    /** Exact 128-bit SUM of BIGINT (or DECIMAL(p<=18)) values, two longs per group. */
    public static void sumLong(int[] groupIds, MemorySegment values, int[] positions, int count, long[] sums) {
        for (int i = 0; i < count; i++) {
            int r = positions == null ? i : positions[i];
            GroupStates.add128(sums, groupIds[r], values.getAtIndex(LONG, r));
        }
    }

    public static void sumDouble(int[] groupIds, MemorySegment values, int[] positions, int count, double[] sums) {
        for (int i = 0; i < count; i++) {
            int r = positions == null ? i : positions[i];
            sums[groupIds[r]] += values.getAtIndex(DOUBLE, r);
        }
    }

    /** COUNT: adds one per row to its group. */
    public static void count(int[] groupIds, int[] positions, int count, long[] counts) {
        for (int i = 0; i < count; i++) {
            counts[groupIds[positions == null ? i : positions[i]]]++;
        }
    }

    public static void minLong(int[] groupIds, MemorySegment values, int[] positions, int count, long[] mins) {
        for (int i = 0; i < count; i++) {
            int r = positions == null ? i : positions[i];
            int g = groupIds[r];
            mins[g] = Math.min(mins[g], values.getAtIndex(LONG, r));
        }
    }

    public static void maxLong(int[] groupIds, MemorySegment values, int[] positions, int count, long[] maxes) {
        for (int i = 0; i < count; i++) {
            int r = positions == null ? i : positions[i];
            int g = groupIds[r];
            maxes[g] = Math.max(maxes[g], values.getAtIndex(LONG, r));
        }
    }

    public static void minDouble(int[] groupIds, MemorySegment values, int[] positions, int count, double[] mins) {
        for (int i = 0; i < count; i++) {
            int r = positions == null ? i : positions[i];
            int g = groupIds[r];
            double v = values.getAtIndex(DOUBLE, r);
            double m = mins[g];
            if (v < m || (m != m && v == v)) {
                mins[g] = v;
            }
        }
    }

    public static void maxDouble(int[] groupIds, MemorySegment values, int[] positions, int count, double[] maxes) {
        for (int i = 0; i < count; i++) {
            int r = positions == null ? i : positions[i];
            int g = groupIds[r];
            double v = values.getAtIndex(DOUBLE, r);
            if (v > maxes[g] || v != v) {
                maxes[g] = v;
            }
        }
    }
}
