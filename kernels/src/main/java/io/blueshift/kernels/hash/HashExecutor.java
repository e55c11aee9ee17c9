package io.blueshift.kernels.hash;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;

/**
 * Hashes a key of one or several columns for a batch: column by column, each folded into the hash
 * of the ones before it, with NULL rows hashed as {@link HashMix#NULL_HASH}. Validity is handled
 * here a word at a time so the kernels never see NULLs: a column without NULLs is hashed (or
 * combined) in place; one with NULLs is hashed into a scratch array, patched, then combined.
 */
public final class HashExecutor {
    private HashExecutor() {
    }

    /** Hashes {@code n} rows of the key {@code columns} into {@code hashes}, choosing SIMD by {@link Simd#ENABLED}. */
    public static void hash(KeyColumn[] columns, int n, long[] hashes, long[] scratch) {
        hash(columns, n, hashes, scratch, Simd.ENABLED);
    }

    /**
     * Hashes {@code n} rows of the key {@code columns} into {@code hashes}; {@code scratch} holds at
     * least {@code n} longs and is used when a column other than the first has NULLs.
     */
    public static void hash(KeyColumn[] columns, int n, long[] hashes, long[] scratch, boolean simd) {
        for (int c = 0; c < columns.length; c++) {
            KeyColumn column = columns[c];
            boolean combine = c > 0;
            if (!hasNulls(column.validity(), n)) {
                hashColumn(column, n, hashes, combine, simd);
            } else if (!combine) {
                hashColumn(column, n, hashes, false, simd);
                patchNulls(column.validity(), n, hashes);
            } else {
                hashColumn(column, n, scratch, false, simd);
                patchNulls(column.validity(), n, scratch);
                if (simd) {
                    HashKernels.combineHashes(scratch, n, hashes);
                } else {
                    HashScalar.combineHashes(scratch, n, hashes);
                }
            }
        }
    }

    /** Whether any of the first {@code n} rows is NULL. */
    public static boolean hasNulls(MemorySegment validity, int n) {
        if (validity == null) {
            return false;
        }
        int words = Bitmaps.words(n);
        for (int w = 0; w < words; w++) {
            if (Bitmaps.validityWord(validity, w, n) != Bitmaps.tailMask(w, n)) {
                return true;
            }
        }
        return false;
    }

    private static void patchNulls(MemorySegment validity, int n, long[] hashes) {
        int words = Bitmaps.words(n);
        for (int w = 0; w < words; w++) {
            long nulls = ~Bitmaps.validityWord(validity, w, n) & Bitmaps.tailMask(w, n);
            while (nulls != 0) {
                hashes[(w << 6) + Long.numberOfTrailingZeros(nulls)] = HashMix.NULL_HASH;
                nulls &= nulls - 1;
            }
        }
    }

    private static void hashColumn(KeyColumn column, int n, long[] out, boolean combine, boolean simd) {
        MemorySegment data = column.data();
        if (simd) {
            switch (column.type()) {
                case SHORT -> HashKernels.hashShorts(data, n, out, combine);
                case INT -> HashKernels.hashInts(data, n, out, combine);
                case LONG -> HashKernels.hashLongs(data, n, out, combine);
                case FLOAT -> HashKernels.hashFloats(data, n, out, combine);
                case DOUBLE -> HashKernels.hashDoubles(data, n, out, combine);
                case DECIMAL128 -> HashKernels.hashDecimal128(data, n, out, combine);
                case VARCHAR -> HashKernels.hashStrings(column.offsets(), data, n, out, combine);
            }
        } else {
            switch (column.type()) {
                case SHORT -> HashScalar.hashShorts(data, n, out, combine);
                case INT -> HashScalar.hashInts(data, n, out, combine);
                case LONG -> HashScalar.hashLongs(data, n, out, combine);
                case FLOAT -> HashScalar.hashFloats(data, n, out, combine);
                case DOUBLE -> HashScalar.hashDoubles(data, n, out, combine);
                case DECIMAL128 -> HashScalar.hashDecimal128(data, n, out, combine);
                case VARCHAR -> HashScalar.hashStrings(column.offsets(), data, n, out, combine);
            }
        }
    }
}
