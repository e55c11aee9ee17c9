package io.blueshift.kernels.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.Selection;
import io.blueshift.kernels.hash.TestColumns;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupAggTest {
    private static long[] randomLongs(Random random, int n) {
        long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, Long.MIN_VALUE + 1};
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(3) == 0 ? extremes[random.nextInt(extremes.length)] : random.nextLong() >> random.nextInt(64);
        }
        return v;
    }

    private static BigInteger sum128(long[] sums, int g) {
        return BigInteger.valueOf(GroupStates.sumHigh(sums, g)).shiftLeft(64)
                .add(new BigInteger(Long.toUnsignedString(GroupStates.sumLow(sums, g))));
    }

    @Test
    void sumsMatchScalarAndBigIntegerReference() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            int[] lengths = new int[75];
            for (int i = 0; i <= 70; i++) {
                lengths[i] = i;
            }
            lengths[71] = 1000;
            lengths[72] = 4099;
            lengths[73] = 8;
            lengths[74] = 20_000;
            for (int n : lengths) {
                for (int groups : new int[] {1, 3, 8, 9, 16, 1000}) {
                    String message = "seed=" + seed + " n=" + n + " groups=" + groups;
                    long[] values = randomLongs(random, n);
                    double[] doubles = new double[n];
                    int[] ids = new int[n];
                    BigInteger[] expected = new BigInteger[groups];
                    Arrays.fill(expected, BigInteger.ZERO);
                    double[] expectedDouble = new double[groups];
                    for (int i = 0; i < n; i++) {
                        ids[i] = random.nextInt(groups);
                        doubles[i] = random.nextInt(1000) / 4.0;
                        expected[ids[i]] = expected[ids[i]].add(BigInteger.valueOf(values[i]));
                        expectedDouble[ids[i]] += doubles[i];
                    }
                    MemorySegment seg = TestColumns.longs(arena, values, null).data();
                    MemorySegment dseg = TestColumns.doubles(arena, doubles, null).data();
                    long[] simd = GroupStates.growSums(new long[0], groups);
                    long[] scalar = GroupStates.growSums(new long[0], groups);
                    GroupAggKernels.sumLong(ids, seg, null, n, simd, groups);
                    GroupAggScalar.sumLong(ids, seg, null, n, scalar);
                    assertArrayEquals(scalar, simd, message);
                    double[] dsimd = new double[groups];
                    double[] dscalar = new double[groups];
                    GroupAggKernels.sumDouble(ids, dseg, null, n, dsimd, groups);
                    GroupAggScalar.sumDouble(ids, dseg, null, n, dscalar);
                    for (int g = 0; g < groups; g++) {
                        assertEquals(expected[g], sum128(scalar, g), message + " g=" + g);
                        // quarters sum exactly, so any order gives the same double
                        assertEquals(expectedDouble[g], dsimd[g], message);
                        assertEquals(expectedDouble[g], dscalar[g], message);
                    }
                }
            }
        }
    }

    @Test
    void sumOverflowIsReportedOnlyAtTheEnd() {
        long[] sums = GroupStates.growSums(new long[0], 2);
        GroupStates.add128(sums, 0, Long.MAX_VALUE);
        GroupStates.add128(sums, 0, 1);
        BlueshiftException e = assertThrows(BlueshiftException.class, () -> GroupStates.sumAsLong(sums, 0));
        assertEquals("22003", e.code().sqlState());
        GroupStates.add128(sums, 0, -1);
        assertEquals(Long.MAX_VALUE, GroupStates.sumAsLong(sums, 0));
        GroupStates.add128(sums, 1, Long.MIN_VALUE);
        GroupStates.add128(sums, 1, Long.MIN_VALUE);
        assertEquals(-1, GroupStates.sumHigh(sums, 1));
        assertEquals(0, GroupStates.sumLow(sums, 1));
    }

    @Test
    void aggregatorSkipsNullsAndUnselectedRows() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {0, 1, 63, 64, 65, 1000, 4099}) {
                int groups = 1 + random.nextInt(12);
                long[] values = randomLongs(random, n);
                double[] doubles = new double[n];
                double[] special = {Double.NaN, -0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
                int[] ids = new int[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = random.nextInt(groups);
                    doubles[i] = random.nextInt(10) == 0 ? special[random.nextInt(4)] : random.nextGaussian();
                }
                boolean[] nulls = TestColumns.nulls(random, n, random.nextBoolean() ? 0 : 0.3);
                MemorySegment validity = TestColumns.validity(arena, nulls);
                MemorySegment seg = TestColumns.longs(arena, values, null).data();
                MemorySegment dseg = TestColumns.doubles(arena, doubles, null).data();
                int[] selected = new int[n];
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (random.nextInt(3) > 0) {
                        selected[count++] = i;
                    }
                }
                for (Selection selection : new Selection[] {null, Selection.range(0, n), Selection.positions(selected, count)}) {
                    for (boolean simd : new boolean[] {true, false}) {
                        String message = "seed=" + seed + " n=" + n + " simd=" + simd + " " + selection;
                        GroupAggregator agg = new GroupAggregator(simd);
                        long[] sums = GroupStates.growSums(new long[0], groups);
                        long[] counts = new long[groups];
                        long[] mins = GroupStates.grow(new long[0], groups, Long.MAX_VALUE);
                        long[] maxes = GroupStates.grow(new long[0], groups, Long.MIN_VALUE);
                        double[] dmins = GroupStates.grow(new double[0], groups, Double.NaN);
                        double[] dmaxes = GroupStates.grow(new double[0], groups, Double.NEGATIVE_INFINITY);
                        agg.sumLong(ids, seg, validity, selection, n, sums, groups);
                        agg.count(ids, validity, selection, n, counts);
                        agg.minLong(ids, seg, validity, selection, n, mins);
                        agg.maxLong(ids, seg, validity, selection, n, maxes);
                        agg.minDouble(ids, dseg, validity, selection, n, dmins);
                        agg.maxDouble(ids, dseg, validity, selection, n, dmaxes);
                        BigInteger[] eSum = new BigInteger[groups];
                        Arrays.fill(eSum, BigInteger.ZERO);
                        long[] eCount = new long[groups];
                        long[] eMin = new long[groups];
                        long[] eMax = new long[groups];
                        Arrays.fill(eMin, Long.MAX_VALUE);
                        Arrays.fill(eMax, Long.MIN_VALUE);
                        Double[] eDmin = new Double[groups];
                        Double[] eDmax = new Double[groups];
                        int rows = selection == null ? n : selection.count();
                        for (int k = 0; k < rows; k++) {
                            int r = selection == null ? k : selection.get(k);
                            if (nulls != null && nulls[r]) {
                                continue;
                            }
                            int g = ids[r];
                            eSum[g] = eSum[g].add(BigInteger.valueOf(values[r]));
                            eCount[g]++;
                            eMin[g] = Math.min(eMin[g], values[r]);
                            eMax[g] = Math.max(eMax[g], values[r]);
                            // Double.compare orders NaN last like SQL; -0.0 vs 0.0 only via sign: keep first
                            eDmin[g] = eDmin[g] == null || Double.compare(doubles[r], eDmin[g]) < 0 ? doubles[r] : eDmin[g];
                            eDmax[g] = eDmax[g] == null || Double.compare(doubles[r], eDmax[g]) > 0 ? doubles[r] : eDmax[g];
                        }
                        for (int g = 0; g < groups; g++) {
                            assertEquals(eSum[g], sum128(sums, g), message);
                            assertEquals(eCount[g], counts[g], message);
                            assertEquals(eMin[g], mins[g], message);
                            assertEquals(eMax[g], maxes[g], message);
                            if (eCount[g] > 0) {
                                assertEquals(eDmin[g] == 0.0 ? 0.0 : eDmin[g], dmins[g] == 0.0 ? 0.0 : dmins[g], message);
                                assertEquals(eDmax[g] == 0.0 ? 0.0 : eDmax[g], dmaxes[g] == 0.0 ? 0.0 : dmaxes[g], message);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Values of every magnitude up to 2^62 and both signs: the sums in one lane per value (taken
     * while the magnitudes times the rows stay below 2^62) and the split sums (taken beyond) both
     * give the exact 128-bit sums of the scalar loop.
     */
    @Test
    void sumsOfValuesSmallEnoughForOneLaneAndJustTooLargeAreExact() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {8, 64, 1000, 65_536}) {
                for (int bits : new int[] {0, 1, 20, 40, 45, 46, 47, 52, 62}) {
                    for (int groups : new int[] {1, 4, 8}) {
                        String message = "seed=" + seed + " n=" + n + " bits=" + bits + " groups=" + groups;
                        long[] values = new long[n];
                        int[] ids = new int[n];
                        BigInteger[] expected = new BigInteger[groups];
                        Arrays.fill(expected, BigInteger.ZERO);
                        for (int i = 0; i < n; i++) {
                            long magnitude = bits == 0 ? 0 : random.nextLong(1L << bits) + (random.nextInt(8) == 0 ? 1 : 0);
                            values[i] = random.nextBoolean() ? magnitude : -magnitude;
                            ids[i] = random.nextInt(groups);
                            expected[ids[i]] = expected[ids[i]].add(BigInteger.valueOf(values[i]));
                        }
                        MemorySegment seg = TestColumns.longs(arena, values, null).data();
                        long[] simd = GroupStates.growSums(new long[0], groups);
                        long[] scalar = GroupStates.growSums(new long[0], groups);
                        GroupAggKernels.sumLong(ids, seg, null, n, simd, groups);
                        GroupAggScalar.sumLong(ids, seg, null, n, scalar);
                        assertArrayEquals(scalar, simd, message);
                        for (int g = 0; g < groups; g++) {
                            assertEquals(expected[g], sum128(simd, g), message + " g=" + g);
                        }
                    }
                }
            }
        }
    }

    @Test
    void handComputedGroupSums() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(8 * 10L);
            for (int i = 0; i < 10; i++) {
                v.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, i + 1);
            }
            int[] ids = {0, 1, 0, 1, 0, 1, 0, 1, 0, 2};
            long[] sums = GroupStates.growSums(new long[0], 3);
            GroupAggKernels.sumLong(ids, v, null, 10, sums, 3);
            assertEquals(1 + 3 + 5 + 7 + 9, GroupStates.sumAsLong(sums, 0));
            assertEquals(2 + 4 + 6 + 8, GroupStates.sumAsLong(sums, 1));
            assertEquals(10, GroupStates.sumAsLong(sums, 2));
        }
    }
}
