package io.blueshift.kernels.join;

import io.blueshift.kernels.Simd;
import io.blueshift.kernels.group.GroupHashTable;
import io.blueshift.kernels.ArenaAllocator;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.OffHeapAllocator;

/**
 * The build side of a hash join: its distinct keys live in a {@link GroupHashTable} (so keys of
 * one or several columns, numeric or string, are stored and compared once per distinct key) and
 * every build row is chained to the previous row with the same key ({@code heads[keyId]},
 * {@code next[row]}, both off-heap, as links: row + 1, 0 for none, the top bit set when the chain
 * goes on, so that a unique key costs no read of {@code next}), so a key with many duplicates
 * costs one table entry. Build rows are numbered 0, 1, ... across {@link #add} calls. A row with a
 * NULL in any key column is numbered but chained nowhere: NULL never matches. Matched build rows
 * can be marked (a bitmap) for RIGHT and FULL joins.
 *
 * <p>Build on one thread; probing only reads (each {@link JoinProbe} hashes into arrays of its
 * own), so once built the table may be probed by several threads at once, except marking, which
 * must stay on one thread.
 */
public final class JoinHashTable implements AutoCloseable {
    /** The top bit of a chain link: more rows follow the one it points at. */
    private static final int MORE = 0x80000000;

    private final OffHeapAllocator allocator;
    private final ArenaAllocator ownAllocator;
    private final GroupHashTable keys;
    private final OffHeapInts heads;
    private final OffHeapInts next;
    private final OffHeapInts matched;
    private final boolean simd;
    private int rowCount;
    private boolean hasNullKey;
    private int[] ids = new int[0];

    /** A table with its own memory that can mark matched rows, using SIMD by {@link Simd#ENABLED}. */
    public JoinHashTable(KeyType... types) {
        this(null, true, Simd.ENABLED, 1024, types);
    }

    /**
     * A table taking memory from {@code allocator} (null: its own), marking matched build rows when
     * {@code trackMatches} (RIGHT and FULL joins need it), hashing with the vector kernels when
     * {@code simd}, sized for about {@code expectedRows} build rows.
     */
    public JoinHashTable(OffHeapAllocator allocator, boolean trackMatches, boolean simd, int expectedRows,
            KeyType... types) {
        this.ownAllocator = allocator == null ? new ArenaAllocator() : null;
        this.allocator = allocator == null ? ownAllocator : allocator;
        this.simd = simd;
        this.keys = new GroupHashTable(this.allocator, true, Math.max(16, expectedRows / 4), types);
        try {
            keys.filterLookups();
            this.heads = new OffHeapInts(this.allocator, Math.max(16, expectedRows / 4));
            this.next = new OffHeapInts(this.allocator, expectedRows);
            this.matched = trackMatches ? new OffHeapInts(this.allocator, (expectedRows >>> 5) + 1) : null;
        } catch (RuntimeException e) {
            close(); // the allocator refused: give back what was taken
            throw e;
        }
    }

    /** Adds {@code n} build rows, numbered from {@link #rowCount()} on. */
    public void add(KeyColumn[] columns, int n) {
        if (ids.length < n) {
            ids = new int[n];
        }
        keys.groupIds(columns, n, ids, simd);
        next.ensure(rowCount + n);
        heads.ensure(keys.groupCount());
        if (matched != null) {
            matched.ensure(((rowCount + n) >>> 5) + 1);
        }
        for (int i = 0; i < n; i++) {
            if (anyNull(columns, i)) {
                hasNullKey = true;
                continue;
            }
            int row = rowCount + i;
            int id = ids[i];
            int old = heads.get(id);
            next.set(row, old);
            heads.set(id, (row + 1) | (old != 0 ? MORE : 0));
        }
        rowCount += n;
    }

    static boolean anyNull(KeyColumn[] columns, int row) {
        for (KeyColumn column : columns) {
            if (column.validity() != null && column.isNull(row)) {
                return true;
            }
        }
        return false;
    }

    public int rowCount() {
        return rowCount;
    }

    /** Whether some build row has a NULL key (NOT IN then yields nothing). */
    public boolean hasNullKey() {
        return hasNullKey;
    }

    GroupHashTable keyTable() {
        return keys;
    }

    boolean simd() {
        return simd;
    }

    /** The link to the last build row of key {@code keyId}'s chain, 0 if none. */
    int firstLink(int keyId) {
        return heads.get(keyId);
    }

    /** The link to the build row before {@code row} with the same key (only when {@link #hasMore} said so). */
    int nextLink(int row) {
        return next.get(row);
    }

    /** The build row a link (not 0) points at. */
    static int rowOf(int link) {
        return (link & ~MORE) - 1;
    }

    /** Whether the chain goes on after the row of {@code link}, so unique keys never read {@code next}. */
    static boolean hasMore(int link) {
        return link < 0;
    }

    void mark(int row) {
        int word = row >>> 5;
        matched.set(word, matched.get(word) | (1 << row));
    }

    boolean tracksMatches() {
        return matched != null;
    }

    /**
     * Writes the build rows from {@code fromRow} on that no probe row matched (NULL-key rows
     * included) into {@code out} and returns how many; fewer than {@code out.length} means the list
     * is complete, else call again from the last row written + 1. Needs a table tracking matches.
     */
    public int unmatchedRows(int fromRow, int[] out) {
        if (matched == null) {
            throw new IllegalStateException("this join table does not track matched rows");
        }
        int count = 0;
        for (int row = fromRow; row < rowCount && count < out.length; row++) {
            if ((matched.get(row >>> 5) & (1 << row)) == 0) {
                out[count++] = row;
            }
        }
        return count;
    }

    /** Off-heap bytes held (own allocator only; 0 after close). */
    public long allocatedBytes() {
        return ownAllocator == null ? -1 : ownAllocator.allocatedBytes();
    }

    @Override
    public void close() {
        keys.close();
        if (heads != null) {
            heads.close();
        }
        if (next != null) {
            next.close();
        }
        if (matched != null) {
            matched.close();
        }
    }
}
