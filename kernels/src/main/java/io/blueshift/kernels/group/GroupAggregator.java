package io.blueshift.kernels.group;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.Selection;
import io.blueshift.kernels.Simd;
import java.lang.foreign.MemorySegment;

/**
 * Executor of the grouped aggregation kernels: turns a batch's selection and a value column's
 * validity into the rows to aggregate once (all rows when nothing is filtered and nothing is NULL,
 * else a position list; NULL values are skipped, as SQL aggregates do) and calls the SIMD kernels
 * or their scalar twins by {@link Simd#ENABLED}. One instance per thread (it reuses its buffer).
 */
public final class GroupAggregator {
    private final boolean simd;
    private int[] positions = new int[0];
    private int count;

    public GroupAggregator() {
        this(Simd.ENABLED);
    }

    public GroupAggregator(boolean simd) {
        this.simd = simd;
    }

    /**
     * Chooses the rows of an {@code n}-row batch to aggregate: those of {@code selection} (null:
     * all) whose value is not NULL. Returns the position list, or null for rows {@code 0..count-1}.
     */
    private int[] rows(Selection selection, MemorySegment validity, int n) {
        boolean all = selection == null || (selection.isRange() && selection.start() == 0 && selection.count() == n);
        if (all && validity == null) {
            count = n;
            return null;
        }
        if (positions.length < n) {
            positions = new int[n];
        }
        count = 0;
        if (all) {
            int words = Bitmaps.words(n);
            for (int w = 0; w < words; w++) {
                long bits = Bitmaps.validityWord(validity, w, n);
                while (bits != 0) {
                    positions[count++] = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                }
            }
            return count == n ? null : positions;
        }
        for (int i = 0; i < selection.count(); i++) {
            int r = selection.get(i);
            if (Bitmaps.isValid(validity, r)) {
                positions[count++] = r;
            }
        }
        return positions;
    }

    /** SUM of a BIGINT column into 128-bit sums (see {@link GroupStates}); {@code groups} = group count. */
    public void sumLong(int[] groupIds, MemorySegment values, MemorySegment validity, Selection selection, int n,
            long[] sums, int groups) {
        int[] p = rows(selection, validity, n);
        if (simd) {
            GroupAggKernels.sumLong(groupIds, values, p, count, sums, groups);
        } else {
            GroupAggScalar.sumLong(groupIds, values, p, count, sums);
        }
    }

    public void sumDouble(int[] groupIds, MemorySegment values, MemorySegment validity, Selection selection, int n,
            double[] sums, int groups) {
        int[] p = rows(selection, validity, n);
        if (simd) {
            GroupAggKernels.sumDouble(groupIds, values, p, count, sums, groups);
        } else {
            GroupAggScalar.sumDouble(groupIds, values, p, count, sums);
        }
    }

    /** COUNT(column) with the column's validity, or COUNT(*) with a null validity. */
    public void count(int[] groupIds, MemorySegment validity, Selection selection, int n, long[] counts) {
        int[] p = rows(selection, validity, n);
        GroupAggScalar.count(groupIds, p, count, counts);
    }

    public void minLong(int[] groupIds, MemorySegment values, MemorySegment validity, Selection selection, int n,
            long[] mins) {
        GroupAggScalar.minLong(groupIds, values, rows(selection, validity, n), count, mins);
    }

    public void maxLong(int[] groupIds, MemorySegment values, MemorySegment validity, Selection selection, int n,
            long[] maxes) {
        GroupAggScalar.maxLong(groupIds, values, rows(selection, validity, n), count, maxes);
    }

    public void minDouble(int[] groupIds, MemorySegment values, MemorySegment validity, Selection selection, int n,
            double[] mins) {
        GroupAggScalar.minDouble(groupIds, values, rows(selection, validity, n), count, mins);
    }

    public void maxDouble(int[] groupIds, MemorySegment values, MemorySegment validity, Selection selection, int n,
            double[] maxes) {
        GroupAggScalar.maxDouble(groupIds, values, rows(selection, validity, n), count, maxes);
    }
}
