package io.blueshift.kernels.arith;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * DECIMAL(p<=18) arithmetic on unscaled longs (value * 10<sup>scale</sup>) that plain long
 * arithmetic does not cover: rescaling, multiplication with a precision limit and division with
 * a result scale. Add, subtract and modulo of two decimals of the same scale are
 * {@link LongArith}'s. A {@code limit} is the largest unscaled magnitude the result type holds
 * ({@link #maxUnscaled}), so {@code |result| > limit} is 22003 like a long overflow. Rounding is
 * half away from zero, as Postgres rounds numeric. Like every kernel these return whether some row
 * failed; the {@code raise*} methods find the first valid row that did.
 */
public final class DecimalArithScalar {
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;
    /** The most digits an unscaled long holds: every 18-digit number fits. */
    public static final int MAX_LONG_PRECISION = 18;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private DecimalArithScalar() {
    }

    /** 10<sup>k</sup> for {@code 0 <= k <= 18}. */
    public static long powerOfTen(int k) {
        return POWERS_OF_TEN[k];
    }

    /** The largest unscaled value of DECIMAL(precision), {@code 10^precision - 1}. */
    public static long maxUnscaled(int precision) {
        return POWERS_OF_TEN[precision] - 1;
    }

    /**
     * The scale of {@code DECIMAL(p1,s1) / DECIMAL(p2,s2)}, as Redshift chooses it:
     * {@code max(4, s1 + p2 - s2 + 1)}, so that a quotient keeps at least four fractional digits
     * and as many as a divisor with {@code p2} digits can shift into the fraction. Capped at 38.
     */
    public static int divideScale(int p1, int s1, int p2, int s2) {
        return Math.min(Int128.MAX_PRECISION, Math.max(4, s1 + p2 - s2 + 1));
    }

    /**
     * {@code out = a * 10^k} (raising the scale by {@code k}, to bring two decimals to a common
     * scale or to cast to a type with more fractional digits). {@code k = 0} checks the limit only.
     */
    public static boolean rescaleUp(MemorySegment a, int k, long limit, MemorySegment out, int n) {
        return rescaleUp(a, k, limit, out, 0, n);
    }

    static boolean rescaleUp(MemorySegment a, int k, long limit, MemorySegment out, int from, int to) {
        long p = POWERS_OF_TEN[k];
        long bound = limit / p;
        boolean err = false;
        for (int i = from; i < to; i++) {
            long x = a.get(L, (long) i << 3);
            err |= x > bound | x < -bound;
            out.set(L, (long) i << 3, x * p);
        }
        return err;
    }

    /** {@code out = a / 10^k} rounded half away from zero (lowering the scale by {@code k}); cannot fail. */
    public static void rescaleDown(MemorySegment a, int k, MemorySegment out, int n) {
        if (k > MAX_LONG_PRECISION) {
            out.asSlice(0, (long) n << 3).fill((byte) 0);
            return;
        }
        long p = POWERS_OF_TEN[k];
        for (int i = 0; i < n; i++) {
            out.set(L, (long) i << 3, divideRound(a.get(L, (long) i << 3), p));
        }
    }

    /**
     * {@code out = a * b} for unscaled decimals: the result's scale is the sum of the operands'
     * scales. A null segment stands for its constant.
     */
    public static boolean multiply(MemorySegment a, long ka, MemorySegment b, long kb, long limit,
            MemorySegment out, int n) {
        return multiply(a, ka, b, kb, limit, out, 0, n);
    }

    static boolean multiply(MemorySegment a, long ka, MemorySegment b, long kb, long limit,
            MemorySegment out, int from, int to) {
        boolean err = false;
        for (int i = from; i < to; i++) {
            long x = LongArithScalar.get(a, ka, i);
            long y = LongArithScalar.get(b, kb, i);
            long r = x * y;
            err |= Math.multiplyHigh(x, y) != (r >> 63) | r > limit | r < -limit;
            out.set(L, (long) i << 3, r);
        }
        return err;
    }

    /**
     * {@code out = a / b} as a decimal of scale {@code resultScale} (see {@link #divideScale}),
     * rounded half away from zero, for {@code a} of scale {@code sa} and {@code b} of scale
     * {@code sb}. Rows whose intermediate values leave 64 bits are computed exactly through
     * {@link BigDecimal}, which allocates; the common case does not. A zero divisor is flagged and
     * its row left 0.
     */
    public static boolean divide(MemorySegment a, long ka, int sa, MemorySegment b, long kb, int sb,
            int resultScale, long limit, MemorySegment out, int n) {
        return divide(a, ka, sa, b, kb, sb, resultScale, limit, out, 0, n);
    }

    static boolean divide(MemorySegment a, long ka, int sa, MemorySegment b, long kb, int sb,
            int resultScale, long limit, MemorySegment out, int from, int to) {
        int shift = resultScale - sa + sb;
        long bound = shift >= 0 && shift <= MAX_LONG_PRECISION ? Long.MAX_VALUE / POWERS_OF_TEN[shift] : -1;
        boolean err = false;
        for (int i = from; i < to; i++) {
            long x = LongArithScalar.get(a, ka, i);
            long y = LongArithScalar.get(b, kb, i);
            long r = 0;
            if (y == 0) {
                err = true;
            } else if (x <= bound && x >= -bound) {
                r = divideRound(x * POWERS_OF_TEN[shift], y);
                err |= r > limit | r < -limit;
            } else {
                BigDecimal q = BigDecimal.valueOf(x, sa).divide(BigDecimal.valueOf(y, sb), resultScale,
                        RoundingMode.HALF_UP);
                err |= q.unscaledValue().bitLength() > 63;
                r = q.unscaledValue().longValue();
                err |= r > limit | r < -limit;
            }
            out.set(L, (long) i << 3, r);
        }
        return err;
    }

    /** After {@link #divide} failed: throws the error of the first valid row that fails. */
    public static void raiseDivide(MemorySegment a, long ka, int sa, MemorySegment b, long kb, int sb,
            int resultScale, long limit, MemorySegment out, long[] valid, int n) {
        ArithErrors.raiseFirst(valid, n, i -> divide(a, ka, sa, b, kb, sb, resultScale, limit, out, i, i + 1),
                i -> LongArithScalar.get(b, kb, i) == 0, ArithOp.DIVIDE, ArithErrors.NUMERIC);
    }

    /** After {@link #multiply} failed: throws 22003 if a valid row overflowed. */
    public static void raiseMultiply(MemorySegment a, long ka, MemorySegment b, long kb, long limit,
            MemorySegment out, long[] valid, int n) {
        ArithErrors.raiseFirst(valid, n, i -> multiply(a, ka, b, kb, limit, out, i, i + 1), i -> false,
                ArithOp.MULTIPLY, ArithErrors.NUMERIC);
    }

    /** After {@link #rescaleUp} failed: throws 22003 if a valid row overflowed. */
    public static void raiseRescaleUp(MemorySegment a, int k, long limit, MemorySegment out, long[] valid, int n) {
        ArithErrors.raiseFirst(valid, n, i -> rescaleUp(a, k, limit, out, i, i + 1), i -> false,
                ArithOp.MULTIPLY, ArithErrors.NUMERIC);
    }

    /** {@code n / d} rounded half away from zero; {@code d != 0}. */
    static long divideRound(long n, long d) {
        long q = n / d;
        long r = Math.abs(n % d);
        if (Long.compareUnsigned(r, Math.abs(d) - r) >= 0) {
            q += (n ^ d) < 0 ? -1 : 1;
        }
        return q;
    }
}
