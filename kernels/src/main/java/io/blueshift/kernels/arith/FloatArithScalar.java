package io.blueshift.kernels.arith;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar twin of {@link FloatArith} for REAL: IEEE 754 results, except that a zero
 * divisor (0.0 or -0.0) is flagged as in Postgres (the row still gets the IEEE quotient).
 * Postgres has no {@code %} for floating point, so MODULO is refused.
 */
public final class FloatArithScalar {
    private static final ValueLayout.OfFloat D = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final String TYPE = "real";

    private FloatArithScalar() {
    }

    /** See {@link LongArithScalar#apply}. */
    public static boolean apply(ArithOp op, MemorySegment a, float ka, MemorySegment b, float kb,
            MemorySegment out, int n) {
        return apply(op, a, ka, b, kb, out, 0, n);
    }

    /** See {@link LongArithScalar#raise}; the only error is division by zero. */
    public static void raise(ArithOp op, MemorySegment a, float ka, MemorySegment b, float kb,
            MemorySegment out, long[] valid, int n) {
        ArithErrors.raiseFirst(valid, n, i -> apply(op, a, ka, b, kb, out, i, i + 1), i -> true, op, TYPE);
    }

    static boolean apply(ArithOp op, MemorySegment a, float ka, MemorySegment b, float kb,
            MemorySegment out, int from, int to) {
        switch (op) {
            case ADD -> {
                for (int i = from; i < to; i++) {
                    out.set(D, (long) i << 2, get(a, ka, i) + get(b, kb, i));
                }
            }
            case SUBTRACT -> {
                for (int i = from; i < to; i++) {
                    out.set(D, (long) i << 2, get(a, ka, i) - get(b, kb, i));
                }
            }
            case MULTIPLY -> {
                for (int i = from; i < to; i++) {
                    out.set(D, (long) i << 2, get(a, ka, i) * get(b, kb, i));
                }
            }
            case DIVIDE -> {
                boolean err = false;
                for (int i = from; i < to; i++) {
                    float y = get(b, kb, i);
                    err |= y == 0.0f;
                    out.set(D, (long) i << 2, get(a, ka, i) / y);
                }
                return err;
            }
            case MODULO -> throw ArithErrors.noFloatModulo(TYPE);
        }
        return false;
    }

    static float get(MemorySegment s, float k, int i) {
        return s == null ? k : s.get(D, (long) i << 2);
    }
}
