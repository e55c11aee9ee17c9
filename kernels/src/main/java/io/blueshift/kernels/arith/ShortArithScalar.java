package io.blueshift.kernels.arith;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar twin of {@link ShortArith} for SMALLINT. Every operator computes in int, where no
 * smallint operation can overflow, and flags results outside the smallint range; flagged rows
 * hold the low 16 bits (for a zero divisor: the result of dividing by one).
 */
public final class ShortArithScalar {
    private static final ValueLayout.OfShort H = ValueLayout.JAVA_SHORT_UNALIGNED;

    private ShortArithScalar() {
    }

    /** See {@link LongArithScalar#apply}. */
    public static boolean apply(ArithOp op, MemorySegment a, short ka, MemorySegment b, short kb,
            MemorySegment out, int n) {
        return apply(op, a, ka, b, kb, out, 0, n);
    }

    /** See {@link LongArithScalar#raise}. */
    public static void raise(ArithOp op, MemorySegment a, short ka, MemorySegment b, short kb,
            MemorySegment out, long[] valid, int n) {
        ArithErrors.raiseFirst(valid, n, i -> apply(op, a, ka, b, kb, out, i, i + 1), i -> get(b, kb, i) == 0,
                op, ArithErrors.SMALLINT);
    }

    static boolean apply(ArithOp op, MemorySegment a, short ka, MemorySegment b, short kb,
            MemorySegment out, int from, int to) {
        int err = 0;
        switch (op) {
            case ADD -> {
                for (int i = from; i < to; i++) {
                    err |= put(out, i, get(a, ka, i) + get(b, kb, i));
                }
            }
            case SUBTRACT -> {
                for (int i = from; i < to; i++) {
                    err |= put(out, i, get(a, ka, i) - get(b, kb, i));
                }
            }
            case MULTIPLY -> {
                for (int i = from; i < to; i++) {
                    err |= put(out, i, get(a, ka, i) * get(b, kb, i));
                }
            }
            case DIVIDE -> {
                for (int i = from; i < to; i++) {
                    int y = get(b, kb, i);
                    err |= put(out, i, get(a, ka, i) / (y == 0 ? 1 : y)) | (y == 0 ? 1 : 0);
                }
            }
            case MODULO -> {
                for (int i = from; i < to; i++) {
                    int y = get(b, kb, i);
                    err |= put(out, i, get(a, ka, i) % (y == 0 ? 1 : y)) | (y == 0 ? 1 : 0);
                }
            }
        }
        return err != 0;
    }

    static int get(MemorySegment s, short k, int i) {
        return s == null ? k : s.get(H, (long) i << 1);
    }

    /** Stores the low 16 bits of {@code r}; returns non-zero when {@code r} is not a smallint. */
    private static int put(MemorySegment out, int i, int r) {
        out.set(H, (long) i << 1, (short) r);
        return (r + 0x8000) >>> 16;
    }
}
