package io.blueshift.kernels.arith;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar twin of {@link LongArith} for BIGINT (and the other 64-bit types: TIME, TIMESTAMP and
 * DECIMAL(p<=18) as scaled longs). The result of a flagged row is the wrapped two's complement
 * value, or for a zero divisor the result of dividing by one, so that the twins agree bit for bit.
 */
public final class LongArithScalar {
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;

    private LongArithScalar() {
    }

    /**
     * {@code out = a op b} for rows {@code 0..n-1}; a null segment stands for its constant.
     * Returns whether some row overflowed or divided by zero.
     */
    public static boolean apply(ArithOp op, MemorySegment a, long ka, MemorySegment b, long kb,
            MemorySegment out, int n) {
        return apply(op, a, ka, b, kb, out, 0, n);
    }

    /**
     * Throws the error of the first row that is set in {@code valid} (null: every row) and whose
     * result overflows or divides by zero. Called after a kernel reported an error somewhere.
     */
    public static void raise(ArithOp op, MemorySegment a, long ka, MemorySegment b, long kb,
            MemorySegment out, long[] valid, int n) {
        ArithErrors.raiseFirst(valid, n, i -> apply(op, a, ka, b, kb, out, i, i + 1), i -> get(b, kb, i) == 0,
                op, ArithErrors.BIGINT);
    }

    static boolean apply(ArithOp op, MemorySegment a, long ka, MemorySegment b, long kb,
            MemorySegment out, int from, int to) {
        return switch (op) {
            case ADD -> add(a, ka, b, kb, out, from, to);
            case SUBTRACT -> subtract(a, ka, b, kb, out, from, to);
            case MULTIPLY -> multiply(a, ka, b, kb, out, from, to);
            case DIVIDE -> divide(a, ka, b, kb, out, from, to);
            case MODULO -> modulo(a, ka, b, kb, out, from, to);
        };
    }

    static long get(MemorySegment s, long k, int i) {
        return s == null ? k : s.get(L, (long) i << 3);
    }

    static boolean add(MemorySegment a, long ka, MemorySegment b, long kb, MemorySegment out, int from, int to) {
        long err = 0;
        for (int i = from; i < to; i++) {
            long x = get(a, ka, i);
            long y = get(b, kb, i);
            long r = x + y;
            err |= (x ^ r) & (y ^ r);
            out.set(L, (long) i << 3, r);
        }
        return err < 0;
    }

    static boolean subtract(MemorySegment a, long ka, MemorySegment b, long kb, MemorySegment out, int from, int to) {
        long err = 0;
        for (int i = from; i < to; i++) {
            long x = get(a, ka, i);
            long y = get(b, kb, i);
            long r = x - y;
            err |= (x ^ y) & (x ^ r);
            out.set(L, (long) i << 3, r);
        }
        return err < 0;
    }

    static boolean multiply(MemorySegment a, long ka, MemorySegment b, long kb, MemorySegment out, int from, int to) {
        boolean err = false;
        for (int i = from; i < to; i++) {
            long x = get(a, ka, i);
            long y = get(b, kb, i);
            long r = x * y;
            err |= Math.multiplyHigh(x, y) != (r >> 63);
            out.set(L, (long) i << 3, r);
        }
        return err;
    }

    static boolean divide(MemorySegment a, long ka, MemorySegment b, long kb, MemorySegment out, int from, int to) {
        boolean err = false;
        for (int i = from; i < to; i++) {
            long x = get(a, ka, i);
            long y = get(b, kb, i);
            err |= y == 0 | (x == Long.MIN_VALUE & y == -1);
            out.set(L, (long) i << 3, x / (y == 0 ? 1 : y));
        }
        return err;
    }

    static boolean modulo(MemorySegment a, long ka, MemorySegment b, long kb, MemorySegment out, int from, int to) {
        boolean err = false;
        for (int i = from; i < to; i++) {
            long x = get(a, ka, i);
            long y = get(b, kb, i);
            err |= y == 0;
            out.set(L, (long) i << 3, x % (y == 0 ? 1 : y));
        }
        return err;
    }
}
