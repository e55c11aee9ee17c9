package io.blueshift.sql.files.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A range on one column that lets a scan skip row groups whose min/max statistics miss it: rows
 * outside it may still come back (the filter only skips whole row groups), but no row group
 * holding a row inside it is skipped. A row group whose column is all NULL is skipped too, since
 * NULL lies in no range.
 *
 * <p>Bounds are inclusive and in the column's stored form, as in Blueshift's vectors: integers;
 * days for DATE; microseconds for TIME, TIMESTAMP and TIMESTAMPTZ; the unscaled value for
 * DECIMAL up to 18 digits. REAL and DOUBLE take double bounds, strings take strings (compared as
 * UTF-8 bytes, as Parquet orders them).
 *
 * @param column the column's index in the file's schema
 */
public record ZoneFilter(int column, Kind kind, long longLow, long longHigh, double doubleLow, double doubleHigh,
        byte[] stringLow, byte[] stringHigh) {
    /** Which pair of bounds applies. */
    public enum Kind {
        LONG,
        DOUBLE,
        STRING
    }

    /** {@code low <= column <= high} on an integer-like column's stored form. */
    public static ZoneFilter longRange(int column, long low, long high) {
        return new ZoneFilter(column, Kind.LONG, low, high, 0, 0, null, null);
    }

    /** {@code low <= column <= high} on a REAL or DOUBLE column. */
    public static ZoneFilter doubleRange(int column, double low, double high) {
        return new ZoneFilter(column, Kind.DOUBLE, 0, 0, low, high, null, null);
    }

    /** {@code low <= column <= high} on a string column; a null bound is open. */
    public static ZoneFilter stringRange(int column, String low, String high) {
        return new ZoneFilter(column, Kind.STRING, 0, 0, 0, 0,
                low == null ? null : low.getBytes(StandardCharsets.UTF_8),
                high == null ? null : high.getBytes(StandardCharsets.UTF_8));
    }

    /** False when no value in [min, max] lies in this long range. */
    boolean mayMatch(long min, long max) {
        return max >= longLow && min <= longHigh;
    }

    /** False when no value in [min, max] lies in this double range (NaN bounds match anything). */
    boolean mayMatch(double min, double max) {
        return !(max < doubleLow) && !(min > doubleHigh);
    }

    /** False when no string in [min, max] (UTF-8 bytes) lies in this range. */
    boolean mayMatch(byte[] min, byte[] max) {
        return (stringLow == null || compare(max, stringLow) >= 0)
                && (stringHigh == null || compare(min, stringHigh) <= 0);
    }

    /** Unsigned byte-wise order, which is UTF-8's code point order and Parquet's order for strings. */
    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
