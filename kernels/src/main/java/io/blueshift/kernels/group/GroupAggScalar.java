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

    /** The most groups {@link #countFew} and {@link #sum128Few} are for (four counters each, on the heap per call). */
    public static final int FEW_COUNTERS = 64;

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

    /**
     * Adds {@code count} DECIMAL128 values (low and high word per row, no NULLs) to 128-bit sums
     * ({@link GroupStates#add128}) of group ids below {@code groups}, for few groups: the rows go
     * round four partial sums per group, so that a run of rows of one group is four chains of
     * additions instead of one in which each waits for the one before.
     */
    public static void sum128Few(int[] groupIds, MemorySegment values, int count, long[] sums, int groups) {
        long[] lanes = new long[groups << 3];
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            for (int lane = 0; lane < 4; lane++) {
                int row = i + lane;
                int at = ((groupIds[row] << 2) + lane) << 1;
                long low = values.getAtIndex(LONG, 2L * row);
                long old = lanes[at];
                long sum = old + low;
                lanes[at] = sum;
                lanes[at + 1] += values.getAtIndex(LONG, 2L * row + 1) + (Long.compareUnsigned(sum, old) < 0 ? 1 : 0);
            }
        }
        for (; i < count; i++) {
            GroupStates.add128(sums, groupIds[i], values.getAtIndex(LONG, 2L * i), values.getAtIndex(LONG, 2L * i + 1));
        }
        for (int g = 0; g < groups; g++) {
            for (int lane = 0; lane < 4; lane++) {
                int at = ((g << 2) + lane) << 1;
                GroupStates.add128(sums, g, lanes[at], lanes[at + 1]);
            }
        }
    }

    /**
     * COUNT of {@code count} rows whose group ids are below {@code groups}, for few groups: the
     * rows go round four counters per group, so that a run of rows of one group is four chains of
     * increments, not one chain in which each waits for the store of the one before.
     */
    public static void countFew(int[] groupIds, int count, long[] counts, int groups) {
        int[] lanes = new int[groups << 2];
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            lanes[groupIds[i] << 2]++;
            lanes[(groupIds[i + 1] << 2) + 1]++;
            lanes[(groupIds[i + 2] << 2) + 2]++;
            lanes[(groupIds[i + 3] << 2) + 3]++;
        }
        for (; i < count; i++) {
            counts[groupIds[i]]++;
        }
        for (int g = 0; g < groups; g++) {
            int at = g << 2;
            counts[g] += (long) lanes[at] + lanes[at + 1] + lanes[at + 2] + lanes[at + 3];
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
