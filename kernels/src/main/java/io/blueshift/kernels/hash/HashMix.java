package io.blueshift.kernels.hash;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The hash functions every kernel and table agrees on, one value at a time. Fixed-width values are
 * widened to a long and mixed with a multiply-xorshift finalizer (the SplitMix64 one), whose low
 * bits are as good as its high ones, so tables may index with {@code hash & mask}. Strings are
 * hashed 16 bytes per step with a 64x64->128-bit multiply fold (the wyhash idea). Integers of every
 * width hash alike, so do {@code -0.0} and {@code 0.0}, and so do all NaNs.
 */
public final class HashMix {
    /** The hash of a NULL key (any fixed value works; this one is not the hash of 0). */
    public static final long NULL_HASH = 0x5BD1E9955BD1E995L;

    static final long SEED = 0x9E3779B97F4A7C15L;
    static final long M1 = 0xBF58476D1CE4E5B9L;
    static final long M2 = 0x94D049BB133111EBL;
    static final long COMBINE = 0x9E3779B97F4A7C15L;
    static final long S1 = 0xA0761D6478BD642FL;
    static final long S2 = 0xE7037ED1A0B428DBL;
    static final long S3 = 0x8EBC6AF09C88C6E3L;

    /** The bits a float key is compared and hashed by: -0.0 as 0.0 and one NaN for all. */
    public static final int CANONICAL_FLOAT_NAN = 0x7FC00000;
    /** The bits a double key is compared and hashed by: -0.0 as 0.0 and one NaN for all. */
    public static final long CANONICAL_DOUBLE_NAN = 0x7FF8000000000000L;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private HashMix() {
    }

    public static long hashLong(long v) {
        long x = v + SEED;
        x = (x ^ (x >>> 30)) * M1;
        x = (x ^ (x >>> 27)) * M2;
        return x ^ (x >>> 31);
    }

    public static int floatKeyBits(float f) {
        return f == 0.0f ? 0 : Float.floatToIntBits(f);
    }

    public static long doubleKeyBits(double d) {
        return d == 0.0 ? 0L : Double.doubleToLongBits(d);
    }

    public static long hashFloat(float f) {
        return hashLong(floatKeyBits(f));
    }

    public static long hashDouble(double d) {
        return hashLong(doubleKeyBits(d));
    }

    /** A 128-bit value; one that fits a long hashes like that long. */
    public static long hashDecimal128(long low, long high) {
        long h = hashLong(low);
        return high == (low >> 63) ? h : combine(h, hashLong(high));
    }

    /** Folds the hash of the next key column into the hash of the columns before it. */
    public static long combine(long hash, long next) {
        return hash * COMBINE + next;
    }

    /** The hash of {@code length} bytes of {@code data} starting at {@code offset}. */
    public static long hashBytes(MemorySegment data, long offset, int length) {
        long h = SEED ^ (length * S1);
        long p = offset;
        long end = offset + length;
        while (end - p >= 16) {
            h = mum(data.get(LONG, p) ^ S1, data.get(LONG, p + 8) ^ h);
            p += 16;
        }
        int rest = (int) (end - p);
        long a = 0;
        long b = 0;
        if (rest > 8) {
            a = data.get(LONG, p);
            b = tail(data, p + 8, rest - 8);
        } else if (rest > 0) {
            a = tail(data, p, rest);
        }
        return hashLong(mum(a ^ S2, b ^ h) ^ (length * S3));
    }

    private static long mum(long a, long b) {
        return (a * b) ^ Math.multiplyHigh(a, b);
    }

    /** The 1..8 bytes at {@code p} as a little-endian long, zero above them, reading past them only when the segment allows. */
    public static long tail(MemorySegment data, long p, int bytes) {
        if (p + 8 <= data.byteSize()) {
            return data.get(LONG, p) & (-1L >>> ((8 - bytes) << 3));
        }
        long w = 0;
        for (int i = 0; i < bytes; i++) {
            w |= (data.get(ValueLayout.JAVA_BYTE, p + i) & 0xFFL) << (i << 3);
        }
        return w;
    }
}
