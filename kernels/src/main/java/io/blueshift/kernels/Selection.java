package io.blueshift.kernels;

import java.util.Arrays;

/**
 * Which rows of a batch are live: either a contiguous range or an ascending list of positions
 * (Trino's {@code SelectedPositions}). Filters produce selections instead of copying rows.
 */
public final class Selection {
    private final boolean range;
    private final int start;
    private final int count;
    private final int[] positions;

    private Selection(boolean range, int start, int count, int[] positions) {
        this.range = range;
        this.start = start;
        this.count = count;
        this.positions = positions;
    }

    /** Rows {@code start, start + 1, ..., start + count - 1}. */
    public static Selection range(int start, int count) {
        if (start < 0 || count < 0) {
            throw new IllegalArgumentException("negative range " + start + "+" + count);
        }
        return new Selection(true, start, count, null);
    }

    /**
     * The first {@code count} entries of {@code positions}, which must ascend strictly. The array
     * is taken, not copied: the caller must not change it afterwards.
     */
    public static Selection positions(int[] positions, int count) {
        if (count < 0 || count > positions.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + positions.length);
        }
        assert isStrictlyAscending(positions, count) : "selection positions must ascend";
        return new Selection(false, 0, count, positions);
    }

    public boolean isRange() {
        return range;
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The first row of a range selection. */
    public int start() {
        if (!range) {
            throw new IllegalStateException("not a range selection");
        }
        return start;
    }

    /** The positions array of a list selection; only its first {@link #count()} entries count. */
    public int[] positions() {
        if (range) {
            throw new IllegalStateException("not a position selection");
        }
        return positions;
    }

    /** The row of the {@code i}-th selected entry. */
    public int get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return range ? start + i : positions[i];
    }

    /** The selected rows as a fresh array. */
    public int[] toArray() {
        if (!range) {
            return Arrays.copyOf(positions, count);
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = start + i;
        }
        return out;
    }

    private static boolean isStrictlyAscending(int[] positions, int count) {
        for (int i = 1; i < count; i++) {
            if (positions[i] <= positions[i - 1]) {
                return false;
            }
        }
        return count == 0 || positions[0] >= 0;
    }

    @Override
    public String toString() {
        return range
                ? "Selection[" + start + ".." + (start + count) + ")"
                : "Selection" + Arrays.toString(Arrays.copyOf(positions, Math.min(count, 16)))
                        + (count > 16 ? "... (" + count + ")" : "");
    }
}
