package io.blueshift.kernels.arith;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.function.IntPredicate;

/**
 * DECIMAL(19..38) arithmetic on 128-bit unscaled values (16 bytes a row: low long, then high
 * long). Scalar only: these types are rare in analytical schemas and 128-bit multiplication and
 * division have no vector instructions. Addition and subtraction never allocate; multiplication,
 * division and rescaling stay in longs when both operands fit in 64 bits and otherwise go through
 * {@link BigInteger}, which allocates per such row. Results with more than {@code precision}
 * digits are errors (22003); like every kernel these only report that some row failed, and
 * {@link #raise} finds the first valid one. A null operand segment stands for its constant.
 */
public final class Decimal128Arith {
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;

    private Decimal128Arith() {
    }

    /** Widens unscaled longs (DECIMAL(p<=18)) to 128 bits; the scale is unchanged. */
    public static void widen(MemorySegment longs, MemorySegment out, int n) {
        for (int i = 0; i < n; i++) {
            long v = longs.get(L, (long) i << 3);
            put(out, i, v >> 63, v);
        }
    }

    /**
     * {@code out = a op b} on unscaled values: for {@code + - %} both operands have the same scale
     * (rescale first), for {@code *} the result's scale is the sum of theirs. Division needs a
     * result scale and is {@link #divide}.
     */
    public static boolean apply(ArithOp op, MemorySegment a, Int128 ka, MemorySegment b, Int128 kb,
            int precision, MemorySegment out, int n) {
        return apply(op, a, ka, b, kb, precision, out, 0, n);
    }

    static boolean apply(ArithOp op, MemorySegment a, Int128 ka, MemorySegment b, Int128 kb,
            int precision, MemorySegment out, int from, int to) {
        boolean err = false;
        for (int i = from; i < to; i++) {
            long xh = high(a, ka, i);
            long xl = low(a, ka, i);
            long yh = high(b, kb, i);
            long yl = low(b, kb, i);
            switch (op) {
                case ADD -> err |= add(out, i, xh, xl, yh, yl, precision);
                case SUBTRACT -> {
                    long nl = -yl;
                    long nh = ~yh + (nl == 0 ? 1 : 0);
                    err |= (yh == Long.MIN_VALUE && yl == 0) || add(out, i, xh, xl, nh, nl, precision);
                }
                case MULTIPLY -> {
                    if (xh == (xl >> 63) && yh == (yl >> 63)) {
                        long rl = xl * yl;
                        err |= put(out, i, Math.multiplyHigh(xl, yl), rl, precision);
                    } else {
                        err |= put(out, i, big(xh, xl).multiply(big(yh, yl)), precision);
                    }
                }
                case DIVIDE -> throw new IllegalArgumentException("decimal division needs a scale: use divide");
                case MODULO -> {
                    boolean zero = (yh | yl) == 0;
                    err |= zero;
                    if (zero) {
                        put(out, i, 0, 0);
                    } else if (xh == (xl >> 63) && yh == (yl >> 63)) {
                        long r = xl % yl;
                        put(out, i, r >> 63, r);
                    } else {
                        put(out, i, big(xh, xl).remainder(big(yh, yl)), precision);
                    }
                }
            }
        }
        return err;
    }

    /**
     * {@code out = a / b} with scale {@code resultScale} (see {@link DecimalArithScalar#divideScale}),
     * rounded half away from zero; {@code a} has scale {@code sa} and {@code b} scale {@code sb}.
     */
    public static boolean divide(MemorySegment a, Int128 ka, int sa, MemorySegment b, Int128 kb, int sb,
            int resultScale, int precision, MemorySegment out, int n) {
        return divide(a, ka, sa, b, kb, sb, resultScale, precision, out, 0, n);
    }

    static boolean divide(MemorySegment a, Int128 ka, int sa, MemorySegment b, Int128 kb, int sb,
            int resultScale, int precision, MemorySegment out, int from, int to) {
        boolean err = false;
        for (int i = from; i < to; i++) {
            long yh = high(b, kb, i);
            long yl = low(b, kb, i);
            if ((yh | yl) == 0) {
                err = true;
                put(out, i, 0, 0);
                continue;
            }
            BigDecimal x = new BigDecimal(big(high(a, ka, i), low(a, ka, i)), sa);
            BigDecimal q = x.divide(new BigDecimal(big(yh, yl), sb), resultScale, RoundingMode.HALF_UP);
            err |= put(out, i, q.unscaledValue(), precision);
        }
        return err;
    }

    /**
     * Changes the scale by {@code k}: multiplies by 10<sup>k</sup> when {@code k > 0}, divides by
     * 10<sup>-k</sup> rounding half away from zero when {@code k < 0}.
     */
    public static boolean rescale(MemorySegment a, int k, int precision, MemorySegment out, int n) {
        return rescale(a, k, precision, out, 0, n);
    }

    static boolean rescale(MemorySegment a, int k, int precision, MemorySegment out, int from, int to) {
        boolean err = false;
        boolean inLongs = Math.abs(k) <= DecimalArithScalar.MAX_LONG_PRECISION;
        long p = inLongs ? DecimalArithScalar.powerOfTen(Math.abs(k)) : 0;
        long lastHigh = 0;
        long lastLow = 0;
        boolean lastFailed = false;
        for (int i = from; i < to; i++) {
            long xh = high(a, null, i);
            long xl = low(a, null, i);
            boolean repeated = i > from && xh == lastHigh && xl == lastLow;
            lastHigh = xh;
            lastLow = xl;
            if (inLongs && xh == (xl >> 63)) {
                if (k >= 0) {
                    // a 64-bit value times a power of ten below 2^63 is exact in 128 bits
                    err |= put(out, i, Math.multiplyHigh(xl, p), xl * p, precision);
                } else {
                    long q = xl / p;
                    long r = xl % p;
                    if (Math.abs(r) >= p - Math.abs(r)) { // half away from zero
                        q += xl < 0 ? -1 : 1;
                    }
                    err |= put(out, i, q >> 63, q, precision);
                }
                continue;
            }
            if (repeated) {
                // a wide value repeated row after row (a scalar subquery's result joined to every
                // row): the previous row's result, not another trip through BigDecimal
                put(out, i, out.get(L, ((long) (i - 1) << 4) + 8), out.get(L, (long) (i - 1) << 4));
                err |= lastFailed;
                continue;
            }
            BigDecimal x = new BigDecimal(big(xh, xl), 0);
            BigDecimal r = x.movePointRight(k).setScale(0, RoundingMode.HALF_UP);
            lastFailed = put(out, i, r.unscaledValue(), precision);
            err |= lastFailed;
        }
        return err;
    }

    /**
     * Throws the error of the first row set in {@code valid} (null: all) that {@code failed},
     * after a kernel above reported a failure: 22012 when the row's divisor {@code b} is zero and
     * {@code op} divides, 22003 otherwise. {@code failed} is one of the checks below.
     */
    public static void raise(ArithOp op, MemorySegment b, Int128 kb, long[] valid, int n, IntPredicate failed) {
        ArithErrors.raiseFirst(valid, n, failed, i -> (high(b, kb, i) | low(b, kb, i)) == 0, op, ArithErrors.NUMERIC);
    }

    /** Row checks for {@link #raise}, each the kernel above run on one row. */
    public static IntPredicate applyCheck(ArithOp op, MemorySegment a, Int128 ka, MemorySegment b, Int128 kb,
            int precision, MemorySegment out) {
        return i -> apply(op, a, ka, b, kb, precision, out, i, i + 1);
    }

    public static IntPredicate divideCheck(MemorySegment a, Int128 ka, int sa, MemorySegment b, Int128 kb, int sb,
            int resultScale, int precision, MemorySegment out) {
        return i -> divide(a, ka, sa, b, kb, sb, resultScale, precision, out, i, i + 1);
    }

    public static IntPredicate rescaleCheck(MemorySegment a, int k, int precision, MemorySegment out) {
        return i -> rescale(a, k, precision, out, i, i + 1);
    }

    static long low(MemorySegment s, Int128 k, int i) {
        return s == null ? k.low() : s.get(L, (long) i << 4);
    }

    static long high(MemorySegment s, Int128 k, int i) {
        return s == null ? k.high() : s.get(L, ((long) i << 4) + 8);
    }

    private static BigInteger big(long high, long low) {
        return Int128.of(high, low).toBigInteger();
    }

    private static boolean add(MemorySegment out, int i, long xh, long xl, long yh, long yl, int precision) {
        long rl = xl + yl;
        long rh = xh + yh + (Long.compareUnsigned(rl, xl) < 0 ? 1 : 0);
        boolean overflow = ((xh ^ rh) & (yh ^ rh)) < 0;
        return put(out, i, rh, rl, precision) | overflow;
    }

    private static void put(MemorySegment out, int i, long high, long low) {
        out.set(L, (long) i << 4, low);
        out.set(L, ((long) i << 4) + 8, high);
    }

    /** Stores a 128-bit value; returns whether it has more than {@code precision} digits. */
    private static boolean put(MemorySegment out, int i, long high, long low, int precision) {
        put(out, i, high, low);
        return !Int128.fitsPrecision(high, low, precision);
    }

    private static boolean put(MemorySegment out, int i, BigInteger v, int precision) {
        if (v.bitLength() > 127) {
            put(out, i, 0, 0);
            return true;
        }
        return put(out, i, v.shiftRight(64).longValue(), v.longValue(), precision);
    }
}
