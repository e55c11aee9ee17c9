package io.blueshift.kernels.hash;

/**
 * The physical types a hash key column can have. Hashing and the hash tables widen every value to
 * one or two 64-bit words (integers sign-extended, floats as normalized bits), so that they can
 * store and compare keys without a per-type layout.
 */
public enum KeyType {
    SHORT(2),
    INT(4),
    LONG(8),
    FLOAT(4),
    DOUBLE(8),
    /** 128-bit two's complement, low long then high long (DECIMAL with precision above 18). */
    DECIMAL128(16),
    /** Arrow VarChar: an int32 offsets buffer of n + 1 entries and a data buffer. */
    VARCHAR(-1);

    private final int byteWidth;

    KeyType(int byteWidth) {
        this.byteWidth = byteWidth;
    }

    /** Bytes per value in the column's data buffer, or -1 for variable-width strings. */
    public int byteWidth() {
        return byteWidth;
    }

    /** Whether the value is a whole number that fits a long (so SMALLINT 5 and BIGINT 5 hash alike). */
    public boolean isInteger() {
        return this == SHORT || this == INT || this == LONG;
    }
}
