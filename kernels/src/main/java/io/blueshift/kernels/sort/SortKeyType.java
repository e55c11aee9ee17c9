package io.blueshift.kernels.sort;

/** The physical types a sort key can have, with the bytes their normalized form takes. */
public enum SortKeyType {
    SHORT(2), INT(4), LONG(8), FLOAT(4), DOUBLE(8),
    /** 128-bit two's complement, little-endian: low long then high long (DECIMAL with p > 18). */
    DECIMAL128(16),
    /** Arrow VarChar; its normalized form is a prefix of 8 bytes, ties broken by full comparison. */
    STRING(8),
    /** Arrow bit-packed booleans; false sorts before true. */
    BOOLEAN(1);

    private final int normalizedBytes;

    SortKeyType(int normalizedBytes) {
        this.normalizedBytes = normalizedBytes;
    }

    /** The bytes of the value part of the normalized key (without the null flag byte). */
    public int normalizedBytes() {
        return normalizedBytes;
    }
}
