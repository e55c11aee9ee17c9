package io.blueshift.kernels.compare;

import io.blueshift.kernels.Bitmaps;

/**
 * A predicate's result over a batch in SQL's three-valued logic: a bitmap of the TRUE rows and a
 * bitmap of the NULL (unknown) rows, which never overlap; every other row below {@link #size()}
 * is FALSE. Bits at or past the size are zero. It is allocated once per operator at the largest
 * batch size and reused, so evaluating a batch allocates nothing.
 */
public final class TriBitmap {
    private final long[] trueBits;
    private final long[] nullBits;
    private int size;

    public TriBitmap(int capacity) {
        trueBits = new long[Bitmaps.words(capacity)];
        nullBits = new long[Bitmaps.words(capacity)];
    }

    /** Sets the number of rows the next result covers (at most the capacity). */
    public void resize(int n) {
        if (n < 0 || Bitmaps.words(n) > trueBits.length) {
            throw new IllegalArgumentException("size " + n + " outside 0.." + (trueBits.length << 6));
        }
        size = n;
    }

    public int size() {
        return size;
    }

    /** The TRUE rows; words past {@code Bitmaps.words(size())} are not part of the result. */
    public long[] trueBits() {
        return trueBits;
    }

    /** The NULL rows, disjoint from the TRUE rows. */
    public long[] nullBits() {
        return nullBits;
    }

    public boolean isTrue(int row) {
        return Bitmaps.get(trueBits, row);
    }

    public boolean isNull(int row) {
        return Bitmaps.get(nullBits, row);
    }

    public boolean isFalse(int row) {
        return row < size && !isTrue(row) && !isNull(row);
    }
}
