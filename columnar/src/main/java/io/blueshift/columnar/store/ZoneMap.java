package io.blueshift.columnar.store;

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
}
