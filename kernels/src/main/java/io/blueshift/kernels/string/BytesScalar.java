package io.blueshift.kernels.string;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Byte-range primitives one byte at a time: the reference for {@link BytesSimd}. */
final class BytesScalar {
    private BytesScalar() {
    }

    static int offset(MemorySegment offsets, int row) {
        return offsets.get(ValueLayout.JAVA_INT_UNALIGNED, (long) row << 2);
    }

    static byte at(MemorySegment data, long pos) {
        return data.get(ValueLayout.JAVA_BYTE, pos);
    }

    /** The first index below {@code len} where the two ranges differ, or -1. */
    static int mismatch(MemorySegment a, long aOff, byte[] b, int bOff, int len) {
        for (int i = 0; i < len; i++) {
            if (a.get(ValueLayout.JAVA_BYTE, aOff + i) != b[bOff + i]) {
                return i;
            }
        }
        return -1;
    }

    /** The first index below {@code len} where the two ranges differ, or -1. */
    static int mismatch(MemorySegment a, long aOff, MemorySegment b, long bOff, int len) {
        for (int i = 0; i < len; i++) {
            if (a.get(ValueLayout.JAVA_BYTE, aOff + i) != b.get(ValueLayout.JAVA_BYTE, bOff + i)) {
                return i;
            }
        }
        return -1;
    }

    /** Three-way unsigned byte-order comparison of {@code a[aOff, aOff+aLen)} with {@code b}. */
    static int compare(MemorySegment a, long aOff, int aLen, byte[] b) {
        int min = Math.min(aLen, b.length);
        int at = mismatch(a, aOff, b, 0, min);
        if (at >= 0) {
            return (at(a, aOff + at) & 0xFF) - (b[at] & 0xFF);
        }
        return Integer.compare(aLen, b.length);
    }

    /** Three-way unsigned byte-order comparison of two ranges. */
    static int compare(MemorySegment a, long aOff, int aLen, MemorySegment b, long bOff, int bLen) {
        int min = Math.min(aLen, bLen);
        int at = mismatch(a, aOff, b, bOff, min);
        if (at >= 0) {
            return (at(a, aOff + at) & 0xFF) - (at(b, bOff + at) & 0xFF);
        }
        return Integer.compare(aLen, bLen);
    }

    /** The mask of the bits of the word starting at row {@code base} for rows below {@code end}. */
    static long rowMask(int base, int end) {
        int rest = end - base;
        return rest >= 64 ? -1L : (1L << rest) - 1;
    }
}
