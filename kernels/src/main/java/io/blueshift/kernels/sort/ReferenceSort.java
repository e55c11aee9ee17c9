package io.blueshift.kernels.sort;

import java.util.Arrays;

/**
 * The plainest correct sort: boxed row positions through the JDK's stable sort with the
 * value-by-value {@link RowComparator}. Tests and benchmarks compare {@link Sorter} against it.
 */
public final class ReferenceSort {
    private ReferenceSort() {
    }

    /** The stable permutation of rows {@code 0..n-1} in ORDER BY {@code keys} order. */
    public static int[] sort(SortKey[] keys, int n) {
        Integer[] rows = new Integer[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        RowComparator comparator = new RowComparator(keys);
        Arrays.sort(rows, comparator::compare);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = rows[i];
        }
        return out;
    }
}
