package io.blueshift.kernels.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every integer kernel, SIMD and scalar, against an exact BigInteger reference: each row's
 * stored value (wrapped to the type, or the quotient by one for a zero divisor) and the
 * kernel's error flag, over every operator, the three operand forms and many lengths.
 */
class IntegerArithTest {
    /** The integer widths with their SIMD and scalar kernels behind one long-typed signature. */
    enum Type {
        SMALLINT(2), INTEGER(4), BIGINT(8);

        final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }

        long min() {
            return -(1L << (bytes * 8 - 1));
        }

        long max() {
            return bytes == 8 ? Long.MAX_VALUE : (1L << (bytes * 8 - 1)) - 1;
        }

        long wrap(long v) {
            return switch (this) {
                case SMALLINT -> (short) v;
                case INTEGER -> (int) v;
                case BIGINT -> v;
            };
        }

        boolean run(boolean simd, ArithOp op, MemorySegment a, long ka, MemorySegment b, long kb,
                MemorySegment out, int n) {
            return switch (this) {
                case SMALLINT -> simd ? ShortArith.apply(op, a, (short) ka, b, (short) kb, out, n)
                        : ShortArithScalar.apply(op, a, (short) ka, b, (short) kb, out, n);
                case INTEGER -> simd ? IntArith.apply(op, a, (int) ka, b, (int) kb, out, n)
                        : IntArithScalar.apply(op, a, (int) ka, b, (int) kb, out, n);
                case BIGINT -> simd ? LongArith.apply(op, a, ka, b, kb, out, n)
                        : LongArithScalar.apply(op, a, ka, b, kb, out, n);
            };
        }

        long get(MemorySegment s, int i) {
            return switch (this) {
                case SMALLINT -> s.get(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i);
                case INTEGER -> s.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * i);
                case BIGINT -> s.get(ValueLayout.JAVA_LONG_UNALIGNED, 8L * i);
            };
        }

        void set(MemorySegment s, int i, long v) {
            switch (this) {
                case SMALLINT -> s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i, (short) v);
                case INTEGER -> s.set(ValueLayout.JAVA_INT_UNALIGNED, 4L * i, (int) v);
                case BIGINT -> s.set(ValueLayout.JAVA_LONG_UNALIGNED, 8L * i, v);
            }
        }

        /** A value that is small, extreme or anywhere in range, so that every path is taken. */
        long random(Random r, boolean small) {
            int pick = r.nextInt(10);
            if (small || pick < 4) {
                return r.nextInt(201) - 100;
            }
            if (pick < 6) {
                long[] edges = {min(), max(), min() + 1, max() - 1, -1, 0, 1, 1L << (bytes * 4), -(1L << (bytes * 4))};
                return edges[r.nextInt(edges.length)];
            }
            return wrap(r.nextLong());
        }
    }

    private static final int[] BIG_LENGTHS = {127, 128, 129, 1000, 4099};

    @ParameterizedTest
    @EnumSource(Type.class)
    void simdAndScalarMatchTheExactReference(Type type) {
        long seed = 20261124L + type.ordinal();
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int n = 0; n <= 70 + BIG_LENGTHS.length; n++) {
                int len = n <= 70 ? n : BIG_LENGTHS[n - 71];
                for (ArithOp op : ArithOp.values()) {
                    for (int form = 0; form < 3; form++) {
                        boolean small = random.nextInt(3) == 0;
                        MemorySegment a = arena.allocate(Math.max(1, (long) len * type.bytes));
                        MemorySegment b = arena.allocate(Math.max(1, (long) len * type.bytes));
                        for (int i = 0; i < len; i++) {
                            type.set(a, i, type.random(random, small));
                            type.set(b, i, type.random(random, small));
                        }
                        long ka = type.random(random, small);
                        long kb = type.random(random, small);
                        MemorySegment sa = form == 2 ? null : a;
                        MemorySegment sb = form == 1 ? null : b;
                        String where = "seed=" + seed + " type=" + type + " op=" + op + " form=" + form + " n=" + len;
                        check(type, op, sa, ka, sb, kb, len, arena, where);
                    }
                }
            }
        }
    }

    private static void check(Type type, ArithOp op, MemorySegment a, long ka, MemorySegment b, long kb,
            int n, Arena arena, String where) {
        boolean expectedFlag = false;
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            long x = a == null ? ka : type.get(a, i);
            long y = b == null ? kb : type.get(b, i);
            BigInteger exact = exact(op, x, y == 0 && op.divides() ? 1 : y);
            expectedFlag |= (y == 0 && op.divides())
                    || exact.compareTo(BigInteger.valueOf(type.min())) < 0
                    || exact.compareTo(BigInteger.valueOf(type.max())) > 0;
            expected[i] = type.wrap(exact.longValue());
        }
        for (boolean simd : new boolean[] {true, false}) {
            MemorySegment out = arena.allocate(Math.max(1, (long) n * type.bytes));
            boolean flag = type.run(simd, op, a, ka, b, kb, out, n);
            assertEquals(expectedFlag, flag, where + " simd=" + simd);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], type.get(out, i), where + " simd=" + simd + " row=" + i);
            }
        }
    }

    private static BigInteger exact(ArithOp op, long x, long y) {
        BigInteger bx = BigInteger.valueOf(x);
        BigInteger by = BigInteger.valueOf(y);
        return switch (op) {
            case ADD -> bx.add(by);
            case SUBTRACT -> bx.subtract(by);
            case MULTIPLY -> bx.multiply(by);
            case DIVIDE -> bx.divide(by);
            case MODULO -> bx.remainder(by);
        };
    }

    /** IntArith divides through doubles; this checks the exactness argument on many operands. */
    @Test
    void integerDivisionThroughDoublesIsExact() {
        long seed = 99;
        Random random = new Random(seed);
        int n = 200_000;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(4L * n);
            MemorySegment b = arena.allocate(4L * n);
            MemorySegment out = arena.allocate(4L * n);
            for (int i = 0; i < n; i++) {
                a.setAtIndex(ValueLayout.JAVA_INT, i, random.nextInt() >> random.nextInt(8));
                int y = random.nextInt() >> random.nextInt(32);
                b.setAtIndex(ValueLayout.JAVA_INT, i, y == 0 ? 3 : y);
            }
            for (ArithOp op : new ArithOp[] {ArithOp.DIVIDE, ArithOp.MODULO}) {
                boolean flag = IntArith.apply(op, a, 0, b, 0, out, n);
                for (int i = 0; i < n; i++) {
                    int x = a.getAtIndex(ValueLayout.JAVA_INT, i);
                    int y = b.getAtIndex(ValueLayout.JAVA_INT, i);
                    assertEquals(op == ArithOp.DIVIDE ? x / y : x % y, out.getAtIndex(ValueLayout.JAVA_INT, i),
                            "seed=" + seed + " " + x + " " + op + " " + y);
                }
                assertEquals(false, flag && op == ArithOp.MODULO, "seed=" + seed);
            }
        }
    }
}
