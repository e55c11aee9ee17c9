package io.blueshift.executor.agg;

/**
 * How many rows of the current batch went to each group, counted once for all the aggregates of
 * a GROUP BY that count rows without NULLs: COUNT(*), and the COUNT, SUM, AVG, MIN and MAX of a
 * column without NULLs in the batch (each keeps a count, to know a group with no value). TPC-H
 * Q1's eight aggregates counted every row eight times, a dependent increment each when the
 * groups are few; now once, and each aggregate adds the batch's count per group it touched.
 */
final class BatchGroupCounts {
    private int[] ids;
    private int n;
    private int groups;
    private boolean counted;
    private long[] perGroup = new long[0];
    private int[] touched = new int[0];
    private int touchedCount;
    /** The aggregates that take their counts from here. */
    private int sharers;

    /** Another aggregate takes its counts from here. */
    void share() {
        sharers++;
    }

    /** The batch whose rows went to groups {@code ids[0..n)}, of {@code groups} groups so far. */
    void reset(int[] ids, int n, int groups) {
        this.ids = ids;
        this.n = n;
        this.groups = groups;
        this.counted = false;
    }

    /** Adds each group's count of rows in the batch to {@code counts}. */
    void addTo(long[] counts) {
        if (groups > n || sharers < 2) {
            // more groups than rows: most get a row or none, and a count per row costs no more;
            // nor does it for one aggregate alone (a pass over the rows either way)
            for (int i = 0; i < n; i++) {
                counts[ids[i]]++;
            }
            return;
        }
        if (!counted) {
            count();
        }
        for (int t = 0; t < touchedCount; t++) {
            int g = touched[t];
            counts[g] += perGroup[g];
        }
    }

    private void count() {
        if (perGroup.length < groups) {
            perGroup = new long[Math.max(groups, 2 * perGroup.length)];
            touched = new int[perGroup.length];
        } else {
            for (int t = 0; t < touchedCount; t++) {
                perGroup[touched[t]] = 0;
            }
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            int g = ids[i];
            if (perGroup[g]++ == 0) {
                touched[count++] = g;
            }
        }
        touchedCount = count;
        counted = true;
    }
}
