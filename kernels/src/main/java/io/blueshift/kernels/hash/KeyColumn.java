package io.blueshift.kernels.hash;

import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * One key column of a batch, as views of its Arrow buffers: {@code data} holds the values (for
 * {@link KeyType#VARCHAR} the string bytes), {@code offsets} the n + 1 int32 string offsets (null
 * for fixed-width types) and {@code validity} the Arrow validity bitmap (null when no row is NULL).
 */
public record KeyColumn(KeyType type, MemorySegment data, MemorySegment offsets, MemorySegment validity) {
    public KeyColumn {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if ((type == KeyType.VARCHAR) != (offsets != null)) {
            throw new IllegalArgumentException("offsets are required for VARCHAR and only for it");
        }
    }

    /** A fixed-width column. */
    public static KeyColumn of(KeyType type, MemorySegment data, MemorySegment validity) {
        return new KeyColumn(type, data, null, validity);
    }

    /** A VARCHAR column. */
    public static KeyColumn varchar(MemorySegment offsets, MemorySegment data, MemorySegment validity) {
        return new KeyColumn(KeyType.VARCHAR, data, offsets, validity);
    }

    /** Whether row {@code row} is NULL. */
    public boolean isNull(int row) {
        return !Bitmaps.isValid(validity, row);
    }

    /**
     * The first 64-bit word a table stores and compares for row {@code row}: integers sign-extended,
     * floats as {@link HashMix#floatKeyBits} / {@link HashMix#doubleKeyBits}, the low word of a
     * DECIMAL128. Not meaningful for VARCHAR.
     */
    public long keyBits(int row) {
        return switch (type) {
            case SHORT -> data.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, row);
            case INT -> data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, row);
            case LONG -> data.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, row);
            case FLOAT -> HashMix.floatKeyBits(data.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, row));
            case DOUBLE -> HashMix.doubleKeyBits(data.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, row));
            case DECIMAL128 -> data.get(ValueLayout.JAVA_LONG_UNALIGNED, (long) row << 4);
            case VARCHAR -> throw new IllegalStateException("VARCHAR has no fixed key bits");
        };
    }

    /** {@link #keyBits(int)} of rows {@code 0..n-1} into {@code out} (NULL rows: whatever their slot holds). */
    public void keyBits(int n, long[] out) {
        switch (type) {
            case SHORT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
                }
            }
            case INT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
                }
            }
            case LONG -> MemorySegment.copy(data, ValueLayout.JAVA_LONG_UNALIGNED, 0, out, 0, n);
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = keyBits(i);
                }
            }
        }
    }

    /** The high word of a DECIMAL128 row. */
    public long highBits(int row) {
        return data.get(ValueLayout.JAVA_LONG_UNALIGNED, ((long) row << 4) + 8);
    }

    /** Where string row {@code row} starts in {@link #data()}. */
    public int stringStart(int row) {
        return offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, row);
    }

    /** The byte length of string row {@code row}. */
    public int stringLength(int row) {
        return offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, row + 1) - stringStart(row);
    }

    /** The hash of row {@code row} alone, as the kernels compute it (NULL included). */
    public long hashRow(int row) {
        if (isNull(row)) {
            return HashMix.NULL_HASH;
        }
        return switch (type) {
            case SHORT, INT, LONG, FLOAT, DOUBLE -> HashMix.hashLong(keyBits(row));
            case DECIMAL128 -> HashMix.hashDecimal128(keyBits(row), highBits(row));
            case VARCHAR -> HashMix.hashBytes(data, stringStart(row), stringLength(row));
        };
    }

    /** The hash of row {@code row} of a key of several columns, as {@link HashExecutor} computes it. */
    public static long hashRow(KeyColumn[] columns, int row) {
        long h = columns[0].hashRow(row);
        for (int c = 1; c < columns.length; c++) {
            h = HashMix.combine(h, columns[c].hashRow(row));
        }
        return h;
    }
}
