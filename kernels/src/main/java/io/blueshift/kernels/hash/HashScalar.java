package io.blueshift.kernels.hash;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar twin of {@link HashKernels}: hashes row {@code i} of a column into {@code hashes[i]}, or
 * with {@code combine} folds it into the hash already there ({@link HashMix#combine}), which is
 * how a key of several columns is hashed one column at a time. Kernels never see NULLs; the
 * {@link HashExecutor} patches NULL rows to {@link HashMix#NULL_HASH}.
 */
public final class HashScalar {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private HashScalar() {
    }

    private static void put(long[] hashes, int i, long h, boolean combine) {
        hashes[i] = combine ? HashMix.combine(hashes[i], h) : h;
    }

    public static void hashShorts(MemorySegment data, int n, long[] hashes, boolean combine) {
        for (int i = 0; i < n; i++) {
            put(hashes, i, HashMix.hashLong(data.getAtIndex(SHORT, i)), combine);
        }
    }

    public static void hashInts(MemorySegment data, int n, long[] hashes, boolean combine) {
        for (int i = 0; i < n; i++) {
            put(hashes, i, HashMix.hashLong(data.getAtIndex(INT, i)), combine);
        }
    }

    public static void hashLongs(MemorySegment data, int n, long[] hashes, boolean combine) {
        for (int i = 0; i < n; i++) {
            put(hashes, i, HashMix.hashLong(data.getAtIndex(LONG, i)), combine);
        }
    }

    public static void hashFloats(MemorySegment data, int n, long[] hashes, boolean combine) {
        for (int i = 0; i < n; i++) {
            put(hashes, i, HashMix.hashFloat(data.getAtIndex(FLOAT, i)), combine);
        }
    }

    public static void hashDoubles(MemorySegment data, int n, long[] hashes, boolean combine) {
        for (int i = 0; i < n; i++) {
            put(hashes, i, HashMix.hashDouble(data.getAtIndex(DOUBLE, i)), combine);
        }
    }

    public static void hashDecimal128(MemorySegment data, int n, long[] hashes, boolean combine) {
        for (int i = 0; i < n; i++) {
            long offset = (long) i << 4;
            put(hashes, i, HashMix.hashDecimal128(data.get(LONG, offset), data.get(LONG, offset + 8)), combine);
        }
    }

    /** Strings in Arrow VarChar layout: row i is data[offsets[i] .. offsets[i + 1]). */
    public static void hashStrings(MemorySegment offsets, MemorySegment data, int n, long[] hashes, boolean combine) {
        int start = n == 0 ? 0 : offsets.getAtIndex(INT, 0);
        for (int i = 0; i < n; i++) {
            int end = offsets.getAtIndex(INT, i + 1);
            put(hashes, i, HashMix.hashBytes(data, start, end - start), combine);
            start = end;
        }
    }

    /** {@code hashes[i] = combine(hashes[i], next[i])}. */
    public static void combineHashes(long[] next, int n, long[] hashes) {
        for (int i = 0; i < n; i++) {
            hashes[i] = HashMix.combine(hashes[i], next[i]);
        }
    }
}
