package io.blueshift.storage.format;

/**
 * How a column chunk's values are laid out on disk. Each chunk records its own; AUTO (no
 * preference) tries the ones that apply to the chunk's type and keeps the smallest.
 */
public enum Encoding {
    /** The values as they lie in memory (Arrow's layout). */
    PLAIN,
    /** Integers as offsets from the chunk's minimum, bit-packed at the width of the largest. */
    FOR,
    /** Integers as the first value and frame-of-reference differences to the previous one. */
    DELTA,
    /** Integers as runs of equal values: run values and run lengths, both bit-packed. */
    RLE,
    /** Distinct values once, rows as bit-packed indexes into them (strings, doubles). */
    DICT;

    private static final Encoding[] VALUES = values();

    static Encoding of(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new IllegalArgumentException("unknown encoding " + ordinal);
        }
        return VALUES[ordinal];
    }
}
