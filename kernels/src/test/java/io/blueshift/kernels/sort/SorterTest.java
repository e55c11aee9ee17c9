package io.blueshift.kernels.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SorterTest {
    private static void assertSorts(SortKey[] keys, int n, String msg) {
        int[] want = ReferenceSort.sort(keys, n);
        assertArrayEquals(want, Sorter.sort(keys, n, true), msg + " simd");
        assertArrayEquals(want, Sorter.sort(keys, n, false), msg + " scalar");
        for (int k : new int[] {0, 1, 5, n / 2, n, n + 3}) {
            assertArrayEquals(Arrays.copyOf(want, Math.min(k, n)), TopN.topN(keys, n, k), msg + " top " + k);
        }
    }

    @Test
    void everyTypeEveryDirectionAndNullPlacement() {
        long seed = 23;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (SortKeyType type : SortKeyType.values()) {
                for (int n : new int[] {0, 1, 2, 7, 33, 64, 65, 71, 500}) {
                    for (int combo = 0; combo < 4; combo++) {
                        boolean desc = (combo & 1) != 0;
                        boolean nullsFirst = (combo & 2) != 0;
                        for (double nullRate : new double[] {0, 0.2}) {
                            SortKey key = SortColumns.key(arena, random, type, n, nullRate, desc, nullsFirst);
                            assertSorts(new SortKey[] {key}, n, "seed=" + seed + " type=" + type + " n=" + n
                                    + " desc=" + desc + " nullsFirst=" + nullsFirst + " nulls=" + nullRate);
                        }
                    }
                }
            }
        }
    }

    @Test
    void multipleKeysIncludingStringsAndLongKeys() {
        long seed = 29;
        Random random = new Random(seed);
        SortKeyType[] types = SortKeyType.values();
        try (Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 300; round++) {
                int n = random.nextInt(round < 200 ? 80 : 3000);
                int count = 1 + random.nextInt(4);
                SortKey[] keys = new SortKey[count];
                StringBuilder desc = new StringBuilder();
                for (int k = 0; k < count; k++) {
                    SortKeyType type = types[random.nextInt(types.length)];
                    keys[k] = SortColumns.key(arena, random, type, n, random.nextBoolean() ? 0 : 0.15,
                            random.nextBoolean(), random.nextBoolean());
                    desc.append(type).append(keys[k].descending() ? " DESC" : " ASC")
                            .append(keys[k].nullsFirst() ? " NF, " : " NL, ");
                }
                assertSorts(keys, n, "seed=" + seed + " round=" + round + " n=" + n + " keys=" + desc);
            }
        }
    }

    @Test
    void handComputedDoubleOrder() {
        double[] values = {3, Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, 99, Double.POSITIVE_INFINITY};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(8L * values.length);
            for (int i = 0; i < values.length; i++) {
                seg.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, values[i]);
            }
            MemorySegment validity = arena.allocate(1);
            validity.set(ValueLayout.JAVA_BYTE, 0, (byte) 0b1011111); // row 5 is null
            SortKey asc = SortKey.asc(SortKeyType.DOUBLE, seg, validity);
            assertArrayEquals(new int[] {4, 2, 3, 0, 6, 1, 5}, Sorter.sort(new SortKey[] {asc}, 7));
            SortKey desc = SortKey.desc(SortKeyType.DOUBLE, seg, validity);
            assertArrayEquals(new int[] {5, 1, 6, 0, 2, 3, 4}, Sorter.sort(new SortKey[] {desc}, 7));
            assertArrayEquals(new int[] {1, 6, 0, 2, 3, 4, 5},
                    Sorter.sort(new SortKey[] {desc.withNullsFirst(false)}, 7));
        }
    }

    @Test
    void stableForEqualKeys() {
        try (Arena arena = Arena.ofConfined()) {
            int n = 1000;
            MemorySegment seg = arena.allocate(4L * n);
            for (int i = 0; i < n; i++) {
                seg.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, i % 3);
            }
            int[] rows = Sorter.sort(new SortKey[] {SortKey.desc(SortKeyType.INT, seg, null)}, n);
            for (int i = 1; i < n; i++) {
                int a = rows[i - 1] % 3;
                int b = rows[i] % 3;
                if (a == b && rows[i - 1] > rows[i]) {
                    throw new AssertionError("unstable at " + i);
                }
            }
        }
    }

    @Test
    void simdEncodersMatchScalar() {
        long seed = 31;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (SortKeyType type : new SortKeyType[] {SortKeyType.INT, SortKeyType.LONG, SortKeyType.FLOAT,
                SortKeyType.DOUBLE}) {
                for (int n = 0; n <= 70; n++) {
                    for (boolean desc : new boolean[] {false, true}) {
                        SortKey key = SortColumns.key(arena, random, type, n, 0, desc, false);
                        long[] simd = new long[n];
                        long[] scalar = new long[n];
                        switch (type) {
                            case INT -> {
                                KeyEncodeKernels.encodeInt(key.values(), n, desc, simd);
                                KeyEncodeScalar.encodeInt(key.values(), n, desc, scalar);
                            }
                            case LONG -> {
                                KeyEncodeKernels.encodeLong(key.values(), n, desc, simd);
                                KeyEncodeScalar.encodeLong(key.values(), n, desc, scalar);
                            }
                            case FLOAT -> {
                                KeyEncodeKernels.encodeFloat(key.values(), n, desc, simd);
                                KeyEncodeScalar.encodeFloat(key.values(), n, desc, scalar);
                            }
                            default -> {
                                KeyEncodeKernels.encodeDouble(key.values(), n, desc, simd);
                                KeyEncodeScalar.encodeDouble(key.values(), n, desc, scalar);
                            }
                        }
                        String msg = "seed=" + seed + " type=" + type + " n=" + n + " desc=" + desc;
                        assertArrayEquals(scalar, simd, msg);
                        for (int pos = 0; pos < 9; pos++) {
                            long[][] a = new long[2][n];
                            long[][] b = new long[2][n];
                            KeyEncodeKernels.place(scalar, n, pos, 8, a);
                            KeyEncodeScalar.place(scalar, n, pos, 8, b);
                            assertArrayEquals(b[0], a[0], msg + " pos=" + pos);
                            assertArrayEquals(b[1], a[1], msg + " pos=" + pos);
                        }
                    }
                }
            }
        }
    }
}
