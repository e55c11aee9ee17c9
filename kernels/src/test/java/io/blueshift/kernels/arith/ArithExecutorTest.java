package io.blueshift.kernels.arith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blueshift.kernels.BlueshiftException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SQL-visible behaviour: the errors, their SQLSTATEs, and that null rows never raise. */
class ArithExecutorTest {
    private static MemorySegment longs(Arena arena, long... values) {
        return arena.allocateFrom(ValueLayout.JAVA_LONG, values);
    }

    private static MemorySegment ints(Arena arena, int... values) {
        return arena.allocateFrom(ValueLayout.JAVA_INT, values);
    }

    private static MemorySegment validity(Arena arena, long bits) {
        return arena.allocateFrom(ValueLayout.JAVA_LONG, bits);
    }

    private static String sqlState(Runnable r) {
        return assertThrows(BlueshiftException.class, r::run).sqlState();
    }

    @Test
    void bigintBoundariesAndPostgresDivision() {
        try (Arena arena = Arena.ofConfined()) {
            long[] valid = new long[1];
            MemorySegment out = arena.allocate(8 * 4);
            ArithExecutor.longs(ArithOp.ADD, longs(arena, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 7, -7), 0, null,
                    null, 1, null, out, valid, 4);
            assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE + 2, 8, -6}, out.toArray(ValueLayout.JAVA_LONG));
            assertEquals(0b1111, valid[0]);
            ArithExecutor.longs(ArithOp.DIVIDE, longs(arena, 7, -7, 7, -7), 0, null,
                    longs(arena, 2, 2, -2, -2), 0, null, out, valid, 4);
            assertArrayEquals(new long[] {3, -3, -3, 3}, out.toArray(ValueLayout.JAVA_LONG));
            ArithExecutor.longs(ArithOp.MODULO, longs(arena, 7, -7, 7, Long.MIN_VALUE), 0, null,
                    longs(arena, 2, 2, -2, -1), 0, null, out, valid, 4);
            assertArrayEquals(new long[] {1, -1, 1, 0}, out.toArray(ValueLayout.JAVA_LONG));

            MemorySegment max = longs(arena, Long.MAX_VALUE);
            BlueshiftException e = assertThrows(BlueshiftException.class,
                    () -> ArithExecutor.longs(ArithOp.ADD, max, 0, null, null, 1, null, out, valid, 1));
            assertEquals("22003", e.sqlState());
            assertEquals("bigint out of range", e.getMessage());
            assertEquals("22003", sqlState(() -> ArithExecutor.longs(ArithOp.DIVIDE, null, Long.MIN_VALUE, null,
                    longs(arena, -1), 0, null, out, valid, 1)));
            assertEquals("22003", sqlState(() -> ArithExecutor.longs(ArithOp.MULTIPLY, longs(arena, 1L << 32), 0, null,
                    null, 1L << 31, null, out, valid, 1)));
            assertEquals("22003", sqlState(() -> ArithExecutor.longs(ArithOp.SUBTRACT, null, Long.MIN_VALUE, null,
                    longs(arena, 1), 0, null, out, valid, 1)));
            assertEquals("22012", sqlState(() -> ArithExecutor.longs(ArithOp.MODULO, longs(arena, 5), 0, null,
                    null, 0, null, out, valid, 1)));
        }
    }

    @Test
    void integerAndSmallintOverflowAtTheExactBoundary() {
        try (Arena arena = Arena.ofConfined()) {
            long[] valid = new long[1];
            MemorySegment out = arena.allocate(8);
            ArithExecutor.ints(ArithOp.MULTIPLY, ints(arena, 46340), 0, null, null, 46340, null, out, valid, 1);
            assertEquals(46340 * 46340, out.get(ValueLayout.JAVA_INT, 0));
            BlueshiftException e = assertThrows(BlueshiftException.class, () -> ArithExecutor.ints(ArithOp.MULTIPLY,
                    ints(arena, 46341), 0, null, null, 46341, null, out, valid, 1));
            assertEquals("integer out of range", e.getMessage());
            assertEquals("22003", sqlState(() -> ArithExecutor.ints(ArithOp.DIVIDE, null, Integer.MIN_VALUE, null,
                    ints(arena, -1), 0, null, out, valid, 1)));
            MemorySegment shorts = arena.allocateFrom(ValueLayout.JAVA_SHORT, (short) 32767);
            ArithExecutor.shorts(ArithOp.ADD, shorts, (short) 0, null, null, (short) 0, null, out, valid, 1);
            e = assertThrows(BlueshiftException.class, () -> ArithExecutor.shorts(ArithOp.ADD, shorts, (short) 0, null,
                    null, (short) 1, null, out, valid, 1));
            assertEquals("smallint out of range", e.getMessage());
            assertEquals("22003", sqlState(() -> ArithExecutor.shorts(ArithOp.DIVIDE, null, Short.MIN_VALUE, null,
                    arena.allocateFrom(ValueLayout.JAVA_SHORT, (short) -1), (short) 0, null, out, valid, 1)));
        }
    }

    @Test
    void floatingDivisionByZeroRaisesButOtherwiseFollowsIeee() {
        try (Arena arena = Arena.ofConfined()) {
            long[] valid = new long[1];
            MemorySegment out = arena.allocate(16);
            MemorySegment x = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, Double.MAX_VALUE, Double.NaN);
            ArithExecutor.doubles(ArithOp.MULTIPLY, x, 0, null, null, 2, null, out, valid, 2);
            assertEquals(Double.POSITIVE_INFINITY, out.getAtIndex(ValueLayout.JAVA_DOUBLE, 0));
            assertEquals("22012", sqlState(() -> ArithExecutor.doubles(ArithOp.DIVIDE, x, 0, null, null, -0.0, null,
                    out, valid, 2)));
            MemorySegment f = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 0f);
            assertEquals("22012", sqlState(() -> ArithExecutor.floats(ArithOp.DIVIDE, null, 1f, null, f, 0f, null,
                    out, valid, 2)));
        }
    }

    @Test
    void errorsUnderNullRowsAreIgnoredAndValidityIsTheAnd() {
        long seed = 5;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {1, 63, 64, 65, 130, 1000}) {
                int words = (n + 63) / 64;
                MemorySegment a = arena.allocate(8L * n);
                MemorySegment b = arena.allocate(8L * n);
                MemorySegment va = arena.allocate(8L * words);
                MemorySegment vb = arena.allocate(8L * words);
                long[] expectedValid = new long[words];
                int bad = random.nextInt(n);
                for (int i = 0; i < n; i++) {
                    boolean validA = random.nextInt(4) != 0;
                    boolean validB = random.nextInt(4) != 0 && i != bad;
                    if (validA) {
                        va.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (va.get(ValueLayout.JAVA_BYTE, i >>> 3) | 1 << (i & 7)));
                    }
                    if (validB) {
                        vb.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (vb.get(ValueLayout.JAVA_BYTE, i >>> 3) | 1 << (i & 7)));
                    }
                    if (validA && validB) {
                        expectedValid[i >>> 6] |= 1L << i;
                    }
                    // Null rows hold zero divisors and overflowing operands.
                    a.setAtIndex(ValueLayout.JAVA_LONG, i, validA && validB ? random.nextInt(1000) : Long.MIN_VALUE);
                    b.setAtIndex(ValueLayout.JAVA_LONG, i, validA && validB ? 1 + random.nextInt(1000) : (i % 2 == 0 ? 0 : -1));
                }
                long[] valid = new long[words];
                MemorySegment out = arena.allocate(8L * n);
                for (ArithOp op : ArithOp.values()) {
                    ArithExecutor.longs(op, a, 0, va, b, 0, vb, out, valid, n);
                    assertArrayEquals(expectedValid, valid, "seed=" + seed + " n=" + n);
                }
                // The same garbage under a valid row raises.
                vb.set(ValueLayout.JAVA_BYTE, bad >>> 3, (byte) (vb.get(ValueLayout.JAVA_BYTE, bad >>> 3) | 1 << (bad & 7)));
                va.set(ValueLayout.JAVA_BYTE, bad >>> 3, (byte) (va.get(ValueLayout.JAVA_BYTE, bad >>> 3) | 1 << (bad & 7)));
                a.setAtIndex(ValueLayout.JAVA_LONG, bad, Long.MIN_VALUE);
                b.setAtIndex(ValueLayout.JAVA_LONG, bad, 0);
                assertEquals("22012", sqlState(() -> ArithExecutor.longs(ArithOp.DIVIDE, a, 0, va, b, 0, vb, out, valid, n)),
                        "seed=" + seed + " n=" + n);
                assertEquals("22003", sqlState(() -> ArithExecutor.longs(ArithOp.SUBTRACT, a, 0, va, null, 1, null, out, valid, n)));
            }
        }
    }

    @Test
    void allNullBatchComputesNothing() {
        try (Arena arena = Arena.ofConfined()) {
            long[] valid = {-1L};
            MemorySegment out = arena.allocate(8);
            ArithExecutor.longs(ArithOp.DIVIDE, longs(arena, 1), 0, validity(arena, 0), null, 0, null, out, valid, 1);
            assertEquals(0, valid[0]);
            ArithExecutor.longs(ArithOp.ADD, null, 0, null, null, 0, null, out, valid, 0);
        }
    }
}
