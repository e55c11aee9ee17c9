package io.blueshift.kernels.group;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API grouped aggregation, twin of {@link GroupAggScalar} (same signatures and results).
 * With few groups (at most {@link #FEW_GROUPS}) and all rows of a batch, each group gets its own
 * vector of lane-wise partial sums, updated under the mask of the lanes that belong to it, and the
 * lanes are folded into the group state once per call; that avoids the store-to-load chain of
 * {@code sums[g] += v} when consecutive rows share a group. Exact sums add each value in one
 * 64-bit lane when the call's values prove no lane can overflow (their magnitudes, ORed in the same
 * loop, times the rows stay below 2^62); otherwise they split every value into its signed high and
 * unsigned low 32 bits, each summed in a 64-bit lane that cannot overflow within one call (fewer
 * than 2^31 rows), and then folded into the 128-bit state. Otherwise (many groups,
 * a position list, COUNT/MIN/MAX, whose scatter has no vector form that pays here) the scalar
 * loops run. Double sums add in another order than the scalar loop, so they may differ from it
 * in the last bits, as any parallel sum does.
 */
public final class GroupAggKernels {
    /** The most groups for which the masked per-group vector accumulation is used. */
    public static final int FEW_GROUPS = 8;

    private static final VectorSpecies<Long> L = Simd.LONG;
    private static final VectorSpecies<Double> D = Simd.DOUBLE;
    private static final VectorSpecies<Integer> IL =
            VectorSpecies.of(int.class, VectorShape.forBitSize(Math.max(64, Simd.BITS / 2)));
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private GroupAggKernels() {
    }

    private static boolean fewGroups(int[] positions, int count, int groups) {
        return positions == null && groups <= FEW_GROUPS && count >= L.length() && IL.length() == L.length();
    }

    /** Exact 128-bit SUM of BIGINT values; {@code groups} bounds the group ids that occur. */
    public static void sumLong(int[] groupIds, MemorySegment values, int[] positions, int count, long[] sums, int groups) {
        if (groups == 1 && positions == null) {
            sumOne(values, count, sums);
            return;
        }
        if (!fewGroups(positions, count, groups)) {
            GroupAggScalar.sumLong(groupIds, values, positions, count, sums);
            return;
        }
        int bound = L.loopBound(count);
        if (!sumNarrow(groupIds, values, bound, sums, groups)) {
            sumSplit(groupIds, values, bound, sums, groups);
        }
        for (int i = bound; i < count; i++) {
            GroupStates.add128(sums, groupIds[i], values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i));
        }
    }

    /**
     * The sums of the first {@code bound} rows in one 64-bit lane per value, when the values prove
     * that no lane can overflow: the loop also ORs every value's magnitude bits, and when
     * {@code bound} values of at most 2^b in magnitude are summed below 2^62 the lane sums are exact
     * and are folded into the states. Otherwise it returns false having changed nothing. Half the
     * work of {@link #sumSplit}, and what decimal sums meet (TPC-H Q1's prices in cents are below
     * 2^24).
     */
    private static boolean sumNarrow(int[] groupIds, MemorySegment values, int bound, long[] sums, int groups) {
        int lanes = L.length();
        long[] partial = new long[Math.max(groups, 4) * lanes];
        LongVector magnitude = LongVector.zero(L);
        if (groups <= 4) {
            // the four sums stay in registers: no load and store of a partial sum per row
            LongVector s0 = LongVector.zero(L);
            LongVector s1 = s0;
            LongVector s2 = s0;
            LongVector s3 = s0;
            for (int i = 0; i < bound; i += lanes) {
                LongVector v = LongVector.fromMemorySegment(L, values, (long) i << 3, LE);
                magnitude = magnitude.or(v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 63)));
                LongVector g = (LongVector) IntVector.fromArray(IL, groupIds, i).convertShape(VectorOperators.I2L, L, 0);
                s0 = s0.add(v, g.eq(0));
                s1 = s1.add(v, g.eq(1));
                s2 = s2.add(v, g.eq(2));
                s3 = s3.add(v, g.eq(3));
            }
            s0.intoArray(partial, 0);
            s1.intoArray(partial, lanes);
            s2.intoArray(partial, 2 * lanes);
            s3.intoArray(partial, 3 * lanes);
        } else {
            for (int i = 0; i < bound; i += lanes) {
                LongVector v = LongVector.fromMemorySegment(L, values, (long) i << 3, LE);
                magnitude = magnitude.or(v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 63)));
                LongVector g = (LongVector) IntVector.fromArray(IL, groupIds, i).convertShape(VectorOperators.I2L, L, 0);
                for (int k = 0; k < groups; k++) {
                    int at = k * lanes;
                    LongVector.fromArray(L, partial, at).add(v, g.eq(k)).intoArray(partial, at);
                }
            }
        }
        if (!oneLaneExact(magnitude.reduceLanes(VectorOperators.OR), bound)) {
            return false;
        }
        for (int k = 0; k < groups; k++) {
            long total = 0;
            for (int lane = 0; lane < lanes; lane++) {
                total += partial[k * lanes + lane];
            }
            GroupStates.add128(sums, k, total);
        }
        return true;
    }

    /**
     * The sum of {@code count} values into the one group's state (a SUM without GROUP BY, as
     * TPC-H Q6's): in one 64-bit sum where the ORed magnitude bits of the values and the bits of
     * their count prove it exact (a loop the JIT vectorizes, with no group ids read or compared),
     * else in 128 bits value by value.
     */
    private static void sumOne(MemorySegment values, int count, long[] sums) {
        long total = 0;
        long magnitude = 0;
        for (int i = 0; i < count; i++) {
            long v = values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
            total += v;
            magnitude |= v ^ (v >> 63);
        }
        if (oneLaneExact(magnitude, count)) {
            GroupStates.add128(sums, 0, total);
            return;
        }
        for (int i = 0; i < count; i++) {
            GroupStates.add128(sums, 0, values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i));
        }
    }

    /**
     * Whether {@code count} values whose {@code v ^ (v >> 63)} OR to {@code magnitude} sum exactly
     * in one 64-bit lane: {@code v ^ (v >> 63)} is v, or -v - 1 when negative, below 2^bits either
     * way, so |v| <= 2^bits and the sum stays below 2^62.
     */
    private static boolean oneLaneExact(long magnitude, int count) {
        int bits = 64 - Long.numberOfLeadingZeros(magnitude);
        return bits + 64 - Long.numberOfLeadingZeros(count) <= 62;
    }

    /** The sums of the first {@code bound} rows of any values: each split into 32-bit halves, summed apart. */
    private static void sumSplit(int[] groupIds, MemorySegment values, int bound, long[] sums, int groups) {
        int lanes = L.length();
        long[] low = new long[groups * lanes];
        long[] high = new long[groups * lanes];
        for (int i = 0; i < bound; i += lanes) {
            LongVector v = LongVector.fromMemorySegment(L, values, (long) i << 3, LE);
            LongVector lo = v.and(0xFFFFFFFFL);
            LongVector hi = v.lanewise(VectorOperators.ASHR, 32);
            LongVector g = (LongVector) IntVector.fromArray(IL, groupIds, i).convertShape(VectorOperators.I2L, L, 0);
            for (int k = 0; k < groups; k++) {
                VectorMask<Long> mine = g.eq(k);
                int at = k * lanes;
                LongVector.fromArray(L, low, at).add(lo, mine).intoArray(low, at);
                LongVector.fromArray(L, high, at).add(hi, mine).intoArray(high, at);
            }
        }
        for (int k = 0; k < groups; k++) {
            long lo = 0;
            long hi = 0;
            for (int lane = 0; lane < lanes; lane++) {
                lo += low[k * lanes + lane];
                hi += high[k * lanes + lane];
            }
            // value = hi * 2^32 + lo, with |hi|, lo < 2^63: add the two parts as 128-bit numbers.
            GroupStates.add128(sums, k, hi << 32, hi >> 32);
            GroupStates.add128(sums, k, lo, 0L);
        }
    }

    public static void sumDouble(int[] groupIds, MemorySegment values, int[] positions, int count, double[] sums, int groups) {
        if (!fewGroups(positions, count, groups)) {
            GroupAggScalar.sumDouble(groupIds, values, positions, count, sums);
            return;
        }
        int lanes = D.length();
        double[] partial = new double[groups * lanes];
        int bound = D.loopBound(count);
        int i = 0;
        for (; i < bound; i += lanes) {
            DoubleVector v = DoubleVector.fromMemorySegment(D, values, (long) i << 3, LE);
            LongVector g = (LongVector) IntVector.fromArray(IL, groupIds, i).convertShape(VectorOperators.I2L, L, 0);
            for (int k = 0; k < groups; k++) {
                VectorMask<Double> mine = g.eq(k).cast(D);
                int at = k * lanes;
                DoubleVector.fromArray(D, partial, at).add(v, mine).intoArray(partial, at);
            }
        }
        for (int k = 0; k < groups; k++) {
            for (int lane = 0; lane < lanes; lane++) {
                sums[k] += partial[k * lanes + lane];
            }
        }
        for (; i < count; i++) {
            sums[groupIds[i]] += values.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
        }
    }

    public static void count(int[] groupIds, int[] positions, int count, long[] counts) {
        GroupAggScalar.count(groupIds, positions, count, counts);
    }

    public static void minLong(int[] groupIds, MemorySegment values, int[] positions, int count, long[] mins) {
        GroupAggScalar.minLong(groupIds, values, positions, count, mins);
    }

    public static void maxLong(int[] groupIds, MemorySegment values, int[] positions, int count, long[] maxes) {
        GroupAggScalar.maxLong(groupIds, values, positions, count, maxes);
    }

    public static void minDouble(int[] groupIds, MemorySegment values, int[] positions, int count, double[] mins) {
        GroupAggScalar.minDouble(groupIds, values, positions, count, mins);
    }

    public static void maxDouble(int[] groupIds, MemorySegment values, int[] positions, int count, double[] maxes) {
        GroupAggScalar.maxDouble(groupIds, values, positions, count, maxes);
    }
}
