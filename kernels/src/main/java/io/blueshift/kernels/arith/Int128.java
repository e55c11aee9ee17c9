package io.blueshift.kernels.arith;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A 128-bit two's complement integer: the unscaled value of a DECIMAL with more than 18 digits
 * and the exact result of summing longs. Immutable; the arithmetic throws 22003 when the exact
 * result does not fit in 128 bits. Kernels keep the two halves in locals and make one of these
 * per result, never per row.
 */
public final class Int128 implements Comparable<Int128> {
    public static final Int128 ZERO = new Int128(0, 0);
    public static final Int128 MAX_VALUE = new Int128(Long.MAX_VALUE, -1L);
    public static final Int128 MIN_VALUE = new Int128(Long.MIN_VALUE, 0);
    /** DECIMAL(38) holds unscaled values of at most 38 digits. */
    public static final int MAX_PRECISION = 38;

    private static final BigInteger MIN_BIG = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger MAX_BIG = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final Int128[] POWERS_OF_TEN = new Int128[MAX_PRECISION + 1];
    private static final Int128[] NEGATIVE_POWERS_OF_TEN = new Int128[MAX_PRECISION + 1];

    static {
        BigInteger p = BigInteger.ONE;
        for (int i = 0; i <= MAX_PRECISION; i++) {
            POWERS_OF_TEN[i] = of(p);
            NEGATIVE_POWERS_OF_TEN[i] = of(p.negate());
            p = p.multiply(BigInteger.TEN);
        }
    }

    private final long high;
    private final long low;

    private Int128(long high, long low) {
        this.high = high;
        this.low = low;
    }

    public static Int128 of(long high, long low) {
        return new Int128(high, low);
    }

    public static Int128 of(long value) {
        return new Int128(value >> 63, value);
    }

    /** The value, or 22003 when it needs more than 128 bits. */
    public static Int128 of(BigInteger value) {
        if (value.compareTo(MIN_BIG) < 0 || value.compareTo(MAX_BIG) > 0) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, ArithErrors.NUMERIC);
        }
        return new Int128(value.shiftRight(64).longValue(), value.longValue());
    }

    /** 10<sup>k</sup> for {@code 0 <= k <= 38}. */
    public static Int128 powerOfTen(int k) {
        return POWERS_OF_TEN[k];
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    public int signum() {
        return high < 0 ? -1 : (high | low) == 0 ? 0 : 1;
    }

    public boolean fitsInLong() {
        return high == (low >> 63);
    }

    public Int128 add(Int128 other) {
        return add(other.high, other.low);
    }

    /** Adds the 128-bit value {@code (high, low)}. */
    public Int128 add(long otherHigh, long otherLow) {
        long lo = low + otherLow;
        long carry = Long.compareUnsigned(lo, low) < 0 ? 1 : 0;
        long hi = high + otherHigh + carry;
        if (((high ^ hi) & (otherHigh ^ hi)) < 0) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, ArithErrors.NUMERIC);
        }
        return new Int128(hi, lo);
    }

    public Int128 negate() {
        if (equals(MIN_VALUE)) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, ArithErrors.NUMERIC);
        }
        long lo = -low;
        return new Int128(~high + (lo == 0 ? 1 : 0), lo);
    }

    public Int128 subtract(Int128 other) {
        return add(other.negate());
    }

    public Int128 multiply(Int128 other) {
        if (fitsInLong() && other.fitsInLong()) {
            return new Int128(Math.multiplyHigh(low, other.low), low * other.low);
        }
        return of(toBigInteger().multiply(other.toBigInteger()));
    }

    /** Whether the value has at most {@code precision} decimal digits. */
    public boolean fitsPrecision(int precision) {
        return fitsPrecision(high, low, precision);
    }

    /** Whether the 128-bit value {@code (high, low)} has at most {@code precision} digits. */
    public static boolean fitsPrecision(long high, long low, int precision) {
        if (precision >= 39) {
            return true;
        }
        Int128 limit = POWERS_OF_TEN[precision];
        Int128 negative = NEGATIVE_POWERS_OF_TEN[precision];
        return high >= 0 ? compare(high, low, limit.high, limit.low) < 0
                : compare(high, low, negative.high, negative.low) > 0;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int c = Long.compare(aHigh, bHigh);
        return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
    }

    /** This value, or 22003 when it has more than {@code precision} digits. */
    public Int128 checkPrecision(int precision) {
        if (!fitsPrecision(precision)) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, ArithErrors.NUMERIC);
        }
        return this;
    }

    public BigInteger toBigInteger() {
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    /** The value of a DECIMAL with this unscaled value and {@code scale}. */
    public BigDecimal toBigDecimal(int scale) {
        return new BigDecimal(toBigInteger(), scale);
    }

    @Override
    public int compareTo(Int128 other) {
        return compare(high, low, other.high, other.low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Int128 other && high == other.high && low == other.low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    @Override
    public String toString() {
        return toBigInteger().toString();
    }
}
