package io.blueshift.kernels.sort;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;

/**
 * The sort keys of every row encoded into one big-endian byte string, packed into 64-bit words,
 * whose unsigned order is the ORDER BY order (the normalized-key approach, like DuckDB's): a
 * null flag byte for a key that has nulls (0 before 1, chosen by NULLS FIRST/LAST), then the
 * order-preserving value bytes, inverted for DESC. Sorting then compares words only. A string
 * key contributes its first 8 bytes and ends the encoding, because the keys after it cannot be
 * ordered by bytes when the prefixes tie; then {@link #complete()} is false and equal normalized
 * keys must be tie-broken with {@link RowComparator}. Words are stored column-wise
 * ({@code words[w][row]}) so encoding and radix passes read contiguous arrays.
 */
final class NormalizedKeys {
    private final long[][] words;
    private final int keyBytes;
    private final boolean complete;

    private NormalizedKeys(long[][] words, int keyBytes, boolean complete) {
        this.words = words;
        this.keyBytes = keyBytes;
        this.complete = complete;
    }

    long[][] words() {
        return words;
    }

    /** The bytes of the normalized key actually used (the last word may be partly empty). */
    int keyBytes() {
        return keyBytes;
    }

    /** Whether equal normalized keys mean equal rows in ORDER BY terms. */
    boolean complete() {
        return complete;
    }

    static NormalizedKeys encode(SortKey[] keys, int n, boolean simd) {
        int bytes = 0;
        int encoded = 0;
        boolean complete = true;
        for (SortKey key : keys) {
            bytes += (key.validity() != null ? 1 : 0) + key.type().normalizedBytes();
            encoded++;
            if (key.type() == SortKeyType.STRING) {
                complete = false;
                break;
            }
        }
        long[][] words = new long[(bytes + 7) >>> 3][n];
        long[] tmp = new long[n];
        int pos = 0;
        for (int k = 0; k < encoded; k++) {
            SortKey key = keys[k];
            MemorySegment validity = key.validity();
            if (validity != null) {
                flags(validity, key.nullsFirst(), n, tmp);
                place(simd, tmp, n, pos++, 1, words);
            }
            int size = key.type().normalizedBytes();
            if (key.type() == SortKeyType.DECIMAL128) {
                encodeDecimalHalf(simd, key, n, true, tmp, validity);
                place(simd, tmp, n, pos, 8, words);
                encodeDecimalHalf(simd, key, n, false, tmp, validity);
                place(simd, tmp, n, pos + 8, 8, words);
            } else {
                encodeValues(simd, key, n, tmp);
                clearNulls(validity, n, tmp);
                place(simd, tmp, n, pos, size, words);
            }
            pos += size;
        }
        return new NormalizedKeys(words, bytes, complete);
    }

    private static void encodeValues(boolean simd, SortKey key, int n, long[] out) {
        MemorySegment v = key.values();
        boolean desc = key.descending();
        if (simd) {
            switch (key.type()) {
                case SHORT -> KeyEncodeKernels.encodeShort(v, n, desc, out);
                case INT -> KeyEncodeKernels.encodeInt(v, n, desc, out);
                case LONG -> KeyEncodeKernels.encodeLong(v, n, desc, out);
                case FLOAT -> KeyEncodeKernels.encodeFloat(v, n, desc, out);
                case DOUBLE -> KeyEncodeKernels.encodeDouble(v, n, desc, out);
                case DECIMAL128 -> throw new IllegalStateException("decimals are encoded by halves");
                case STRING -> KeyEncodeKernels.encodeStringPrefix(key.offsets(), v, n, desc, out);
                case BOOLEAN -> KeyEncodeKernels.encodeBoolean(v, n, desc, out);
            }
        } else {
            switch (key.type()) {
                case SHORT -> KeyEncodeScalar.encodeShort(v, n, desc, out);
                case INT -> KeyEncodeScalar.encodeInt(v, n, desc, out);
                case LONG -> KeyEncodeScalar.encodeLong(v, n, desc, out);
                case FLOAT -> KeyEncodeScalar.encodeFloat(v, n, desc, out);
                case DOUBLE -> KeyEncodeScalar.encodeDouble(v, n, desc, out);
                case DECIMAL128 -> throw new IllegalStateException("decimals are encoded by halves");
                case STRING -> KeyEncodeScalar.encodeStringPrefix(key.offsets(), v, n, desc, out);
                case BOOLEAN -> KeyEncodeScalar.encodeBoolean(v, n, desc, out);
            }
        }
    }

    private static void encodeDecimalHalf(boolean simd, SortKey key, int n, boolean high, long[] out,
                                          MemorySegment validity) {
        if (high) {
            if (simd) {
                KeyEncodeKernels.encodeDecimalHigh(key.values(), n, key.descending(), out);
            } else {
                KeyEncodeScalar.encodeDecimalHigh(key.values(), n, key.descending(), out);
            }
        } else if (simd) {
            KeyEncodeKernels.encodeDecimalLow(key.values(), n, key.descending(), out);
        } else {
            KeyEncodeScalar.encodeDecimalLow(key.values(), n, key.descending(), out);
        }
        clearNulls(validity, n, out);
    }

    private static void place(boolean simd, long[] tmp, int n, int pos, int size, long[][] words) {
        if (simd) {
            KeyEncodeKernels.place(tmp, n, pos, size, words);
        } else {
            KeyEncodeScalar.place(tmp, n, pos, size, words);
        }
    }

    /** The null flag byte: the rows that go first get 0. */
    private static void flags(MemorySegment validity, boolean nullsFirst, int n, long[] out) {
        long valid = nullsFirst ? 1 : 0;
        for (int w = 0; w < Bitmaps.words(n); w++) {
            long bits = Bitmaps.validityWord(validity, w, n);
            int base = w << 6;
            int end = Math.min(base + 64, n);
            for (int i = base; i < end; i++) {
                out[i] = ((bits >>> (i - base)) & 1) != 0 ? valid : valid ^ 1;
            }
        }
    }

    /** Null rows get value bytes 0, so that all nulls of a key compare equal. */
    private static void clearNulls(MemorySegment validity, int n, long[] out) {
        if (validity == null) {
            return;
        }
        for (int w = 0; w < Bitmaps.words(n); w++) {
            long nulls = ~Bitmaps.validityWord(validity, w, n) & Bitmaps.tailMask(w, n);
            while (nulls != 0) {
                out[(w << 6) + Long.numberOfTrailingZeros(nulls)] = 0;
                nulls &= nulls - 1;
            }
        }
    }

    /** Unsigned comparison of the normalized keys of two rows. */
    int compare(int a, int b) {
        for (long[] word : words) {
            int c = Long.compareUnsigned(word[a], word[b]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
