package io.blueshift.kernels.arith;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar twin of {@link IntArith} for INTEGER (and DATE as days). Flagged rows hold the wrapped
 * value, or for a zero divisor the result of dividing by one, as in {@link LongArithScalar}.
 */
public final class IntArithScalar {
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;

    private IntArithScalar() {
    }

    /** See {@link LongArithScalar#apply}. */
    public static boolean apply(ArithOp op, MemorySegment a, int ka, MemorySegment b, int kb,
            MemorySegment out, int n) {
        return apply(op, a, ka, b, kb, out, 0, n);
    }

    /** See {@link LongArithScalar#raise}. */
    public static void raise(ArithOp op, MemorySegment a, int ka, MemorySegment b, int kb,
            MemorySegment out, long[] valid, int n) {
        ArithErrors.raiseFirst(valid, n, i -> apply(op, a, ka, b, kb, out, i, i + 1), i -> get(b, kb, i) == 0,
                op, ArithErrors.INTEGER);
    }

    static boolean apply(ArithOp op, MemorySegment a, int ka, MemorySegment b, int kb,
            MemorySegment out, int from, int to) {
        return switch (op) {
            case ADD -> add(a, ka, b, kb, out, from, to);
            case SUBTRACT -> subtract(a, ka, b, kb, out, from, to);
            case MULTIPLY -> multiply(a, ka, b, kb, out, from, to);
            case DIVIDE -> divide(a, ka, b, kb, out, from, to);
            case MODULO -> modulo(a, ka, b, kb, out, from, to);
        };
    }

    static int get(MemorySegment s, int k, int i) {
        return s == null ? k : s.get(I, (long) i << 2);
    }

    static boolean add(MemorySegment a, int ka, MemorySegment b, int kb, MemorySegment out, int from, int to) {
        int err = 0;
        for (int i = from; i < to; i++) {
            int x = get(a, ka, i);
            int y = get(b, kb, i);
            int r = x + y;
            err |= (x ^ r) & (y ^ r);
            out.set(I, (long) i << 2, r);
        }
        return err < 0;
    }

    static boolean subtract(MemorySegment a, int ka, MemorySegment b, int kb, MemorySegment out, int from, int to) {
        int err = 0;
        for (int i = from; i < to; i++) {
            int x = get(a, ka, i);
            int y = get(b, kb, i);
            int r = x - y;
            err |= (x ^ y) & (x ^ r);
            out.set(I, (long) i << 2, r);
        }
        return err < 0;
    }

    static boolean multiply(MemorySegment a, int ka, MemorySegment b, int kb, MemorySegment out, int from, int to) {
        long err = 0;
        for (int i = from; i < to; i++) {
            long r = (long) get(a, ka, i) * get(b, kb, i);
            err |= (r + (1L << 31)) >>> 32;
            out.set(I, (long) i << 2, (int) r);
        }
        return err != 0;
    }

    static boolean divide(MemorySegment a, int ka, MemorySegment b, int kb, MemorySegment out, int from, int to) {
        boolean err = false;
        for (int i = from; i < to; i++) {
            int x = get(a, ka, i);
            int y = get(b, kb, i);
            err |= y == 0 | (x == Integer.MIN_VALUE & y == -1);
            out.set(I, (long) i << 2, x / (y == 0 ? 1 : y));
        }
        return err;
    }

    static boolean modulo(MemorySegment a, int ka, MemorySegment b, int kb, MemorySegment out, int from, int to) {
        boolean err = false;
        for (int i = from; i < to; i++) {
            int x = get(a, ka, i);
            int y = get(b, kb, i);
            err |= y == 0;
            out.set(I, (long) i << 2, x % (y == 0 ? 1 : y));
        }
        return err;
    }
}
