package io.blueshift.kernels.sort;

import io.blueshift.kernels.Simd;

/**
 * ORDER BY ... LIMIT k without sorting everything: a max-heap of the k best rows so far, ordered
 * by normalized keys (then full comparison where those are a prefix, then row position, so the
 * result equals the first k rows of the stable {@link Sorter} order). Each row costs one
 * comparison with the heap's worst entry unless it gets in.
 */
public final class TopN {
    private TopN() {
    }

    /** The first {@code min(k, n)} rows of the stable ORDER BY order, in order. */
    public static int[] topN(SortKey[] keys, int n, int k) {
        return topN(keys, n, k, Simd.ENABLED);
    }

    public static int[] topN(SortKey[] keys, int n, int k, boolean simd) {
        int size = Math.max(0, Math.min(k, n));
        if (size == 0) {
            return new int[0];
        }
        NormalizedKeys normalized = NormalizedKeys.encode(keys, n, simd);
        RowOrder keyOrder = Sorter.order(normalized, keys);
        RowOrder order = (a, b) -> {
            int c = keyOrder.compare(a, b);
            return c != 0 ? c : Integer.compare(a, b);
        };
        int[] heap = new int[size];
        int count = 0;
        for (int row = 0; row < n; row++) {
            if (count < size) {
                heap[count] = row;
                siftUp(heap, count++, order);
            } else if (order.compare(row, heap[0]) < 0) {
                heap[0] = row;
                siftDown(heap, size, order);
            }
        }
        MergeSort.sort(heap, 0, size, order, new int[size]);
        return heap;
    }

    private static void siftUp(int[] heap, int i, RowOrder order) {
        int x = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (order.compare(heap[parent], x) >= 0) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = x;
    }

    private static void siftDown(int[] heap, int size, RowOrder order) {
        int x = heap[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && order.compare(heap[child + 1], heap[child]) > 0) {
                child++;
            }
            if (order.compare(heap[child], x) <= 0) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = x;
    }
}
