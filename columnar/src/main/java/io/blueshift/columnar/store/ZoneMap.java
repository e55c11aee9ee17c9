package io.blueshift.columnar.store;

import io.blueshift.columnar.SqlType;
import org.apache.arrow.vector.FieldVector;

/**
 * What a filter may learn about a column chunk without reading it: its null count and, for
 * integer-like columns (integers, dates, times, timestamps, decimals up to 18 digits), the
 * smallest and largest non-null value in their stored form. {@code hasRange} is false when the
 * chunk has no non-null value or its type keeps no range.
 */
public record ZoneMap(long nullCount, boolean hasRange, long min, long max) {
    /** False when no value in the chunk can lie in [lo, hi] (stored forms). */
    public boolean mayOverlap(long lo, long hi) {
        return !hasRange || (max >= lo && min <= hi);
    }

    /**
     * False when no row of a chunk of this integer-like column can satisfy {@code lo <= value <= hi}:
     * the range misses [min, max], or every value is NULL.
     */
    public boolean mayMatch(long lo, long hi) {
        return hasRange && max >= lo && min <= hi && lo <= hi;
    }

    /** The zone map of the first {@code n} values of an integer-like column in memory. */
    public static ZoneMap of(FieldVector v, SqlType type, int n) {
        return ColumnCodec.zone(v, type, n);
    }
}
