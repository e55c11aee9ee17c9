package io.blueshift.kernels.sort;

import io.blueshift.kernels.Simd;

/**
 * ORDER BY for one batch: the stable permutation of its rows by one or more keys, each ASC or
 * DESC with NULLS FIRST or LAST. Keys are encoded into normalized key words
 * ({@link NormalizedKeys}); up to {@value #RADIX_MAX_BYTES} key bytes are sorted by LSD radix
 * sort, longer keys by a merge sort that compares words. When a string key makes the normalized
 * key a prefix only, rows whose normalized keys tie are ordered by full comparison of all keys.
 */
public final class Sorter {
    /** Above this many key bytes, radix passes cost more than comparing words in a merge sort. */
    static final int RADIX_MAX_BYTES = 16;

    private Sorter() {
    }

    /** The stable permutation of rows {@code 0..n-1}: position {@code i} holds the row that goes i-th. */
    public static int[] sort(SortKey[] keys, int n) {
        return sort(keys, n, Simd.ENABLED);
    }

    /** As {@link #sort(SortKey[], int)}, encoding keys with the SIMD kernels or their scalar twins. */
    public static int[] sort(SortKey[] keys, int n, boolean simd) {
        NormalizedKeys normalized = NormalizedKeys.encode(keys, n, simd);
        if (normalized.keyBytes() <= RADIX_MAX_BYTES) {
            int[] rows = RadixSort.sort(normalized.words(), normalized.keyBytes(), n);
            if (!normalized.complete()) {
                tieBreak(rows, normalized, new RowComparator(keys));
            }
            return rows;
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        MergeSort.sort(rows, 0, n, order(normalized, keys), new int[n]);
        return rows;
    }

    /**
     * Row {@code a} of {@code left} against row {@code b} of {@code right}, the same keys over two
     * batches (negative, zero or positive): how a merge of sorted runs picks its next row.
     */
    public static int compare(SortKey[] left, int a, SortKey[] right, int b) {
        return RowComparator.compare(left, a, right, b);
    }

    /** The order of normalized keys, completed by full comparison where they are only a prefix. */
    static RowOrder order(NormalizedKeys normalized, SortKey[] keys) {
        if (normalized.complete()) {
            return normalized::compare;
        }
        RowComparator full = new RowComparator(keys);
        return (a, b) -> {
            int c = normalized.compare(a, b);
            return c != 0 ? c : full.compare(a, b);
        };
    }

    /** Sorts each run of rows with equal normalized keys by full comparison (stably). */
    private static void tieBreak(int[] rows, NormalizedKeys normalized, RowComparator full) {
        int[] scratch = null;
        int n = rows.length;
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || normalized.compare(rows[start], rows[i]) != 0) {
                if (i - start > 1) {
                    if (scratch == null) {
                        scratch = new int[n];
                    }
                    MergeSort.sort(rows, start, i, full, scratch);
                }
                start = i;
            }
        }
    }
}
