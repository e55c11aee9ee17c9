package io.blueshift.kernels.sort;

/** A total order over the rows of a batch, given by row position. */
@FunctionalInterface
interface RowOrder {
    int compare(int rowA, int rowB);
}
