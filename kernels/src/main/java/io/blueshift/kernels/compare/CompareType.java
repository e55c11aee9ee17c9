package io.blueshift.kernels.compare;

/**
 * The physical value types the comparison kernels read. SQL types map onto them as the kernel
 * conventions say: SMALLINT = SHORT; INTEGER and DATE = INT; BIGINT, TIME, TIMESTAMP and
 * DECIMAL(p <= 18) = LONG; REAL = FLOAT; DOUBLE PRECISION = DOUBLE; DECIMAL(p > 18) = DECIMAL128
 * (16-byte two's complement, low long first).
 *
 * <p>FLOAT and DOUBLE compare as Postgres does, which is a total order: NaN equals NaN and sorts
 * above every other value (+Infinity included), and -0.0 equals 0.0. The kernels get there by
 * mapping each value to an integer key with the same order (see {@link FloatKeys}).
 */
public enum CompareType {
    SHORT(2), INT(4), LONG(8), FLOAT(4), DOUBLE(8), DECIMAL128(16);

    private final int byteWidth;

    CompareType(int byteWidth) {
        this.byteWidth = byteWidth;
    }

    /** Bytes per value in the column's data buffer. */
    public int byteWidth() {
        return byteWidth;
    }
}
