package io.blueshift.kernels.sort;

/**
 * A stable merge sort of row positions by a {@link RowOrder}, with insertion sort below 16
 * elements and a skipped merge when the halves are already in order (runs of sorted input cost
 * one comparison per level).
 */
final class MergeSort {
    private static final int INSERTION_LIMIT = 16;

    private MergeSort() {
    }

    /** Sorts {@code rows[from, to)}; {@code scratch} must be at least as long as {@code rows}. */
    static void sort(int[] rows, int from, int to, RowOrder order, int[] scratch) {
        if (to - from <= INSERTION_LIMIT) {
            for (int i = from + 1; i < to; i++) {
                int x = rows[i];
                int j = i - 1;
                while (j >= from && order.compare(rows[j], x) > 0) {
                    rows[j + 1] = rows[j];
                    j--;
                }
                rows[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(rows, from, mid, order, scratch);
        sort(rows, mid, to, order, scratch);
        if (order.compare(rows[mid - 1], rows[mid]) <= 0) {
            return;
        }
        System.arraycopy(rows, from, scratch, from, mid - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            rows[k++] = order.compare(rows[j], scratch[i]) < 0 ? rows[j++] : scratch[i++];
        }
        while (i < mid) {
            rows[k++] = scratch[i++];
        }
    }
}
