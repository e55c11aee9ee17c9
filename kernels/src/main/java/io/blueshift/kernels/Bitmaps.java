package io.blueshift.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Bitmaps of rows: bit {@code i % 64} of word {@code i / 64} stands for row {@code i}, which is
 * also the layout of an Arrow validity buffer read as little-endian 64-bit words. Predicate
 * results and validity are handled a word (64 rows) at a time here, so that kernels never see
 * nulls. Bits at or past the row count are always zero in the {@code long[]} bitmaps this class
 * produces.
 */
public final class Bitmaps {
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED;

    private Bitmaps() {
    }

    /** The number of 64-bit words that hold {@code n} bits. */
    public static int words(int n) {
        return (n + 63) >>> 6;
    }

    /** The mask of the bits of word {@code word} that stand for rows below {@code n}. */
    public static long tailMask(int word, int n) {
        int rest = n - (word << 6);
        return rest >= 64 ? -1L : (1L << rest) - 1;
    }

    /**
     * Word {@code word} of an Arrow validity buffer of {@code n} rows, with bits past {@code n}
     * cleared. A null segment means every row is valid. The buffer may end anywhere after its
     * last byte of bits, so the last word is read byte by byte.
     */
    public static long validityWord(MemorySegment validity, int word, int n) {
        long mask = tailMask(word, n);
        if (validity == null) {
            return mask;
        }
        long offset = (long) word << 3;
        if (offset + 8 <= validity.byteSize()) {
            return validity.get(LONG_LE, offset) & mask;
        }
        long w = 0;
        int bytes = (int) Math.min(8, validity.byteSize() - offset);
        for (int b = 0; b < bytes; b++) {
            w |= (validity.get(ValueLayout.JAVA_BYTE, offset + b) & 0xFFL) << (b << 3);
        }
        return w & mask;
    }

    /** Copies the validity of {@code n} rows into {@code out} (all ones where there is no buffer). */
    public static void loadValidity(MemorySegment validity, int n, long[] out) {
        int words = words(n);
        for (int w = 0; w < words; w++) {
            out[w] = validityWord(validity, w, n);
        }
    }

    /** Whether row {@code i} of an Arrow validity buffer is valid (non-null). */
    public static boolean isValid(MemorySegment validity, int i) {
        if (validity == null) {
            return true;
        }
        return (validity.get(ValueLayout.JAVA_BYTE, i >>> 3) & (1 << (i & 7))) != 0;
    }

    public static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    public static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    /** The number of set bits among the first {@code n}. */
    public static int cardinality(long[] bits, int n) {
        int words = words(n);
        int count = 0;
        for (int w = 0; w < words; w++) {
            count += Long.bitCount(bits[w] & tailMask(w, n));
        }
        return count;
    }

    /**
     * Writes the positions of the set bits among the first {@code n} into {@code out} in
     * ascending order and returns how many there are.
     */
    public static int toPositions(long[] bits, int n, int[] out) {
        int words = words(n);
        int count = 0;
        for (int w = 0; w < words; w++) {
            long word = bits[w] & tailMask(w, n);
            int base = w << 6;
            while (word != 0) {
                out[count++] = base + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        return count;
    }

    /** A selection of the set bits among the first {@code n} (a range when all are set). */
    public static Selection toSelection(long[] bits, int n) {
        int[] positions = new int[n];
        int count = toPositions(bits, n, positions);
        return count == n ? Selection.range(0, n) : Selection.positions(positions, count);
    }
}
