package io.blueshift.columnar;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;

/**
 * The largest value Blueshift makes: 1 GB less a byte, Postgres' limit for one field (its
 * {@code MaxAllocSize}). Functions that can make a value of any length (repeat, lpad, string_agg,
 * ||, replace) check the length they would make against it before they build it, so a value past
 * it fails with 54000 instead of exhausting the heap or an Arrow buffer.
 */
public final class ValueLimits {
    /** Bytes in one value at most. */
    public static final long MAX_VALUE_BYTES = (1L << 30) - 1;

    private ValueLimits() {
    }

    /** Fails with 54000 "requested length too large" when a value of {@code bytes} would pass the limit. */
    public static void checkLength(long bytes) {
        if (bytes > MAX_VALUE_BYTES || bytes < 0) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        }
    }

    /**
     * Fails with 54000 when a value of {@code held} bytes cannot grow by {@code more}, as Postgres
     * says for string_agg and other values built a piece at a time.
     */
    public static void checkGrowth(long held, long more) {
        if (held + more > MAX_VALUE_BYTES) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED,
                    "out of memory: cannot enlarge string buffer containing " + held + " bytes by " + more + " more bytes");
        }
    }

    /** The bytes of {@code s} in UTF-8, counted without encoding it. */
    public static long utf8Length(CharSequence s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
