package io.blueshift.kernels.join;

import io.blueshift.kernels.Simd;
import io.blueshift.kernels.group.GroupHashTable;
import io.blueshift.kernels.group.KeyStore;
import io.blueshift.kernels.ArenaAllocator;
import io.blueshift.kernels.hash.HashExecutor;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.OffHeapAllocator;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The build side of a hash join: its distinct keys live in a {@link GroupHashTable} (so keys of
 * one or several columns, numeric or string, are stored and compared once per distinct key) and
 * every build row is chained to the previous row with the same key ({@code heads[keyId]},
 * {@code next[row]}, both off-heap, as links: row + 1, 0 for none, the top bit set when the chain
 * goes on, so that a unique key costs no read of {@code next}), so a key with many duplicates
 * costs one table entry. Build rows are numbered 0, 1, ... across {@link #add} calls. A row with a
 * NULL in any key column is numbered but chained nowhere: NULL never matches. Matched build rows
 * can be marked (a bitmap) for RIGHT and FULL joins. A key of two integer columns of at most 32
 * bits is stored and looked up as one 64-bit column ({@link PackedKey}). A one-column integer key
 * whose values lie in a dense range is looked up in an array indexed by the key ({@link #direct}).
 *
 * <p>Build on one thread; probing only reads (each {@link JoinProbe} hashes into arrays of its
 * own), so once built the table may be probed by several threads at once, except marking, which
 * must stay on one thread. A large build may instead be split by the top bits of its keys' hashes
 * into {@link #PARTITIONS} tables that several threads build at once ({@link #partitioned}, Leis et
 * al.'s morsel-driven build): a probe row then looks its key up in the one table its hash picks.
 */
public final class JoinHashTable implements AutoCloseable {
    /** The top bit of a chain link: more rows follow the one it points at. */
    private static final int MORE = 0x80000000;
    /** The partitions of a table built in parallel: a power of two, several per thread so they even out. */
    public static final int PARTITIONS = 16;
    private static final int PARTITION_BITS = Integer.numberOfTrailingZeros(PARTITIONS);

    private final OffHeapAllocator allocator;
    private final ArenaAllocator ownAllocator;
    /** The distinct keys and each one's last row, or null when the table is {@link #partitioned}. */
    private final GroupHashTable keys;
    private final OffHeapInts heads;
    /** A partitioned table's keys and heads, a partition each (null otherwise). */
    private final GroupHashTable[] partKeys;
    private final OffHeapInts[] partHeads;
    /**
     * A partitioned table's Bloom filter of all its keys (a word a key or so, three bits set),
     * which a probe reads first for the whole batch; null otherwise.
     */
    private final long[] bloom;
    private final int bloomShift;
    private final OffHeapInts next;
    private final OffHeapInts matched;
    private final boolean simd;
    /** Whether the key is two 32-bit integer columns looked up as one ({@link PackedKey}). */
    private final boolean packed;
    /** The key types the table's {@link GroupHashTable}s store ({@link #stored(KeyType[])}). */
    private final KeyType[] stored;
    /** The packed keys of {@link #add}'s batches. */
    private final PackedKey buildKey = new PackedKey();
    /**
     * The key ids by key value ({@link DirectKeys}), {@link #NO_DIRECT} where the key does not
     * allow it, or null until the first lookup decides.
     */
    private volatile Object direct;
    private static final Object NO_DIRECT = new Object();
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
        this.partKeys = null;
        this.partHeads = null;
        this.bloom = null;
        this.bloomShift = 0;
        this.packed = PackedKey.packs(types);
        this.stored = stored(types);
        this.keys = new GroupHashTable(this.allocator, true, Math.max(16, expectedRows / 4), stored);
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

    /** A partitioned table of {@code rows} build rows, its partitions made by {@link PartitionedBuild}. */
    private JoinHashTable(OffHeapAllocator allocator, boolean simd, int rows, KeyType[] types) {
        this.ownAllocator = null;
        this.packed = PackedKey.packs(types);
        this.stored = stored(types);
        this.allocator = allocator;
        this.simd = simd;
        this.keys = null;
        this.heads = null;
        this.matched = null;
        this.partKeys = new GroupHashTable[PARTITIONS];
        this.partHeads = new OffHeapInts[PARTITIONS];
        int words = Integer.highestOneBit(Math.max(64, rows / 2));
        this.bloom = new long[words];
        this.bloomShift = 64 - Integer.numberOfTrailingZeros(words);
        this.next = new OffHeapInts(allocator, rows);
        this.rowCount = rows;
    }

    /**
     * Starts a table of the {@code n} rows of {@code columns} built partition by partition by every
     * thread that calls {@link PartitionedBuild#help} (on one thread, it is built all the same). The
     * keys are hashed and the rows split by partition here, on the calling thread. Only for a build
     * that no probe marks (INNER, LEFT, SEMI and ANTI joins).
     */
    public static PartitionedBuild partitioned(OffHeapAllocator allocator, boolean simd, KeyColumn[] columns, int n,
            KeyType... types) {
        return new PartitionedBuild(new JoinHashTable(allocator, simd, n, types), columns, n, types);
    }

    /** The key types the table's {@link GroupHashTable}s store for a key of {@code types}. */
    private static KeyType[] stored(KeyType[] types) {
        return PackedKey.packs(types) ? PackedKey.TYPES : types;
    }

    /**
     * A table being built by several threads, a partition at a time: each thread that
     * {@link #help}s takes the next partition not yet taken until none is left, then waits in
     * {@link #table} until the others have finished theirs. A partition that fails (the query's
     * memory refused) fails the build, and the table it had started is closed by
     * {@link #close}.
     */
    public static final class PartitionedBuild {
        private final JoinHashTable table;
        /** The key as the table stores it (packed, or the key columns themselves). */
        private final KeyColumn[] columns;
        private final KeyType[] types;
        private final long[] hashes;
        /** The rows of partition p, in ascending order, at {@code order[starts[p]..starts[p + 1])}. */
        private final int[] order;
        private final int[] starts = new int[PARTITIONS + 1];
        private final AtomicInteger taken = new AtomicInteger();
        private final CountDownLatch done = new CountDownLatch(PARTITIONS);
        private volatile Throwable failure;

        private PartitionedBuild(JoinHashTable table, KeyColumn[] columns, int n, KeyType[] types) {
            this.table = table;
            this.columns = table.packed ? new PackedKey().of(columns, n) : columns.clone();
            this.types = stored(types);
            this.hashes = new long[n];
            HashExecutor.hash(this.columns, n, hashes, new long[n], table.simd);
            int[] counts = new int[PARTITIONS];
            boolean nullable = false;
            for (KeyColumn c : columns) {
                nullable |= c.validity() != null;
            }
            for (int i = 0; i < n; i++) {
                if (nullable && anyNull(columns, i)) {
                    table.hasNullKey = true; // numbered, chained nowhere: NULL never matches
                } else {
                    counts[partitionOf(hashes[i])]++;
                    table.addToBloom(hashes[i]);
                }
            }
            for (int p = 0; p < PARTITIONS; p++) {
                starts[p + 1] = starts[p] + counts[p];
            }
            this.order = new int[starts[PARTITIONS]];
            int[] at = starts.clone();
            for (int i = 0; i < n; i++) {
                if (!nullable || !anyNull(columns, i)) {
                    order[at[partitionOf(hashes[i])]++] = i;
                }
            }
        }

        /** Builds partitions until none is left to take. */
        public void help() {
            for (int p = taken.getAndIncrement(); p < PARTITIONS; p = taken.getAndIncrement()) {
                try {
                    if (failure == null) {
                        build(p);
                    }
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    done.countDown();
                }
            }
        }

        private void build(int p) {
            int from = starts[p];
            int to = starts[p + 1];
            int expected = Math.max(16, (to - from) / 4);
            // published to the probing threads by the latch; no Bloom filter of its own: probes
            // test the table's filter of all the keys before they reach a partition
            GroupHashTable keys = new GroupHashTable(table.allocator, false, expected, types);
            table.partKeys[p] = keys;
            OffHeapInts heads = new OffHeapInts(table.allocator, expected);
            table.partHeads[p] = heads;
            OffHeapInts next = table.next;
            for (int k = from; k < to; k++) {
                int row = order[k];
                int id = keys.locateRow(columns, row, hashes[row], true);
                heads.ensure(id + 1);
                int old = heads.get(id);
                next.set(row, old);
                heads.set(id, (row + 1) | (old != 0 ? MORE : 0));
            }
        }

        /**
         * Helps, then waits for every partition and returns the table; rethrows the first failure
         * (the caller then closes the table with {@link #close}).
         */
        public JoinHashTable table() throws InterruptedException {
            help();
            done.await();
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            return table;
        }

        /** Frees a table whose build failed, once every partition has stopped. */
        public void close() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            table.close();
        }
    }

    private static final long BLOOM_MIX = 0x9E3779B97F4A7C15L;

    private void addToBloom(long hash) {
        long g = hash * BLOOM_MIX;
        bloom[(int) (g >>> bloomShift)] |= bloomBits(g);
    }

    private boolean mayContain(long hash) {
        long g = hash * BLOOM_MIX;
        long need = bloomBits(g);
        return (bloom[(int) (g >>> bloomShift)] & need) == need;
    }

    /** Three bits of a word, from bits of the mixed hash other than those that chose the word. */
    private static long bloomBits(long g) {
        return 1L << g | 1L << (g >>> 6) | 1L << (g >>> 12);
    }

    private static int partitionOf(long hash) {
        return (int) (hash >>> (64 - PARTITION_BITS));
    }

    /**
     * Writes the key id of each of {@code n} probe rows into {@code out} (-1 where the key is not in
     * the table; an id to give {@link #firstLink}), in the caller's arrays so that several threads
     * may probe at once; reads the Bloom filter first when {@code mostlyMissing} (see
     * {@link GroupHashTable#lookup(KeyColumn[], int, int[], boolean, long[], long[], int[], boolean)}),
     * and always for a partitioned table.
     */
    void lookup(KeyColumn[] columns, int n, int[] out, ProbeScratch scratch, boolean mostlyMissing) {
        DirectKeys d = direct();
        if (d != null) {
            d.lookup(packed ? scratch.packedKey.of(columns, n) : columns, n, out, scratch.longs);
            return;
        }
        if (partKeys == null) {
            keys.lookup(packed ? scratch.packedKey.of(columns, n) : columns, n, out, simd, scratch.hashes, scratch.longs,
                    scratch.ints, mostlyMissing);
            return;
        }
        long[] hashes = scratch.hashes;
        if (packed) {
            columns = scratch.packedKey.of(columns, n);
        }
        HashExecutor.hash(columns, n, hashes, scratch.longs, simd);
        // the rows the filter of all the keys lets through (most rows of a probe that mostly
        // misses stop here, in one pass over the batch), then those by partition, and each
        // partition's rows looked up together
        int[] passed = scratch.passed;
        int live = 0;
        for (int i = 0; i < n; i++) {
            long hash = hashes[i];
            out[i] = -1;
            passed[live] = i;
            live += mayContain(hash) ? 1 : 0;
        }
        int[] starts = scratch.starts;
        Arrays.fill(starts, 0);
        for (int j = 0; j < live; j++) {
            starts[partitionOf(hashes[passed[j]]) + 1]++;
        }
        for (int p = 0; p < PARTITIONS; p++) {
            starts[p + 1] += starts[p];
        }
        int[] order = scratch.order;
        int[] at = scratch.at;
        System.arraycopy(starts, 0, at, 0, PARTITIONS);
        for (int j = 0; j < live; j++) {
            int i = passed[j];
            order[at[partitionOf(hashes[i])]++] = i;
        }
        for (int p = 0; p < PARTITIONS; p++) {
            if (starts[p] < starts[p + 1]) {
                partKeys[p].lookupRows(columns, order, starts[p], starts[p + 1], hashes, out, scratch.longs,
                        scratch.bits, scratch.ints);
                for (int j = starts[p]; j < starts[p + 1]; j++) {
                    int row = order[j];
                    int id = out[row];
                    out[row] = id < 0 ? -1 : id << PARTITION_BITS | p;
                }
            }
        }
    }

    /** The arrays one probing thread looks keys up in (see {@link #lookup}), grown to its batches. */
    static final class ProbeScratch {
        long[] hashes = new long[0];
        long[] longs = new long[0];
        long[] bits = new long[0];
        int[] ints = new int[0];
        int[] order = new int[0];
        int[] passed = new int[0];
        final int[] starts = new int[PARTITIONS + 1];
        final int[] at = new int[PARTITIONS];
        final PackedKey packedKey = new PackedKey();

        void ensure(int n) {
            if (hashes.length < n) {
                hashes = new long[n];
                longs = new long[n];
                bits = new long[n];
                ints = new int[n];
                order = new int[n];
                passed = new int[n];
            }
        }
    }

    /**
     * The key ids of a one-column integer key (packed keys included) by key value, made at the
     * first lookup, once the table is built: where its distinct keys lie in a range of at most
     * four slots a key, or at most {@link #DIRECT_FLOOR} slots (a small build of keys spread over
     * its table's key range, as TPC-H Q11's 400 German suppliers of 10 K), up to
     * {@link #DIRECT_MAX}. A lookup is then one array read a row, with no hashing and no probing
     * (DuckDB's perfect hash join); null where the table does not allow it.
     */
    private DirectKeys direct() {
        Object d = direct;
        if (d == null) {
            synchronized (this) {
                d = direct;
                if (d == null) {
                    d = DirectKeys.of(this);
                    direct = d == null ? NO_DIRECT : d;
                }
            }
        }
        return d instanceof DirectKeys k ? k : null;
    }

    /** Whether lookups read the key ids by key value ({@link #direct}); decides it, so only once the table is built. */
    boolean probesDirectly() {
        return direct() != null;
    }

    /** The most slots a direct array has whatever its keys' density: 64 KB, which stays in the L2 cache. */
    static final int DIRECT_FLOOR = 1 << 14;
    /** The most slots a direct array may have: 64 MB. */
    static final int DIRECT_MAX = 1 << 24;

    /** Key ids by key value: slot {@code key - min} holds the key's id + 1, 0 for none. */
    private record DirectKeys(long min, long range, OffHeapInts ids) {
        static DirectKeys of(JoinHashTable table) {
            GroupHashTable[] parts = table.partKeys != null ? table.partKeys : new GroupHashTable[] {table.keys};
            if (table.stored.length != 1 || !table.stored[0].isInteger()) {
                return null;
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            long count = 0;
            for (GroupHashTable part : parts) {
                KeyStore keys = part.keys();
                for (int id = 0; id < keys.size(); id++) {
                    if (!keys.isNull(0, id)) {
                        long k = keys.keyBits(0, id);
                        min = Math.min(min, k);
                        max = Math.max(max, k);
                        count++;
                    }
                }
            }
            if (count == 0) {
                return null;
            }
            long range = max - min + 1; // wraps to at most 0 past Long.MAX_VALUE keys apart
            if (range <= 0 || range > DIRECT_MAX || range > Math.max(DIRECT_FLOOR, 4 * count)) {
                return null;
            }
            OffHeapInts ids;
            try {
                ids = new OffHeapInts(table.allocator, (int) range);
            } catch (RuntimeException e) {
                return null; // the query's memory refused: the hash table serves alone
            }
            for (int p = 0; p < parts.length; p++) {
                KeyStore keys = parts[p].keys();
                for (int id = 0; id < keys.size(); id++) {
                    if (!keys.isNull(0, id)) {
                        int keyId = table.partKeys != null ? id << PARTITION_BITS | p : id;
                        ids.set((int) (keys.keyBits(0, id) - min), keyId + 1);
                    }
                }
            }
            return new DirectKeys(min, range, ids);
        }

        /** The key id of each of {@code n} rows of the one key column (-1 where absent), through {@code bits}. */
        void lookup(KeyColumn[] columns, int n, int[] out, long[] bits) {
            columns[0].keyBits(n, bits);
            long lo = min;
            long r = range;
            for (int i = 0; i < n; i++) {
                long at = bits[i] - lo;
                // NULL rows read whatever their slot holds: the probe sets them apart
                out[i] = Long.compareUnsigned(at, r) < 0 ? ids.get((int) at) - 1 : -1;
            }
        }
    }

    /** Adds {@code n} build rows, numbered from {@link #rowCount()} on. */
    public void add(KeyColumn[] columns, int n) {
        if (partKeys != null) {
            throw new IllegalStateException("a partitioned join table is built by its PartitionedBuild");
        }
        if (direct != null) {
            throw new IllegalStateException("rows added to a join table already probed");
        }
        if (ids.length < n) {
            ids = new int[n];
        }
        keys.groupIds(packed ? buildKey.of(columns, n) : columns, n, ids, simd);
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

    /** The link to the last build row of key {@code keyId}'s chain, 0 if none. */
    int firstLink(int keyId) {
        if (partKeys != null) {
            return partHeads[keyId & (PARTITIONS - 1)].get(keyId >>> PARTITION_BITS);
        }
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
        if (direct instanceof DirectKeys d) {
            d.ids().close();
        }
        if (keys != null) {
            keys.close();
        }
        if (heads != null) {
            heads.close();
        }
        if (partKeys != null) {
            for (int p = 0; p < PARTITIONS; p++) {
                if (partKeys[p] != null) {
                    partKeys[p].close();
                }
                if (partHeads[p] != null) {
                    partHeads[p].close();
                }
            }
        }
        if (next != null) {
            next.close();
        }
        if (matched != null) {
            matched.close();
        }
    }
}
