package io.blueshift.kernels.arith;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar twin of {@link DoubleArith} for DOUBLE PRECISION: IEEE 754 results, except that a zero
 * divisor (0.0 or -0.0) is flagged as in Postgres (the row still gets the IEEE quotient).
 * Postgres has no {@code %} for floating point, so MODULO is refused.
 */
public final class DoubleArithScalar {
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    static final String TYPE = "double precision";

    private DoubleArithScalar() {
    }

    /** See {@link LongArithScalar#apply}. */
    public static boolean apply(ArithOp op, MemorySegment a, double ka, MemorySegment b, double kb,
            MemorySegment out, int n) {
        return apply(op, a, ka, b, kb, out, 0, n);
    }

    /** See {@link LongArithScalar#raise}; the only error is division by zero. */
    public static void raise(ArithOp op, MemorySegment a, double ka, MemorySegment b, double kb,
            MemorySegment out, long[] valid, int n) {
        ArithErrors.raiseFirst(valid, n, i -> apply(op, a, ka, b, kb, out, i, i + 1), i -> true, op, TYPE);
    }

    static boolean apply(ArithOp op, MemorySegment a, double ka, MemorySegment b, double kb,
            MemorySegment out, int from, int to) {
        switch (op) {
            case ADD -> {
                for (int i = from; i < to; i++) {
                    out.set(D, (long) i << 3, get(a, ka, i) + get(b, kb, i));
                }
            }
            case SUBTRACT -> {
                for (int i = from; i < to; i++) {
                    out.set(D, (long) i << 3, get(a, ka, i) - get(b, kb, i));
                }
            }
            case MULTIPLY -> {
                for (int i = from; i < to; i++) {
                    out.set(D, (long) i << 3, get(a, ka, i) * get(b, kb, i));
                }
            }
            case DIVIDE -> {
                boolean err = false;
                for (int i = from; i < to; i++) {
                    double y = get(b, kb, i);
                    err |= y == 0.0;
                    out.set(D, (long) i << 3, get(a, ka, i) / y);
                }
                return err;
            }
            case MODULO -> throw ArithErrors.noFloatModulo(TYPE);
        }
        return false;
    }

    static double get(MemorySegment s, double k, int i) {
        return s == null ? k : s.get(D, (long) i << 3);
    }
}
