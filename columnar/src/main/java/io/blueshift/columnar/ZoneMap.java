package io.blueshift.columnar;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
        int nulls = v.getNullCount();
        PhysicalType p = type.physical();
        if (p != PhysicalType.SHORT && p != PhysicalType.INT && p != PhysicalType.LONG) {
            return new ZoneMap(nulls, false, 0, 0);
        }
        MemorySegment validity = nulls == 0 ? null : QueryMemory.segment(v.getValidityBuffer());
        return of(QueryMemory.segment(v.getDataBuffer()), validity, p.byteWidth(), n, nulls);
    }

    /**
     * The zone map of the first {@code n} values of {@code width}-byte integers in {@code data}
     * ({@code validity}: the Arrow validity bitmap, null when no value is NULL).
     */
    public static ZoneMap of(MemorySegment data, MemorySegment validity, int width, int n, int nulls) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (Bitmaps.isValid(validity, i)) {
                long x = switch (width) {
                    case 2 -> data.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
                    case 4 -> data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
                    default -> data.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
                };
                min = Math.min(min, x);
                max = Math.max(max, x);
                any = true;
            }
        }
        return any ? new ZoneMap(nulls, true, min, max) : new ZoneMap(nulls, false, 0, 0);
    }
}
