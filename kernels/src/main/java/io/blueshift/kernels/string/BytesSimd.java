package io.blueshift.kernels.string;

import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Byte-range primitives with the Vector API. A range is compared a whole vector at a time; the
 * last partial vector is loaded in full when the segment extends far enough (the extra lanes are
 * masked off) so that short strings cost one load and one compare.
 */
final class BytesSimd {
    static final VectorSpecies<Byte> BYTES = Simd.BYTE;
    static final VectorSpecies<Integer> INTS = Simd.INT;
    static final int LANES = BYTES.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private BytesSimd() {
    }

    /**
     * A copy of {@code constant} with a vector's worth of zero bytes after it, so that loads of
     * its last partial vector stay in bounds.
     */
    static byte[] padded(byte[] constant) {
        return Arrays.copyOf(constant, constant.length + LANES);
    }

    /** The largest constant that {@link #equalsSmall} handles with one 8-byte load. */
    static final int SMALL = 8;

    /** The first 8 bytes of a padded constant as a little-endian word, for {@link #equalsSmall}. */
    static long smallWord(byte[] padded) {
        return MemorySegment.ofArray(padded).get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
    }

    /** The mask of the low {@code m} bytes of a word ({@code m} at most 8). */
    static long smallMask(int m) {
        return m >= 8 ? -1L : (1L << (m << 3)) - 1;
    }

    /**
     * Whether {@code a[aOff, aOff + m)} equals the constant, for {@code m <= 8}: one unaligned
     * 8-byte load XORed with the constant's word and masked to its length, which for short
     * literals beats setting up a vector compare per row.
     */
    static boolean equalsSmall(MemorySegment a, long aOff, byte[] padded, long word, long mask, int m) {
        if (aOff + 8 <= a.byteSize()) {
            return ((a.get(ValueLayout.JAVA_LONG_UNALIGNED, aOff) ^ word) & mask) == 0;
        }
        return BytesScalar.mismatch(a, aOff, padded, 0, m) < 0;
    }

    /** Whether {@code a[aOff, aOff + m)} equals the padded constant, by the cheaper of the two ways. */
    static boolean equalsConst(MemorySegment a, long aOff, byte[] padded, long word, long mask, int m) {
        return m <= SMALL ? equalsSmall(a, aOff, padded, word, mask, m) : mismatch(a, aOff, padded, 0, m) < 0;
    }

    /** The bits of the lanes below {@code count} (count at most 64). */
    static long lowBits(int count) {
        return count >= 64 ? -1L : (1L << count) - 1;
    }

    /**
     * The first index below {@code len} where the ranges differ, or -1. {@code b} must have at
     * least {@link #LANES} bytes after {@code bOff + len} (see {@link #padded}).
     */
    static int mismatch(MemorySegment a, long aOff, byte[] b, int bOff, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            long ne = ByteVector.fromMemorySegment(BYTES, a, aOff + i, LE)
                    .compare(VectorOperators.NE, ByteVector.fromArray(BYTES, b, bOff + i)).toLong();
            if (ne != 0) {
                return i + Long.numberOfTrailingZeros(ne);
            }
        }
        if (i == len) {
            return -1;
        }
        if (aOff + i + LANES <= a.byteSize()) {
            long ne = ByteVector.fromMemorySegment(BYTES, a, aOff + i, LE)
                    .compare(VectorOperators.NE, ByteVector.fromArray(BYTES, b, bOff + i)).toLong()
                    & lowBits(len - i);
            return ne != 0 ? i + Long.numberOfTrailingZeros(ne) : -1;
        }
        int rest = BytesScalar.mismatch(a, aOff + i, b, bOff + i, len - i);
        return rest < 0 ? -1 : i + rest;
    }

    /** The first index below {@code len} where the two ranges differ, or -1. */
    static int mismatch(MemorySegment a, long aOff, MemorySegment b, long bOff, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            long ne = ByteVector.fromMemorySegment(BYTES, a, aOff + i, LE)
                    .compare(VectorOperators.NE, ByteVector.fromMemorySegment(BYTES, b, bOff + i, LE)).toLong();
            if (ne != 0) {
                return i + Long.numberOfTrailingZeros(ne);
            }
        }
        if (i == len) {
            return -1;
        }
        if (aOff + i + LANES <= a.byteSize() && bOff + i + LANES <= b.byteSize()) {
            long ne = ByteVector.fromMemorySegment(BYTES, a, aOff + i, LE)
                    .compare(VectorOperators.NE, ByteVector.fromMemorySegment(BYTES, b, bOff + i, LE)).toLong()
                    & lowBits(len - i);
            return ne != 0 ? i + Long.numberOfTrailingZeros(ne) : -1;
        }
        int rest = BytesScalar.mismatch(a, aOff + i, b, bOff + i, len - i);
        return rest < 0 ? -1 : i + rest;
    }

    /** Three-way unsigned byte-order comparison; {@code b} padded as for {@link #mismatch}. */
    static int compare(MemorySegment a, long aOff, int aLen, byte[] b, int bLen) {
        int at = mismatch(a, aOff, b, 0, Math.min(aLen, bLen));
        if (at >= 0) {
            return (BytesScalar.at(a, aOff + at) & 0xFF) - (b[at] & 0xFF);
        }
        return Integer.compare(aLen, bLen);
    }

    /** Three-way unsigned byte-order comparison of two ranges. */
    static int compare(MemorySegment a, long aOff, int aLen, MemorySegment b, long bOff, int bLen) {
        int at = mismatch(a, aOff, b, bOff, Math.min(aLen, bLen));
        if (at >= 0) {
            return (BytesScalar.at(a, aOff + at) & 0xFF) - (BytesScalar.at(b, bOff + at) & 0xFF);
        }
        return Integer.compare(aLen, bLen);
    }

    /**
     * Bits (relative to {@code base}) of the rows in {@code [base, end)} whose length equals
     * {@code m} ({@code atLeast == false}) or is at least {@code m}: lengths are differences of
     * two overlapping offset vectors.
     */
    static long lengthMatches(MemorySegment offsets, int base, int end, int m, boolean atLeast) {
        long bits = 0;
        int lanes = INTS.length();
        int i = base;
        if (atLeast) {
            for (; i + lanes <= end; i += lanes) {
                IntVector len = IntVector.fromMemorySegment(INTS, offsets, (long) (i + 1) << 2, LE)
                        .sub(IntVector.fromMemorySegment(INTS, offsets, (long) i << 2, LE));
                bits |= len.compare(VectorOperators.GE, m).toLong() << (i - base);
            }
        } else {
            for (; i + lanes <= end; i += lanes) {
                IntVector len = IntVector.fromMemorySegment(INTS, offsets, (long) (i + 1) << 2, LE)
                        .sub(IntVector.fromMemorySegment(INTS, offsets, (long) i << 2, LE));
                bits |= len.compare(VectorOperators.EQ, m).toLong() << (i - base);
            }
        }
        for (; i < end; i++) {
            int len = BytesScalar.offset(offsets, i + 1) - BytesScalar.offset(offsets, i);
            if (atLeast ? len >= m : len == m) {
                bits |= 1L << (i - base);
            }
        }
        return bits;
    }
}
