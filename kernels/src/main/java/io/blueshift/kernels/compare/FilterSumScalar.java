package io.blueshift.kernels.compare;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The scalar twin of {@link FilterSum}: the same sums, a row at a time. The long sum uses the same
 * split into 32-bit halves so that both give the exact result or both raise the same error.
 */
public final class FilterSumScalar {
    private FilterSumScalar() {
    }

    public static long sumLong(MemorySegment values, MemorySegment a, long aLo, long aHi, MemorySegment b,
            long bLo, long bHi, int n) {
        long lowSum = 0;
        long highSum = 0;
        for (int i = 0; i < n; i++) {
            if (passes(a, aLo, aHi, b, bLo, bHi, i)) {
                long v = value(values, i);
                lowSum += v & 0xFFFFFFFFL;
                highSum += v >> 32;
            }
        }
        return combine(lowSum, highSum);
    }

    public static double sumDouble(MemorySegment values, MemorySegment a, long aLo, long aHi, MemorySegment b,
            long bLo, long bHi, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (passes(a, aLo, aHi, b, bLo, bHi, i)) {
                total += doubleValue(values, i);
            }
        }
        return total;
    }

    static boolean passes(MemorySegment a, long aLo, long aHi, MemorySegment b, long bLo, long bHi, int row) {
        long x = value(a, row);
        if (x < aLo || x > aHi) {
            return false;
        }
        if (b == null) {
            return true;
        }
        long y = value(b, row);
        return y >= bLo && y <= bHi;
    }

    static long value(MemorySegment s, int row) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED, (long) row << 3);
    }

    static double doubleValue(MemorySegment s, int row) {
        return s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, (long) row << 3);
    }

    /**
     * {@code highSum * 2^32 + lowSum} ({@code lowSum} non-negative), computed in 128 bits; the
     * result if it fits in a long, else NUMERIC_VALUE_OUT_OF_RANGE.
     */
    static long combine(long lowSum, long highSum) {
        long resultLow = (highSum << 32) + lowSum;
        long resultHigh = (highSum >> 32) + (Long.compareUnsigned(resultLow, highSum << 32) < 0 ? 1 : 0);
        if (resultHigh != resultLow >> 63) {
            throw new BlueshiftException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "bigint");
        }
        return resultLow;
    }
}
