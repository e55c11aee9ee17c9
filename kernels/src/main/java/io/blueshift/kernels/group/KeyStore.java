package io.blueshift.kernels.group;

import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.OffHeapAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The distinct keys of a hash table, one entry per key id, column by column in off-heap memory:
 * 8 bytes per entry for numeric columns (the normalized {@link KeyColumn#keyBits}), 16 for
 * DECIMAL128 (low, high) and VARCHAR (offset into the store's own string area, length), plus one
 * NULL flag byte per entry and column. Strings are copied into the string area, so the store
 * never points into a batch that the engine may free.
 */
public final class KeyStore implements AutoCloseable {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private final KeyType[] types;
    private final OffHeapAllocator allocator;
    private final MemorySegment[] values;
    private MemorySegment nulls;
    /** Whether column c holds a NULL key in some entry: where none does, a row without NULLs skips both checks. */
    private final boolean[] nullsStored;
    private MemorySegment strings;
    private long stringBytes;
    private int capacity;
    private int size;
    /** The entry of the NULL key when the key has one column (-1: none yet), so that NULL checks read no flag. */
    private int nullId = -1;

    public KeyStore(KeyType[] types, OffHeapAllocator allocator, int initialCapacity) {
        this.types = types.clone();
        this.allocator = allocator;
        this.capacity = Math.max(16, initialCapacity);
        this.values = new MemorySegment[types.length];
        this.nullsStored = new boolean[types.length];
        try {
            for (int c = 0; c < types.length; c++) {
                values[c] = allocator.allocate((long) capacity * width(types[c]));
            }
            nulls = allocator.allocate((long) capacity * types.length);
            strings = hasStrings() ? allocator.allocate(1024) : null;
        } catch (RuntimeException e) {
            close(); // the allocator refused (a query over its memory limit): give back what was taken
            throw e;
        }
    }

    private static int width(KeyType type) {
        return type == KeyType.DECIMAL128 || type == KeyType.VARCHAR ? 16 : 8;
    }

    private boolean hasStrings() {
        for (KeyType type : types) {
            if (type == KeyType.VARCHAR) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return size;
    }

    public int columnCount() {
        return types.length;
    }

    public KeyType type(int column) {
        return types[column];
    }

    /** Copies the key of row {@code row} of {@code columns} as the next entry and returns its id. */
    public int append(KeyColumn[] columns, int row) {
        if (size == capacity) {
            grow();
        }
        int id = size++;
        for (int c = 0; c < types.length; c++) {
            KeyColumn column = columns[c];
            if (column.isNull(row)) {
                nulls.set(ValueLayout.JAVA_BYTE, (long) id * types.length + c, (byte) 1);
                nullsStored[c] = true;
                if (types.length == 1) {
                    nullId = id;
                }
                continue;
            }
            MemorySegment v = values[c];
            switch (types[c]) {
                case SHORT, INT, LONG, FLOAT, DOUBLE -> v.setAtIndex(LONG, id, column.keyBits(row));
                case DECIMAL128 -> {
                    v.set(LONG, (long) id << 4, column.keyBits(row));
                    v.set(LONG, ((long) id << 4) + 8, column.highBits(row));
                }
                case VARCHAR -> {
                    int length = column.stringLength(row);
                    long offset = copyString(column.data(), column.stringStart(row), length);
                    v.set(LONG, (long) id << 4, offset);
                    v.set(LONG, ((long) id << 4) + 8, length);
                }
            }
        }
        return id;
    }

    private long copyString(MemorySegment data, long start, int length) {
        if (stringBytes + length > strings.byteSize()) {
            long bigger = Math.max(strings.byteSize() * 2, stringBytes + length);
            MemorySegment grown = allocator.allocate(bigger);
            MemorySegment.copy(strings, 0, grown, 0, stringBytes);
            allocator.release(strings);
            strings = grown;
        }
        long offset = stringBytes;
        MemorySegment.copy(data, start, strings, offset, length);
        stringBytes += length;
        return offset;
    }

    private void grow() {
        int bigger = capacity * 2;
        for (int c = 0; c < types.length; c++) {
            values[c] = regrow(values[c], (long) capacity * width(types[c]), (long) bigger * width(types[c]));
        }
        nulls = regrow(nulls, (long) capacity * types.length, (long) bigger * types.length);
        capacity = bigger;
    }

    private MemorySegment regrow(MemorySegment old, long used, long bytes) {
        MemorySegment grown = allocator.allocate(bytes);
        MemorySegment.copy(old, 0, grown, 0, used);
        allocator.release(old);
        return grown;
    }

    /** Whether entry {@code id} holds the key of row {@code row} (NULL equal to NULL, as GROUP BY wants). */
    public boolean equalsRow(int id, KeyColumn[] columns, int row) {
        for (int c = 0; c < types.length; c++) {
            KeyColumn column = columns[c];
            if (column.validity() != null || nullsStored[c]) {
                boolean rowNull = column.isNull(row);
                if (rowNull != isNull(c, id)) {
                    return false;
                }
                if (rowNull) {
                    continue;
                }
            }
            MemorySegment v = values[c];
            boolean same = switch (types[c]) {
                case SHORT, INT, LONG, FLOAT, DOUBLE -> v.getAtIndex(LONG, id) == column.keyBits(row);
                case DECIMAL128 -> v.get(LONG, (long) id << 4) == column.keyBits(row)
                        && v.get(LONG, ((long) id << 4) + 8) == column.highBits(row);
                case VARCHAR -> sameString(v, id, column, row);
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** The entry of the NULL key of a one-column key, or -1. */
    public int nullId() {
        return nullId;
    }

    private boolean sameString(MemorySegment v, int id, KeyColumn column, int row) {
        long length = v.get(LONG, ((long) id << 4) + 8);
        if (length != column.stringLength(row)) {
            return false;
        }
        long offset = v.get(LONG, (long) id << 4);
        long start = column.stringStart(row);
        MemorySegment data = column.data();
        if (length <= 8 && offset + 8 <= strings.byteSize() && start + 8 <= data.byteSize()) {
            // a flag or a code: one masked word each, where a bulk compare costs more to set up
            long mask = -1L >>> ((8 - length) << 3) & -(length == 0 ? 0L : 1L);
            return ((strings.get(LONG, offset) ^ data.get(LONG, start)) & mask) == 0;
        }
        return MemorySegment.mismatch(strings, offset, offset + length, data, start, start + length) < 0;
    }

    /** Whether column {@code column} of entry {@code id} is NULL. */
    public boolean isNull(int column, int id) {
        return nulls.get(ValueLayout.JAVA_BYTE, (long) id * types.length + column) != 0;
    }

    /** The normalized key bits of a numeric column (the low word of a DECIMAL128). */
    public long keyBits(int column, int id) {
        return types[column] == KeyType.DECIMAL128 || types[column] == KeyType.VARCHAR
                ? values[column].get(LONG, (long) id << 4)
                : values[column].getAtIndex(LONG, id);
    }

    /** The high word of a DECIMAL128 column. */
    public long highBits(int column, int id) {
        return values[column].get(LONG, ((long) id << 4) + 8);
    }

    /** The bytes of a VARCHAR column of entry {@code id}, as a view valid until the store changes. */
    public MemorySegment string(int column, int id) {
        long offset = values[column].get(LONG, (long) id << 4);
        long length = values[column].get(LONG, ((long) id << 4) + 8);
        return strings.asSlice(offset, length);
    }

    @Override
    public void close() {
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                allocator.release(values[c]);
                values[c] = null;
            }
        }
        if (nulls != null) {
            allocator.release(nulls);
            nulls = null;
        }
        if (strings != null) {
            allocator.release(strings);
            strings = null;
        }
    }
}
