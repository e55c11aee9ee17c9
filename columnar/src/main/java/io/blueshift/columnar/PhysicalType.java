package io.blueshift.columnar;

/**
 * How values of a SQL type lie in memory, which is what kernels are specialized on. Several SQL
 * types share one physical type: DATE is an INT of days, TIME and TIMESTAMP are LONGs of
 * microseconds, and DECIMAL with precision up to 18 is a LONG holding the value times 10^scale.
 */
public enum PhysicalType {
    /** Arrow bit-packed booleans. */
    BIT(0),
    SHORT(2),
    INT(4),
    LONG(8),
    FLOAT(4),
    DOUBLE(8),
    /** 16-byte two's complement, low 64 bits first (Arrow's DecimalVector). */
    DECIMAL128(16),
    /** Arrow VarChar: int32 offsets and UTF-8 bytes. */
    VARCHAR(-1),
    /** Arrow IntervalMonthDayNano: int32 months, int32 days, int64 nanoseconds. */
    INTERVAL(16);

    private final int byteWidth;

    PhysicalType(int byteWidth) {
        this.byteWidth = byteWidth;
    }

    /** Bytes per value for fixed-width types; 0 for bits and -1 for variable width. */
    public int byteWidth() {
        return byteWidth;
    }
}
