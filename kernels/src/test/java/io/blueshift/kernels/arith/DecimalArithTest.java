package io.blueshift.kernels.arith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blueshift.kernels.BlueshiftException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scaled-long DECIMAL kernels against BigDecimal, SIMD against scalar. */
class DecimalArithTest {
    private static MemorySegment longs(Arena arena, long... values) {
        return arena.allocateFrom(ValueLayout.JAVA_LONG, values);
    }

    @Test
    void rescaleDownRoundsHalfAwayFromZero() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(8 * 8);
            DecimalArithScalar.rescaleDown(longs(arena, 15, -15, 14, -14, 25, -25, Long.MAX_VALUE, Long.MIN_VALUE), 1, out, 8);
            assertArrayEquals(new long[] {2, -2, 1, -1, 3, -3, 922337203685477581L, -922337203685477581L},
                    out.toArray(ValueLayout.JAVA_LONG));
            DecimalArithScalar.rescaleDown(longs(arena, Long.MAX_VALUE, 5_000_000_000_000_000_000L), 19, out, 2);
            assertEquals(0, out.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    @Test
    void rescaleUpAndMultiplyFlagTheExactLimitSimdLikeScalar() {
        long seed = 31;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n = 0; n < 80; n++) {
                MemorySegment a = arena.allocate(8L * n + 8);
                MemorySegment b = arena.allocate(8L * n + 8);
                int k = random.nextInt(19);
                int precision = 1 + random.nextInt(18);
                long limit = DecimalArithScalar.maxUnscaled(precision);
                long bound = limit / DecimalArithScalar.powerOfTen(k);
                boolean expectUp = false;
                boolean expectMul = false;
                for (int i = 0; i < n; i++) {
                    long x = switch (random.nextInt(5)) {
                        case 0 -> bound;
                        case 1 -> -bound - 1;
                        case 2 -> random.nextLong();
                        default -> random.nextInt(20001) - 10000;
                    };
                    long y = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(2001) - 1000;
                    a.setAtIndex(ValueLayout.JAVA_LONG, i, x);
                    b.setAtIndex(ValueLayout.JAVA_LONG, i, y);
                    expectUp |= x > bound || x < -bound;
                    BigInteger product = BigInteger.valueOf(x).multiply(BigInteger.valueOf(y));
                    expectMul |= product.abs().compareTo(BigInteger.valueOf(limit)) > 0;
                }
                String where = "seed=" + seed + " n=" + n + " k=" + k + " p=" + precision;
                MemorySegment o1 = arena.allocate(8L * n + 8);
                MemorySegment o2 = arena.allocate(8L * n + 8);
                assertEquals(expectUp, DecimalArith.rescaleUp(a, k, limit, o1, n), where);
                assertEquals(expectUp, DecimalArithScalar.rescaleUp(a, k, limit, o2, n), where);
                assertEquals(o2.asSlice(0, 8L * n).mismatch(o1.asSlice(0, 8L * n)), -1L, where);
                assertEquals(expectMul, DecimalArith.multiply(a, 0, b, 0, limit, o1, n), where);
                assertEquals(expectMul, DecimalArithScalar.multiply(a, 0, b, 0, limit, o2, n), where);
                for (int i = 0; i < n; i++) {
                    long x = a.getAtIndex(ValueLayout.JAVA_LONG, i);
                    long y = b.getAtIndex(ValueLayout.JAVA_LONG, i);
                    assertEquals(x * y, o1.getAtIndex(ValueLayout.JAVA_LONG, i), where);
                    assertEquals(x * y, o2.getAtIndex(ValueLayout.JAVA_LONG, i), where);
                }
            }
        }
    }

    @Test
    void divideMatchesBigDecimal() {
        long seed = 32;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            int n = 2000;
            MemorySegment a = arena.allocate(8L * n);
            MemorySegment b = arena.allocate(8L * n);
            for (int i = 0; i < n; i++) {
                a.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextInt(3) == 0 ? random.nextLong() : random.nextInt());
                long y = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1000) - 500;
                b.setAtIndex(ValueLayout.JAVA_LONG, i, y == 0 ? 7 : y);
            }
            MemorySegment out = arena.allocate(8L * n);
            for (int[] s : new int[][] {{2, 2}, {4, 0}, {0, 6}, {6, 2}}) {
                int scale = DecimalArithScalar.divideScale(18, s[0], 18, s[1]);
                scale = Math.min(scale, 8);
                DecimalArithScalar.divide(a, 0, s[0], b, 0, s[1], scale, Long.MAX_VALUE, out, n);
                for (int i = 0; i < n; i++) {
                    BigDecimal q = BigDecimal.valueOf(a.getAtIndex(ValueLayout.JAVA_LONG, i), s[0])
                            .divide(BigDecimal.valueOf(b.getAtIndex(ValueLayout.JAVA_LONG, i), s[1]), scale, RoundingMode.HALF_UP);
                    if (q.unscaledValue().bitLength() < 64) {
                        assertEquals(q.unscaledValue().longValue(), out.getAtIndex(ValueLayout.JAVA_LONG, i),
                                "seed=" + seed + " i=" + i);
                    }
                }
            }
            // 1.00 / 3 at scale 4 and 2.00 / 3 rounding up; -2.00 / 3 rounding away from zero.
            DecimalArithScalar.divide(longs(arena, 100, 200, -200), 0, 2, null, 3, 0, 4, Long.MAX_VALUE, out, 3);
            assertArrayEquals(new long[] {3333, 6667, -6667}, out.asSlice(0, 24).toArray(ValueLayout.JAVA_LONG));
            assertEquals(6, DecimalArithScalar.divideScale(10, 2, 5, 2) );
        }
    }

    @Test
    void executorRaisesOnlyForValidRows() {
        try (Arena arena = Arena.ofConfined()) {
            long[] valid = new long[1];
            MemorySegment out = arena.allocate(32);
            MemorySegment validity = longs(arena, 0b01);
            MemorySegment a = longs(arena, 100, Long.MAX_VALUE);
            MemorySegment b = longs(arena, 3, 0);
            ArithExecutor.decimalDivide(a, 0, 2, validity, b, 0, 0, null, 4, Long.MAX_VALUE, out, valid, 2);
            assertEquals(3333, out.get(ValueLayout.JAVA_LONG, 0));
            ArithExecutor.decimalMultiply(a, 0, validity, null, 1000, null, DecimalArithScalar.maxUnscaled(18), out, valid, 2);
            ArithExecutor.decimalRescaleUp(a, validity, 10, DecimalArithScalar.maxUnscaled(18), out, valid, 2);
            assertEquals(1_000_000_000_000L, out.get(ValueLayout.JAVA_LONG, 0));
            assertEquals("22012", assertThrows(BlueshiftException.class, () -> ArithExecutor.decimalDivide(a, 0, 2, null,
                    b, 0, 0, null, 4, Long.MAX_VALUE, out, valid, 2)).sqlState());
            BlueshiftException e = assertThrows(BlueshiftException.class, () -> ArithExecutor.decimalMultiply(a, 0, null,
                    null, 2, null, Long.MAX_VALUE, out, valid, 2));
            assertEquals("numeric out of range", e.getMessage());
            assertEquals("22003", assertThrows(BlueshiftException.class, () -> ArithExecutor.decimalRescaleUp(
                    longs(arena, 100_000_000), null, 10, DecimalArithScalar.maxUnscaled(18), out, valid, 1)).sqlState());
            ArithExecutor.decimalRescaleUp(longs(arena, 99_999_999), null, 10, DecimalArithScalar.maxUnscaled(18), out, valid, 1);
        }
    }

    @Test
    void int128ArithmeticMatchesBigInteger() {
        long seed = 33;
        Random random = new Random(seed);
        for (int t = 0; t < 2000; t++) {
            Int128 x = Int128.of(random.nextLong() >> random.nextInt(64), random.nextLong());
            Int128 y = Int128.of(random.nextLong() >> random.nextInt(64), random.nextLong());
            BigInteger bx = x.toBigInteger();
            BigInteger by = y.toBigInteger();
            assertEquals(bx.compareTo(by), Integer.signum(x.compareTo(y)), "seed=" + seed);
            assertEquals(x, Int128.of(bx));
            BigInteger sum = bx.add(by);
            if (sum.bitLength() <= 127) {
                assertEquals(sum, x.add(y).toBigInteger(), "seed=" + seed);
            } else {
                assertThrows(BlueshiftException.class, () -> x.add(y));
            }
            BigInteger difference = bx.subtract(by);
            if (difference.bitLength() <= 127 && !y.equals(Int128.MIN_VALUE)) {
                assertEquals(difference, x.subtract(y).toBigInteger(), "seed=" + seed);
            }
            Int128 sx = Int128.of(random.nextLong());
            Int128 sy = Int128.of(random.nextLong());
            assertEquals(sx.toBigInteger().multiply(sy.toBigInteger()), sx.multiply(sy).toBigInteger());
        }
        assertThrows(BlueshiftException.class, () -> Int128.MAX_VALUE.add(Int128.of(1)));
        assertThrows(BlueshiftException.class, () -> Int128.MIN_VALUE.add(Int128.of(-1)));
        assertEquals(Int128.MIN_VALUE, Int128.MAX_VALUE.negate().add(Int128.of(-1)));
        assertEquals(new BigDecimal("-1.5"), Int128.of(-15).toBigDecimal(1));
        Int128 max38 = Int128.powerOfTen(38).subtract(Int128.of(1));
        assertTrue(max38.fitsPrecision(38));
        assertTrue(max38.negate().fitsPrecision(38));
        assertFalse(Int128.powerOfTen(38).fitsPrecision(38));
        assertFalse(Int128.MIN_VALUE.fitsPrecision(38));
    }

    @Test
    void decimal128MatchesBigDecimal() {
        long seed = 34;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            int n = 500;
            MemorySegment narrow = arena.allocate(8L * n);
            MemorySegment a = arena.allocate(16L * n);
            MemorySegment b = arena.allocate(16L * n);
            MemorySegment out = arena.allocate(16L * n);
            for (int i = 0; i < n; i++) {
                narrow.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextLong() >> random.nextInt(40));
            }
            Decimal128Arith.widen(narrow, a, n);
            Decimal128Arith.apply(ArithOp.MULTIPLY, a, null, null, Int128.of(-3_000_000_000L), 38, b, n);
            for (ArithOp op : new ArithOp[] {ArithOp.ADD, ArithOp.SUBTRACT, ArithOp.MULTIPLY, ArithOp.MODULO}) {
                boolean flag = Decimal128Arith.apply(op, a, null, b, null, 38, out, n);
                boolean expectedFlag = false;
                for (int i = 0; i < n; i++) {
                    BigInteger x = BigInteger.valueOf(narrow.getAtIndex(ValueLayout.JAVA_LONG, i));
                    BigInteger y = x.multiply(BigInteger.valueOf(-3_000_000_000L));
                    BigInteger r = switch (op) {
                        case ADD -> x.add(y);
                        case SUBTRACT -> x.subtract(y);
                        case MULTIPLY -> x.multiply(y);
                        case MODULO -> y.signum() == 0 ? BigInteger.ZERO : x.remainder(y);
                        case DIVIDE -> throw new AssertionError();
                    };
                    boolean bad = r.abs().compareTo(BigInteger.TEN.pow(38)) >= 0 || (op.divides() && y.signum() == 0);
                    expectedFlag |= bad;
                    if (!bad) {
                        assertEquals(r, get(out, i).toBigInteger(), "seed=" + seed + " op=" + op + " i=" + i);
                    }
                }
                assertEquals(expectedFlag, flag, "seed=" + seed + " op=" + op);
            }
            Decimal128Arith.divide(a, null, 2, b, null, 0, 6, 38, out, n);
            Decimal128Arith.rescale(a, -1, 38, b, n);
            for (int i = 0; i < n; i++) {
                BigDecimal x = BigDecimal.valueOf(narrow.getAtIndex(ValueLayout.JAVA_LONG, i), 2);
                BigDecimal y = new BigDecimal(x.unscaledValue().multiply(BigInteger.valueOf(-3_000_000_000L)));
                if (y.signum() != 0) {
                    assertEquals(x.divide(y, 6, RoundingMode.HALF_UP).unscaledValue(), get(out, i).toBigInteger());
                }
                assertEquals(x.setScale(1, RoundingMode.HALF_UP).unscaledValue(), get(b, i).toBigInteger());
            }
            MemorySegment one = arena.allocate(16);
            Decimal128Arith.widen(longs(arena, 1), one, 1);
            assertTrue(Decimal128Arith.rescale(one, 38, 38, out, 1));
            assertFalse(Decimal128Arith.rescale(one, 37, 38, out, 1));
            BlueshiftException e = assertThrows(BlueshiftException.class, () -> Decimal128Arith.raise(ArithOp.DIVIDE,
                    null, Int128.ZERO, null, 1, Decimal128Arith.divideCheck(one, null, 0, null, Int128.ZERO, 0, 4, 38, out)));
            assertEquals("22012", e.sqlState());
        }
    }

    @Test
    void wideRescaleMatchesBigDecimalInBothDirectionsAndFlagsPrecision() {
        Random random = new Random(77);
        int n = 4_000;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(16L * n);
            MemorySegment out = arena.allocate(16L * n);
            BigInteger[] values = new BigInteger[n];
            for (int i = 0; i < n; i++) {
                // halves (…5 and …50) and 64-bit extremes, beside random values of every width up to 120 bits
                BigInteger v = switch (i % 5) {
                    case 0 -> BigInteger.valueOf(random.nextLong(1_000_000) * 10 + 5);
                    case 1 -> BigInteger.valueOf(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
                    default -> new BigInteger(1 + random.nextInt(120), random);
                };
                values[i] = random.nextBoolean() ? v.negate() : v;
                if (i % 7 == 6) { // a value repeated from the row before, as a joined scalar is
                    values[i] = values[i - 1];
                }
                Int128 w = Int128.of(values[i]);
                a.set(ValueLayout.JAVA_LONG, 16L * i, w.low());
                a.set(ValueLayout.JAVA_LONG, 16L * i + 8, w.high());
            }
            for (int k = -20; k <= 20; k++) {
                int precision = 38;
                boolean expectedFlag = false;
                boolean flag = Decimal128Arith.rescale(a, k, precision, out, n);
                for (int i = 0; i < n; i++) {
                    BigInteger r = new BigDecimal(values[i]).movePointRight(k).setScale(0, RoundingMode.HALF_UP).unscaledValue();
                    boolean bad = r.abs().compareTo(BigInteger.TEN.pow(precision)) >= 0;
                    expectedFlag |= bad;
                    if (!bad) {
                        assertEquals(r, get(out, i).toBigInteger(), "k=" + k + " value=" + values[i]);
                    }
                }
                assertEquals(expectedFlag, flag, "k=" + k);
            }
        }
    }

    private static Int128 get(MemorySegment s, int i) {
        return Int128.of(s.get(ValueLayout.JAVA_LONG, 16L * i + 8), s.get(ValueLayout.JAVA_LONG, 16L * i));
    }
}
