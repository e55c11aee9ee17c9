package io.blueshift.kernels.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FilterSumTest {
    /** With bound 0, values up to 2^43 in magnitude: 65537 of them cannot leave the long range whatever is selected. */
    private static MemorySegment longs(Arena arena, int n, Random random, long bound) {
        MemorySegment s = arena.allocate(Math.max(8, 8L * n), 8);
        for (int i = 0; i < n; i++) {
            s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, bound == 0 ? random.nextLong() >> 20 : random.nextLong(bound));
        }
        return s;
    }

    @Test
    void simdMatchesScalarAndPlainJava() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int[] lengths = new int[80];
        for (int i = 0; i < 75; i++) {
            lengths[i] = i;
        }
        lengths[75] = 127;
        lengths[76] = 1000;
        lengths[77] = 4099;
        lengths[78] = 65537;
        lengths[79] = 3;
        for (int n : lengths) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment values = longs(arena, n, random, 0);
                MemorySegment doubles = arena.allocate(Math.max(8, 8L * n), 8);
                for (int i = 0; i < n; i++) {
                    doubles.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, random.nextDouble() * 100);
                }
                MemorySegment a = longs(arena, n, random, 100);
                MemorySegment b = longs(arena, n, random, 100);
                for (boolean two : new boolean[] {false, true}) {
                    MemorySegment second = two ? b : null;
                    long aLo = random.nextInt(50);
                    long aHi = aLo + random.nextInt(50);
                    BigInteger want = BigInteger.ZERO;
                    double wantDouble = 0;
                    for (int i = 0; i < n; i++) {
                        long x = a.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
                        long y = b.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
                        if (x >= aLo && x <= aHi && (!two || (y >= 5 && y <= 60))) {
                            want = want.add(BigInteger.valueOf(values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i)));
                            wantDouble += doubles.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
                        }
                    }
                    String message = "seed=" + seed + " n=" + n + " two=" + two;
                    assertEquals(want.longValueExact(), FilterSumScalar.sumLong(values, a, aLo, aHi, second, 5, 60, n), message);
                    assertEquals(want.longValueExact(), FilterSum.sumLong(values, a, aLo, aHi, second, 5, 60, n), message);
                    double tolerance = 1e-9 * Math.max(1, Math.abs(wantDouble));
                    assertEquals(wantDouble, FilterSumScalar.sumDouble(doubles, a, aLo, aHi, second, 5, 60, n), tolerance, message);
                    assertEquals(wantDouble, FilterSum.sumDouble(doubles, a, aLo, aHi, second, 5, 60, n), tolerance, message);
                }
            }
        }
    }

    @Test
    void longSumIsExactWhenItFitsAndRaisesWhenNot() {
        try (Arena arena = Arena.ofConfined()) {
            int n = 37;
            MemorySegment values = arena.allocate(8L * n, 8);
            MemorySegment a = arena.allocate(8L * n, 8);
            for (int i = 0; i < n; i++) {
                values.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, i % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
            }
            // 19 MAX and 18 MIN: intermediate sums leave the long range, the total (MAX - 18) does not
            assertEquals(Long.MAX_VALUE - 18, FilterSum.sumLong(values, a, 0, 0, null, 0, 0, n));
            assertEquals(Long.MAX_VALUE - 18, FilterSumScalar.sumLong(values, a, 0, 0, null, 0, 0, n));
            assertEquals(0, FilterSum.sumLong(values, a, 1, 1, null, 0, 0, n));
            assertEquals(0, FilterSum.sumLong(values, a, 0, -1, null, 0, 0, n));
            assertEquals(0, FilterSumScalar.sumLong(values, a, 0, -1, null, 0, 0, n));
            assertEquals(0, FilterSum.sumLong(values, a, 0, 0, a, 1, 0, n));
            assertEquals(0.0, FilterSum.sumDouble(values, a, 0, 0, a, 1, 0, n));
            assertEquals(Long.MAX_VALUE - 18, FilterSum.sumLong(values, a, Long.MIN_VALUE, Long.MAX_VALUE, a,
                    Long.MIN_VALUE, 0, n));
            for (int i = 0; i < n; i++) {
                values.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, Long.MIN_VALUE / 4);
            }
            assertEquals(Long.MIN_VALUE, FilterSum.sumLong(values, a, 0, 0, null, 0, 0, 4));
            BlueshiftException e = assertThrows(BlueshiftException.class,
                    () -> FilterSum.sumLong(values, a, 0, 0, null, 0, 0, 5));
            assertEquals(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, e.code());
            assertThrows(BlueshiftException.class, () -> FilterSumScalar.sumLong(values, a, 0, 0, null, 0, 0, n));
        }
    }
}
