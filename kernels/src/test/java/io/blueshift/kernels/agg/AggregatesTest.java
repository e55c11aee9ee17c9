package io.blueshift.kernels.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.Selection;
import io.blueshift.kernels.arith.Int128;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The SQL results: NULL for no rows, exact 128-bit sums, hand-computed values. */
class AggregatesTest {
    @Test
    void noNonNullRowMeansNull() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocateFrom(ValueLayout.JAVA_LONG, 1, 2, 3);
            MemorySegment noneValid = arena.allocateFrom(ValueLayout.JAVA_LONG, 0L);
            assertNull(Aggregates.sumLong(values, null, null, 0));
            assertNull(Aggregates.sumLong(values, noneValid, null, 3));
            assertNull(Aggregates.avgLong(values, noneValid, null, 3));
            assertEquals(OptionalLong.empty(), Aggregates.minLong(values, null, Selection.range(1, 0), 3));
            assertEquals(OptionalDouble.empty(), Aggregates.sumDouble(values, noneValid, null, 3));
            assertEquals(0, Aggregates.count(noneValid, null, 3));
            assertEquals(3, Aggregates.count(null, null, 3));
        }
    }

    @Test
    void handComputedResultsWithNullsAndSelection() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ints = arena.allocateFrom(ValueLayout.JAVA_INT, 5, -7, 100, 2, 9);
            MemorySegment validity = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 0b11011);
            Selection selection = Selection.positions(new int[] {0, 1, 2, 4}, 4);
            // Rows 0, 1 and 4 are selected and valid: 5, -7, 9.
            assertEquals(OptionalLong.of(7), Aggregates.sumInt(ints, validity, selection, 5));
            assertEquals(OptionalLong.of(-7), Aggregates.minInt(ints, validity, selection, 5));
            assertEquals(OptionalLong.of(9), Aggregates.maxInt(ints, validity, selection, 5));
            assertEquals(3, Aggregates.count(validity, selection, 5));
            Average avg = Aggregates.avgInt(ints, validity, selection, 5);
            assertEquals(new BigDecimal("2.3333"), avg.toBigDecimal(0, 4));
            assertEquals(OptionalLong.of(95), Aggregates.sumInt(ints, null, Selection.range(1, 3), 5));
            MemorySegment doubles = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, 1.5, Double.NaN, -2.0);
            assertEquals(OptionalDouble.of(-2.0), Aggregates.minDouble(doubles, null, null, 3));
            assertTrue(Double.isNaN(Aggregates.maxDouble(doubles, null, null, 3).getAsDouble()));
            assertEquals(OptionalDouble.of(-0.25), Aggregates.avgDouble(doubles, null, Selection.positions(new int[] {0, 2}, 2), 3));
            MemorySegment floats = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1.5f, 2.25f);
            assertEquals(OptionalDouble.of(3.75), Aggregates.sumFloat(floats, null, null, 2));
            MemorySegment shorts = arena.allocateFrom(ValueLayout.JAVA_SHORT, Short.MIN_VALUE, Short.MAX_VALUE, (short) 1);
            assertEquals(OptionalLong.of(0), Aggregates.sumShort(shorts, null, null, 3));
            assertEquals(OptionalLong.of(Short.MIN_VALUE), Aggregates.minShort(shorts, null, null, 3));
        }
    }

    @Test
    void sumsThatOverflowALongFitIn128Bits() {
        try (Arena arena = Arena.ofConfined()) {
            int n = 10_000;
            MemorySegment values = arena.allocate(8L * n);
            for (int i = 0; i < n; i++) {
                values.setAtIndex(ValueLayout.JAVA_LONG, i, i % 3 == 2 ? Long.MIN_VALUE : Long.MAX_VALUE);
            }
            BigInteger expected = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                expected = expected.add(BigInteger.valueOf(values.getAtIndex(ValueLayout.JAVA_LONG, i)));
            }
            assertEquals(expected, Aggregates.sumLong(values, null, null, n).toBigInteger());
            assertEquals(expected, AggScalar.sumLong(values, null, n).toBigInteger());
            assertTrue(expected.bitLength() > 63);
            Average avg = Aggregates.avgLong(values, null, null, n);
            assertEquals(new BigDecimal(expected).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP),
                    avg.toBigDecimal(0, 2));
            // Exactly 2^63: one past Long.MAX_VALUE.
            MemorySegment two = arena.allocateFrom(ValueLayout.JAVA_LONG, Long.MAX_VALUE, 1);
            assertEquals(BigInteger.ONE.shiftLeft(63), Aggregates.sumDecimal(two, null, null, 2).toBigInteger());
        }
    }

    @Test
    void decimalSumBeyondPrecision38IsAnError() {
        Int128 nearlyMax = Int128.powerOfTen(38).subtract(Int128.of(1));
        Average big = new Average(nearlyMax, 1);
        assertEquals(nearlyMax, big.merge(new Average(Int128.ZERO, 1)).sum());
        BlueshiftException e = assertThrows(BlueshiftException.class,
                () -> nearlyMax.add(Int128.of(1)).checkPrecision(Int128.MAX_PRECISION));
        assertEquals("22003", e.sqlState());
    }
}
