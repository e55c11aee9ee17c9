package io.blueshift.kernels.sort;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Order-preserving encodings of key values into unsigned integers, one row at a time: the
 * reference twin of {@link KeyEncodeKernels}. Each {@code encode*} writes, for rows
 * {@code 0..n-1}, a value right-aligned in {@code out[i]} whose unsigned order over the type's
 * byte width is the SQL order (inverted when {@code desc}): signed integers flip their sign bit;
 * floating point maps -0.0 to 0.0 and every NaN to one NaN above +Infinity, then flips the sign
 * bit of positives and all bits of negatives. {@link #place} ORs such values into the packed
 * big-endian key words.
 */
public final class KeyEncodeScalar {
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private KeyEncodeScalar() {
    }

    public static void encodeShort(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? 0xFFFFL : 0;
        for (int i = 0; i < n; i++) {
            out[i] = ((values.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i) ^ 0x8000) & 0xFFFFL) ^ flip;
        }
    }

    public static void encodeInt(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? 0xFFFF_FFFFL : 0;
        for (int i = 0; i < n; i++) {
            out[i] = intKey(values.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i), flip);
        }
    }

    public static void encodeLong(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? Long.MAX_VALUE : Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            out[i] = values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i) ^ flip;
        }
    }

    public static void encodeFloat(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? 0xFFFF_FFFFL : 0;
        for (int i = 0; i < n; i++) {
            out[i] = floatKey(values.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i), flip);
        }
    }

    public static void encodeDouble(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? -1L : 0;
        for (int i = 0; i < n; i++) {
            out[i] = doubleKey(values.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i), flip);
        }
    }

    static long intKey(int v, long flip) {
        return ((v ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL) ^ flip;
    }

    static long floatKey(float v, long flip) {
        int bits = Float.floatToIntBits(v + 0.0f);
        return ((bits ^ ((bits >> 31) | Integer.MIN_VALUE)) & 0xFFFF_FFFFL) ^ flip;
    }

    static long doubleKey(double v, long flip) {
        long bits = Double.doubleToLongBits(v + 0.0);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE) ^ flip;
    }

    /** The high (signed) half of 128-bit decimals. */
    public static void encodeDecimalHigh(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? Long.MAX_VALUE : Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            out[i] = values.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * i + 8) ^ flip;
        }
    }

    /** The low (unsigned) half of 128-bit decimals. */
    public static void encodeDecimalLow(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? -1L : 0;
        for (int i = 0; i < n; i++) {
            out[i] = values.get(ValueLayout.JAVA_LONG_UNALIGNED, 16L * i) ^ flip;
        }
    }

    public static void encodeBoolean(MemorySegment values, int n, boolean desc, long[] out) {
        long flip = desc ? 1 : 0;
        for (int i = 0; i < n; i++) {
            out[i] = (Bitmaps.isValid(values, i) ? 1L : 0L) ^ flip;
        }
    }

    /** The first 8 bytes of each string, big-endian and zero-padded. */
    public static void encodeStringPrefix(MemorySegment offsets, MemorySegment data, int n, boolean desc, long[] out) {
        long flip = desc ? -1L : 0;
        long size = data.byteSize();
        int start = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 0);
        for (int i = 0; i < n; i++) {
            int end = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i + 1L);
            int len = end - start;
            long prefix;
            if (start + 8L <= size) {
                prefix = len >= 8 ? data.get(LONG_BE, start) : data.get(LONG_BE, start) & ~(-1L >>> (len << 3));
            } else {
                prefix = 0;
                for (int j = 0; j < Math.min(len, 8); j++) {
                    prefix |= (data.get(ValueLayout.JAVA_BYTE, start + j) & 0xFFL) << (56 - 8 * j);
                }
            }
            out[i] = prefix ^ flip;
            start = end;
        }
    }

    /**
     * ORs the right-aligned {@code size}-byte values of {@code tmp} into byte positions
     * {@code [bytePos, bytePos + size)} of each row's big-endian key ({@code words[w][row]} is
     * bytes {@code 8w..8w+7}), splitting a value that straddles two words.
     */
    public static void place(long[] tmp, int n, int bytePos, int size, long[][] words) {
        placeRange(tmp, 0, n, bytePos, size, words);
    }

    /** {@link #place} for rows {@code [from, to)} only (the SIMD twin's tail). */
    static void placeRange(long[] tmp, int from, int to, int bytePos, int size, long[][] words) {
        int w = bytePos >>> 3;
        int o = bytePos & 7;
        if (o + size <= 8) {
            long[] dst = words[w];
            int shift = (8 - o - size) << 3;
            for (int i = from; i < to; i++) {
                dst[i] |= tmp[i] << shift;
            }
            return;
        }
        int lowBytes = o + size - 8;
        long[] hi = words[w];
        long[] lo = words[w + 1];
        int hiShift = lowBytes << 3;
        int loShift = (8 - lowBytes) << 3;
        for (int i = from; i < to; i++) {
            hi[i] |= tmp[i] >>> hiShift;
            lo[i] |= tmp[i] << loShift;
        }
    }
}
