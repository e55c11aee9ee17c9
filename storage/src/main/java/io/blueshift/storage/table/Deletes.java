package io.blueshift.storage.table;

import io.blueshift.kernels.Bitmaps;
import java.util.Arrays;

/**
 * The deleted rows of one table chunk: a bitmap over its rows (a deletion vector). Immutable: a
 * DELETE or UPDATE publishes a new one, so a scan keeps the one of the version it started with
 * and the chunk's data is never rewritten.
 */
public final class Deletes {
    private final long[] words;
    private final int rows;
    private final int count;

    private Deletes(long[] words, int rows) {
        this.words = words;
        this.rows = rows;
        int c = 0;
        for (long w : words) {
            c += Long.bitCount(w);
        }
        this.count = c;
    }

    /** The rows at {@code positions} (any order, repeats allowed) of a chunk of {@code rows} rows. */
    public static Deletes of(int rows, int[] positions, int n) {
        long[] words = new long[(rows + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            int p = positions[i];
            if (p < 0 || p >= rows) {
                throw new IllegalArgumentException("row " + p + " outside a chunk of " + rows);
            }
            Bitmaps.set(words, p);
        }
        return new Deletes(words, rows);
    }

    /** A bitmap as stored (words of 64 rows, row 0 in bit 0 of word 0). */
    public static Deletes ofWords(int rows, long[] words) {
        if (words.length != (rows + 63) >>> 6) {
            throw new IllegalArgumentException(words.length + " words for " + rows + " rows");
        }
        return new Deletes(words.clone(), rows);
    }

    public long[] words() {
        return words.clone();
    }

    public int rows() {
        return rows;
    }

    /** How many rows are deleted. */
    public int count() {
        return count;
    }

    public boolean isDeleted(int row) {
        return Bitmaps.get(words, row);
    }

    /** The rows deleted here or in {@code other} (null: none). */
    public Deletes union(Deletes other) {
        if (other == null) {
            return this;
        }
        long[] w = words.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] |= other.words[i];
        }
        return new Deletes(w, rows);
    }

    /** The rows not deleted, in order. */
    public int[] live() {
        int[] out = new int[rows - count];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (!isDeleted(r)) {
                out[n++] = r;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deletes d && d.rows == rows && Arrays.equals(d.words, words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words) * 31 + rows;
    }
}
