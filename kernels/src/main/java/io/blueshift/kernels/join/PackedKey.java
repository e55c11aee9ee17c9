package io.blueshift.kernels.join;

import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A join key of two integer columns of at most 32 bits (TPC-H's nation and customer keys, part
 * and supplier keys) as one 64-bit column, the first column in the high word: the exact same
 * pairs compare equal, and the table's one-column paths take it (vector hashing, slots compared
 * by their key bits, no stored key read), where a key of two columns is looked up row by row and
 * compared column by column. A row with a NULL in either column is NULL (the table's group of the
 * NULL key, which holds no rows). Reuse one per thread: its buffers grow to the batches.
 */
final class PackedKey {
    /** The one column the key of {@link #packs} types is stored as. */
    static final KeyType[] TYPES = {KeyType.LONG};

    private MemorySegment buffer = MemorySegment.NULL;
    private MemorySegment validity = MemorySegment.NULL;

    /** Whether a key of these column types is packed. */
    static boolean packs(KeyType[] types) {
        return types.length == 2 && narrow(types[0]) && narrow(types[1]);
    }

    private static boolean narrow(KeyType type) {
        return type == KeyType.SHORT || type == KeyType.INT;
    }

    /** Rows {@code 0..n-1} of {@code columns} (of {@link #packs} types) packed; valid until the next call. */
    KeyColumn[] of(KeyColumn[] columns, int n) {
        KeyColumn high = columns[0];
        KeyColumn low = columns[1];
        if (!narrow(high.type()) || !narrow(low.type())) {
            throw new IllegalArgumentException("a packed join key needs two integer columns of at most 32 bits, not "
                    + high.type() + " and " + low.type());
        }
        if (buffer.byteSize() < (long) n << 3) {
            // a heap segment over a byte array, which the vector kernels read as they read off-heap ones
            buffer = MemorySegment.ofArray(new byte[Math.max(n, 1024) << 3]);
        }
        MemorySegment out = buffer;
        if (high.type() == KeyType.INT && low.type() == KeyType.INT) {
            MemorySegment h = high.data();
            MemorySegment l = low.data();
            for (int i = 0; i < n; i++) {
                long v = (long) h.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i) << 32
                        | l.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i) & 0xFFFF_FFFFL;
                out.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, v);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, high.keyBits(i) << 32 | low.keyBits(i) & 0xFFFF_FFFFL);
            }
        }
        return new KeyColumn[] {KeyColumn.of(KeyType.LONG, out, validity(high.validity(), low.validity(), n))};
    }

    /** The validity of rows valid in both bitmaps (null: every row valid), in a buffer of this key's where both have one. */
    private MemorySegment validity(MemorySegment high, MemorySegment low, int n) {
        if (high == null || low == null) {
            return high == null ? low : high;
        }
        int bytes = (n + 7) >>> 3;
        if (validity.byteSize() < bytes) {
            validity = MemorySegment.ofArray(new byte[Math.max(bytes, 128)]);
        }
        for (int i = 0; i < bytes; i++) {
            validity.set(ValueLayout.JAVA_BYTE, i, (byte) (high.get(ValueLayout.JAVA_BYTE, i) & low.get(ValueLayout.JAVA_BYTE, i)));
        }
        return validity;
    }
}
