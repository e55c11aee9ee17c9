package io.blueshift.kernels.group;

import io.blueshift.kernels.hash.HashMix;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Group ids for a key of a few short strings (flags and codes: TPC-H Q1's {@code l_returnflag,
 * l_linestatus}) without hashing or comparing the strings: each row's key packs into one 64-bit
 * word, per column a length byte (0xFF for NULL) and the string's bytes, {@code 8 / columns - 1}
 * of them at most. A small table maps each packed key to the id the hash table gave the first row
 * that had it. A batch holding a longer string, or a key with more than {@link #MAX_GROUPS}
 * groups, gives packing up for good (the hashed path serves it and every later batch), as
 * {@link DirectIds} gives up a wide range.
 */
final class PackedIds {
    /** The most groups packed keys map; more and the hashed path serves every later batch. */
    static final int MAX_GROUPS = 1024;

    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int SLOTS = MAX_GROUPS * 2;
    private static final int SHIFT = 64 - Integer.numberOfTrailingZeros(SLOTS);

    private final int width;
    private final long[] keys = new long[SLOTS];
    private final int[] ids = new int[SLOTS];
    private int size;
    private boolean givenUp;
    /**
     * For a key of one or two columns whose strings in a batch are all one byte long and never
     * NULL (TPC-H Q1's flags): the group id by the key's bytes, {@code b0 | b1 << 8} (-1: not seen).
     */
    private int[] byteIds;

    private PackedIds(int columns) {
        this.width = 8 / columns;
        Arrays.fill(ids, -1);
    }

    /** Packing for a key of these column types, or null where it does not apply (not all strings, or more than four). */
    static PackedIds of(KeyType[] types) {
        if (types.length > 4) {
            return null;
        }
        for (KeyType t : types) {
            if (t != KeyType.VARCHAR) {
                return null;
            }
        }
        return new PackedIds(types.length);
    }

    boolean givenUp() {
        return givenUp;
    }

    /**
     * Writes the group id of each of {@code n} rows into {@code out}, asking {@code insert} for the
     * id of a row whose key it has not seen (the hash table's id, added there if new); false, with
     * nothing asked and packing given up, when a string of the batch is too long to pack.
     */
    boolean ids(KeyColumn[] columns, int n, int[] out, IntUnaryOperator insert) {
        int longest = width - 1;
        boolean singleBytes = columns.length <= 2;
        for (KeyColumn c : columns) {
            MemorySegment offsets = c.offsets();
            int start = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 0);
            int over = 0;
            int notOne = 0;
            for (int i = 0; i < n; i++) {
                int end = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i + 1);
                over |= longest - (end - start); // negative once a string is longer (NULLs have length 0)
                notOne |= (end - start) ^ 1;
                start = end;
            }
            if (over < 0) {
                givenUp = true; // strings that ran long once will again: no later batch scans for them
                return false;
            }
            singleBytes &= notOne == 0 && c.validity() == null;
        }
        if (singleBytes) {
            singleByteIds(columns, n, out, insert);
            return true;
        }
        long previousKey = 0;
        int previousId = -1;
        for (int i = 0; i < n; i++) {
            long key = key(columns, i);
            if (key == previousKey && previousId >= 0) {
                out[i] = previousId;
                continue;
            }
            int id = find(key);
            if (id < 0) {
                id = insert.applyAsInt(i);
                remember(key, id);
            }
            out[i] = id;
            previousKey = key;
            previousId = id;
        }
        return true;
    }

    /**
     * {@link #ids} of one or two columns whose strings are all one byte long and none NULL: string
     * {@code i} is byte {@code i} past the first, so a row's id is one read of {@link #byteIds}
     * indexed by its bytes, with no offsets read and no packing. A key not seen yet takes the
     * packed path once, so both paths give a key the same id.
     */
    private void singleByteIds(KeyColumn[] columns, int n, int[] out, IntUnaryOperator insert) {
        if (byteIds == null) {
            byteIds = new int[1 << 16];
            Arrays.fill(byteIds, -1);
        }
        MemorySegment first = columns[0].data();
        long firstAt = columns[0].stringStart(0);
        boolean two = columns.length == 2;
        MemorySegment second = two ? columns[1].data() : first;
        long secondAt = two ? columns[1].stringStart(0) : firstAt;
        int[] table = byteIds;
        for (int i = 0; i < n; i++) {
            int b0 = first.get(ValueLayout.JAVA_BYTE, firstAt + i) & 0xFF;
            int b1 = two ? second.get(ValueLayout.JAVA_BYTE, secondAt + i) & 0xFF : 0;
            int slot = b0 | b1 << 8;
            int id = table[slot];
            if (id < 0) {
                long key = key(columns, i);
                id = find(key);
                if (id < 0) {
                    id = insert.applyAsInt(i);
                    remember(key, id);
                }
                table[slot] = id;
            }
            out[i] = id;
        }
    }

    private long key(KeyColumn[] columns, int row) {
        long key = 0;
        for (int c = 0; c < columns.length; c++) {
            KeyColumn column = columns[c];
            long part;
            if (column.validity() != null && column.isNull(row)) {
                part = 0xFF;
            } else {
                int start = column.stringStart(row);
                int length = column.stringLength(row);
                part = length == 0 ? 0 : length | HashMix.tail(column.data(), start, length) << 8;
            }
            key |= part << (c * width * 8);
        }
        return key;
    }

    private int find(long key) {
        for (int s = (int) ((key * MIX) >>> SHIFT); ; s = (s + 1) & (SLOTS - 1)) {
            int id = ids[s];
            if (id < 0 || keys[s] == key) {
                return id;
            }
        }
    }

    private void remember(long key, int id) {
        if (size == MAX_GROUPS) {
            givenUp = true; // this batch finishes through insert; later batches take the hashed path
            return;
        }
        int s = (int) ((key * MIX) >>> SHIFT);
        while (ids[s] >= 0) {
            s = (s + 1) & (SLOTS - 1);
        }
        keys[s] = key;
        ids[s] = id;
        size++;
    }
}
