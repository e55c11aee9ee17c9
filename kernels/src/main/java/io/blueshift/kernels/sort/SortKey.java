package io.blueshift.kernels.sort;

import java.lang.foreign.MemorySegment;

/**
 * One ORDER BY key over a batch: the column's memory, its direction and where its nulls go.
 * For fixed-width types {@code values} is the Arrow data buffer and {@code offsets} is null; for
 * STRING {@code values} is the data buffer and {@code offsets} the int32 offsets; for BOOLEAN
 * {@code values} is the bit-packed buffer. {@code validity} is the Arrow validity buffer or null
 * when the column has no nulls.
 */
public record SortKey(SortKeyType type, MemorySegment values, MemorySegment offsets, MemorySegment validity,
                      boolean descending, boolean nullsFirst) {

    /** Ascending, NULLS LAST (the Postgres default for ASC). */
    public static SortKey asc(SortKeyType type, MemorySegment values, MemorySegment validity) {
        return new SortKey(type, values, null, validity, false, false);
    }

    /** Descending, NULLS FIRST (the Postgres default for DESC). */
    public static SortKey desc(SortKeyType type, MemorySegment values, MemorySegment validity) {
        return new SortKey(type, values, null, validity, true, true);
    }

    /** A string key with the Postgres default null placement for its direction. */
    public static SortKey string(MemorySegment offsets, MemorySegment data, MemorySegment validity, boolean descending) {
        return new SortKey(SortKeyType.STRING, data, offsets, validity, descending, descending);
    }

    /** This key with NULLS FIRST ({@code true}) or NULLS LAST. */
    public SortKey withNullsFirst(boolean first) {
        return new SortKey(type, values, offsets, validity, descending, first);
    }
}
