package io.blueshift.kernels.group;

import io.blueshift.kernels.Bitmaps;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.ArenaAllocator;
import io.blueshift.kernels.hash.HashExecutor;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.OffHeapAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An open-addressing hash table over off-heap memory that maps group keys (one or several columns,
 * numeric or string) to dense group ids {@code 0..groupCount()-1} in first-seen order, with SQL
 * GROUP BY semantics: NULL is a key of its own. Each slot is 16 bytes: the high 32 bits of the
 * key's hash as a tag (so most mismatches are rejected without touching the keys) with the group id
 * + 1 in the low 32 bits (0 = empty), then, for a one-column numeric key, the key itself, so that
 * a lookup costs one cache miss instead of two. The table indexes with the low hash bits, probes
 * linearly and doubles (rehashing from the stored hashes) when half full. Keys live in a
 * {@link KeyStore}.
 *
 * <p>A batch is hashed with the vector kernels (or their scalar twins) and then inserted row by
 * row. A single INT or BIGINT key whose values span fewer than {@link DirectIds#MAX_SPAN} (or
 * four slots a group expected) skips hashing altogether through {@link DirectIds} (perfect
 * hashing): measured 3-5x faster than the hashed path for 16 groups (GroupByBenchmark).
 *
 * <p>Not thread-safe, except that threads may look up at once with their own hash arrays while
 * none adds. The table owns its memory and frees all of it in {@link #close()}.
 */
public final class GroupHashTable implements AutoCloseable {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long TAG_MASK = 0xFFFFFFFF00000000L;
    /**
     * Lookups consult the Bloom filter once the slots outgrow this many (1 MiB of slots, about the
     * size of a core's L2 cache): below it a slot read costs no more than a filter read.
     */
    private static final int FILTERED_SLOTS = 1 << 16;
    private static final long BLOOM_MIX = 0x9E3779B97F4A7C15L;

    private final KeyType[] types;
    private final OffHeapAllocator allocator;
    private final ArenaAllocator ownAllocator;
    private final KeyStore keys;
    private final DirectIds direct;
    private final PackedIds packed;
    private final boolean singleNumeric;
    private final long[] range = new long[2];
    private MemorySegment slots;
    private MemorySegment hashes;
    private int mask;
    /**
     * A blocked Bloom filter of the keys' hashes (a 64-bit word per 8 slots, three bits a key in
     * one word), kept only once {@link #filterLookups} asked for it; null otherwise.
     */
    private MemorySegment bloom;
    private int bloomShift;
    /**
     * Whether the slots are not built yet ({@link #indexLazily}): every group so far was appended
     * with a key above all keys before it, so none needed a lookup.
     */
    private boolean deferred;
    /** The key bits of the last group appended while {@link #deferred}. */
    private long maxBits;
    private long[] batchHashes = new long[0];
    private long[] scratch = new long[0];
    private int[] rows = new int[0];

    /** A table with its own memory and perfect hashing on where it applies. */
    public GroupHashTable(KeyType... types) {
        this(null, true, 1024, types);
    }

    /**
     * A table taking memory from {@code allocator} (null: its own), sized for about
     * {@code expectedGroups} groups before it first grows.
     */
    public GroupHashTable(OffHeapAllocator allocator, boolean perfectHash, int expectedGroups, KeyType... types) {
        this(allocator, perfectHash, expectedGroups, expectedGroups, types);
    }

    /**
     * A table sized for about {@code expectedGroups} groups before it first grows, whose perfect
     * hashing (a single integer key) may map a key range of four slots for each of
     * {@code estimatedGroups} groups ({@link DirectIds}): an estimate a caller trusts too little
     * to size the table by, since the map only grows as far as the keys do.
     */
    public GroupHashTable(OffHeapAllocator allocator, boolean perfectHash, int expectedGroups, long estimatedGroups,
            KeyType... types) {
        if (types.length == 0) {
            throw new IllegalArgumentException("a group key needs at least one column");
        }
        this.types = types.clone();
        this.ownAllocator = allocator == null ? new ArenaAllocator() : null;
        this.allocator = allocator == null ? ownAllocator : allocator;
        int capacity = Integer.highestOneBit(Math.max(16, expectedGroups) * 2 - 1) << 1;
        this.keys = new KeyStore(types, this.allocator, capacity / 2);
        try {
            this.slots = this.allocator.allocate((long) capacity << 4);
            this.hashes = this.allocator.allocate((long) capacity << 2);
        } catch (RuntimeException e) {
            close(); // the allocator refused: give back what was taken
            throw e;
        }
        this.mask = capacity - 1;
        boolean integerKey = types.length == 1 && (types[0] == KeyType.INT || types[0] == KeyType.LONG);
        this.direct = perfectHash && integerKey ? new DirectIds(estimatedGroups) : null;
        this.packed = perfectHash ? PackedIds.of(types) : null;
        this.singleNumeric = types.length == 1 && types[0] != KeyType.DECIMAL128 && types[0] != KeyType.VARCHAR;
    }

    /**
     * Leaves the slots unbuilt while the keys of new groups come in ascending order, as a GROUP BY
     * of a table sorted or clustered on its one numeric key sees them (lineitem by order key): such
     * a key cannot be in the table yet, so it is appended without a lookup, and the millions of
     * random slot reads and writes of a table larger than the caches, and its rehashes, never
     * happen. The slots are built, once and at the size the groups need, when a key comes out of
     * order, a NULL comes, or anything looks a key up. Only for an empty table that one thread
     * fills and reads (a GROUP BY's); a join's build is probed by several threads at once.
     */
    public void indexLazily() {
        if (singleNumeric && keys.size() == 0) {
            deferred = true;
        }
    }

    /** Whether integer keys still map to group ids without hashing ({@link DirectIds}). */
    boolean mapsDirectly() {
        return direct != null && !direct.givenUp();
    }

    public int groupCount() {
        return keys.size();
    }

    /** The distinct keys, by group id (read back with {@link KeyStore#isNull}, {@link KeyStore#keyBits} ...). */
    public KeyStore keys() {
        return keys;
    }

    /**
     * Keeps a Bloom filter of the keys from now on (a byte per slot), which lookups in a table
     * larger than the caches read first: a join's build probed mostly by keys it does not hold (a
     * selective join, a semi or anti join) then reads a slot only for the few rows that may match.
     */
    public void filterLookups() {
        index();
        if (bloom == null) {
            bloom = newBloom(mask + 1);
            for (int id = 0; id < keys.size(); id++) {
                addToBloom(hashes.getAtIndex(LONG, id));
            }
        }
    }

    private MemorySegment newBloom(int capacity) {
        int words = Math.max(1, capacity >>> 3);
        bloomShift = 64 - Integer.numberOfTrailingZeros(words);
        return allocator.allocate((long) words << 3);
    }

    private void addToBloom(long hash) {
        long g = hash * BLOOM_MIX;
        long at = words(g);
        bloom.set(LONG, at, bloom.get(LONG, at) | bloomBits(g));
    }

    /** The byte offset of the filter word of mixed hash {@code g}. */
    private long words(long g) {
        return bloomShift == 64 ? 0 : (g >>> bloomShift) << 3;
    }

    /** Whether lookups read the Bloom filter first: there is one, and the slots outgrew the cache. */
    private boolean filtering() {
        return bloom != null && mask >= FILTERED_SLOTS - 1;
    }

    /** Whether a key of hash {@code hash} may be in the table: false only where the Bloom filter rules it out. */
    private boolean mayHold(long hash) {
        return bloom == null || mayContain(hash);
    }

    /** Whether a key of hash {@code hash} may be in the table, by the Bloom filter. */
    private boolean mayContain(long hash) {
        long g = hash * BLOOM_MIX;
        long need = bloomBits(g);
        return (bloom.get(LONG, words(g)) & need) == need;
    }

    private static long bloomBits(long g) {
        return (1L << g) | (1L << (g >>> 6)) | (1L << (g >>> 12));
    }

    /** Writes the group id of each of {@code n} rows into {@code out}, adding new groups; SIMD by {@link Simd#ENABLED}. */
    public void groupIds(KeyColumn[] columns, int n, int[] out) {
        groupIds(columns, n, out, Simd.ENABLED);
    }

    /** As {@link #groupIds(KeyColumn[], int, int[])} with the vector kernels or their scalar twins. */
    public void groupIds(KeyColumn[] columns, int n, int[] out, boolean simd) {
        checkColumns(columns);
        if (n == 0) {
            return;
        }
        if (direct != null && !direct.givenUp() && directIds(columns, n, out, simd)) {
            return;
        }
        if (packed != null && !packed.givenUp()
                && packed.ids(columns, n, out, row -> locate(columns, row, KeyColumn.hashRow(columns, row), true))) {
            return;
        }
        locateAll(columns, n, out, simd, true);
    }

    /**
     * Writes the group id of each of {@code n} rows into {@code out}, or -1 where the key is not in
     * the table; adds nothing. A NULL key finds the NULL group if there is one.
     */
    public void lookup(KeyColumn[] columns, int n, int[] out, boolean simd) {
        checkColumns(columns);
        if (n == 0) {
            return;
        }
        index();
        long[] h = hash(columns, n, simd);
        if (singleNumeric) {
            if (rows.length < n) {
                rows = new int[n];
            }
            lookupSingle(columns, n, out, h, scratch, rows, filtering());
            return;
        }
        locateAll(columns, n, out, h, false, filtering());
    }

    /**
     * {@link #lookup(KeyColumn[], int, int[], boolean)} working in the caller's arrays (each at
     * least {@code n} long; what they hold afterwards is scratch), so that several threads may look
     * up at once in a table no thread is adding to (the shared build side of a parallel hash join).
     */
    public void lookup(KeyColumn[] columns, int n, int[] out, boolean simd, long[] hashes, long[] hashScratch,
            int[] rowScratch) {
        lookup(columns, n, out, simd, hashes, hashScratch, rowScratch, false);
    }

    /**
     * {@link #lookup(KeyColumn[], int, int[], boolean, long[], long[], int[])}, reading the Bloom
     * filter ({@link #filterLookups}) first whatever the table's size when {@code mostlyMissing}:
     * a caller whose earlier keys mostly missed (a join probed by many more keys than it keeps)
     * then tests most rows against a word in the L1 cache instead of walking the slots, where an
     * absent key reads on until an empty slot.
     */
    public void lookup(KeyColumn[] columns, int n, int[] out, boolean simd, long[] hashes, long[] hashScratch,
            int[] rowScratch, boolean mostlyMissing) {
        checkColumns(columns);
        if (n == 0) {
            return;
        }
        index();
        HashExecutor.hash(columns, n, hashes, hashScratch, simd);
        boolean filter = bloom != null && (mostlyMissing || filtering());
        if (singleNumeric) {
            lookupSingle(columns, n, out, hashes, hashScratch, rowScratch, filter);
            return;
        }
        locateAll(columns, n, out, hashes, false, filter);
    }

    /**
     * {@link #lookup} of a one-column numeric key, whose key bits sit in the slot beside the tag,
     * in rounds over the rows still unresolved, as Vectorwise and DuckDB probe: round k reads each
     * such row's slot k places past its home and compares it without branching on the outcome, so
     * the reads of many rows are in flight at once (in a table larger than the caches each costs a
     * miss) and no branch mispredicts when half of the home slots hold other keys. A row leaves at
     * its key or at an empty slot; the rows that go on are compacted into {@code rows}, and their
     * hashes and key bits to the front of {@code h} and {@code bits}, in place. With a Bloom filter
     * ({@link #filterLookups}) over a table larger than the caches, only the rows it lets through
     * enter the rounds.
     */
    private void lookupSingle(KeyColumn[] columns, int n, int[] out, long[] h, long[] bits, int[] rows,
            boolean filter) {
        KeyColumn key = columns[0];
        key.keyBits(n, bits);
        int nullGroup = keys.nullId();
        int live = n;
        if (filter) {
            live = 0;
            for (int i = 0; i < n; i++) {
                long hash = h[i];
                out[i] = -1;
                h[live] = hash;
                bits[live] = bits[i];
                rows[live] = i;
                live += mayContain(hash) ? 1 : 0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
        }
        probeRounds(out, h, bits, rows, live);
        if (key.validity() != null) {
            for (int i = 0; i < n; i++) {
                if (key.isNull(i)) {
                    out[i] = nullGroup;
                }
            }
        }
    }

    /**
     * Looks up the rows {@code rows[from..to)} of the key {@code columns}, whose hashes are
     * {@code hashes[row]}, writing each one's group id (or -1) to {@code out[row]}: a one-column
     * numeric key in {@link #lookupSingle}'s rounds (after the Bloom filter, where the table keeps
     * one), so that the misses of many rows are in flight at once; other keys one by one. Writes
     * only the caller's arrays
     * ({@code h}, {@code bits} and {@code live} at least {@code to - from} long), so several
     * threads may look up at once (the probes of a partitioned join table, a partition's rows at
     * a time).
     */
    public void lookupRows(KeyColumn[] columns, int[] rows, int from, int to, long[] hashes, int[] out, long[] h,
            long[] bits, int[] live) {
        if (!singleNumeric) {
            for (int j = from; j < to; j++) {
                int row = rows[j];
                long hash = hashes[row];
                out[row] = mayHold(hash) ? locate(columns, row, hash, false) : -1;
            }
            return;
        }
        index();
        KeyColumn key = columns[0];
        int count = 0;
        for (int j = from; j < to; j++) {
            int row = rows[j];
            long hash = hashes[row];
            out[row] = -1;
            h[count] = hash;
            bits[count] = key.keyBits(row);
            live[count] = row;
            count += mayHold(hash) ? 1 : 0;
        }
        probeRounds(out, h, bits, live, count);
        if (key.validity() != null) {
            int nullGroup = keys.nullId();
            for (int j = from; j < to; j++) {
                if (key.isNull(rows[j])) {
                    out[rows[j]] = nullGroup;
                }
            }
        }
    }

    /**
     * The rounds of {@link #lookupSingle}: the {@code live} rows {@code rows[j]} with hash
     * {@code h[j]} and key bits {@code bits[j]} read the slot k places past their home in round
     * k, until each finds its key or an empty slot; {@code out[row]} gets the id or -1.
     */
    private void probeRounds(int[] out, long[] h, long[] bits, int[] rows, int live) {
        MemorySegment s = slots;
        int m = mask;
        int nullGroup = keys.nullId();
        for (int k = 0; live > 0; k++) {
            int next = 0;
            for (int j = 0; j < live; j++) {
                long hash = h[j];
                long b = bits[j];
                int row = rows[j];
                long at = (long) (((int) hash + k) & m) << 4;
                long slot = s.get(LONG, at);
                int id = (int) slot - 1;
                boolean hit = ((slot ^ hash) & TAG_MASK) == 0 && s.get(LONG, at + 8) == b && id != nullGroup && slot != 0;
                out[row] = hit ? id : -1;
                h[next] = hash;
                bits[next] = b;
                rows[next] = row;
                next += !hit & slot != 0 ? 1 : 0;
            }
            live = next;
        }
    }

    private void locateAll(KeyColumn[] columns, int n, int[] out, boolean simd, boolean insert) {
        if (singleNumeric && insert) {
            locateSingles(columns, n, out, simd);
            return;
        }
        locateAll(columns, n, out, hash(columns, n, simd), insert, false);
    }

    /**
     * The group ids of a batch of a one-column numeric key, adding new groups. A row with the key of
     * the row before it takes that row's id without a lookup: rows sorted or clustered on the key
     * (lineitem by order key) mostly repeat it, and each lookup in a table larger than the caches
     * is a miss (ClickHouse's consecutive keys). While the slots are {@link #deferred} a new key is
     * hashed alone as it is appended; the batch is hashed at once only once a row needs the slots.
     */
    private void locateSingles(KeyColumn[] columns, int n, int[] out, boolean simd) {
        KeyColumn key = columns[0];
        long[] h = deferred ? null : hash(columns, n, simd);
        int previousId = -1;
        long previousBits = 0;
        boolean previousNull = false;
        for (int i = 0; i < n; i++) {
            boolean rowNull = key.isNull(i);
            long bits = rowNull ? 0 : key.keyBits(i);
            if (previousId >= 0 && bits == previousBits && rowNull == previousNull) {
                out[i] = previousId;
                continue;
            }
            int id = deferred && !rowNull ? appendAscending(columns, i, bits) : -1;
            if (id < 0) {
                index();
                if (h == null) {
                    h = hash(columns, n, simd);
                }
                id = locateSingle(columns, i, h[i], bits, rowNull, true);
            }
            out[i] = id;
            previousId = id;
            previousBits = bits;
            previousNull = rowNull;
        }
    }

    /** {@link #locate} of each row of a batch hashed into {@code h}: keys of several columns, strings, 128-bit decimals. */
    private void locateAll(KeyColumn[] columns, int n, int[] out, long[] h, boolean insert, boolean filter) {
        if (!insert && filter) {
            for (int i = 0; i < n; i++) {
                out[i] = mayContain(h[i]) ? locate(columns, i, h[i], false) : -1;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            out[i] = locate(columns, i, h[i], insert);
        }
    }

    /**
     * While the slots are {@link #deferred}, the group of a row whose one-column numeric key of
     * {@code bits} is not NULL: appended without a lookup when the key is above every key so far,
     * found without one when it is the last key appended (a run going on from the batch before);
     * -1 when it needs the slots.
     */
    private int appendAscending(KeyColumn[] columns, int row, long bits) {
        if (keys.size() > 0 && bits == maxBits) {
            return keys.size() - 1;
        }
        if (keys.size() > 0 && bits < maxBits) {
            return -1;
        }
        int id = keys.append(columns, row);
        recordHash(id, KeyColumn.hashRow(columns, row));
        maxBits = bits;
        return id;
    }

    /** {@link #locate} for a one-column numeric key whose bits the caller has read once. */
    private int locateSingle(KeyColumn[] columns, int row, long hash, long bits, boolean rowNull, boolean insert) {
        long tag = hash & TAG_MASK;
        int index = (int) hash & mask;
        while (true) {
            long slot = slots.get(LONG, (long) index << 4);
            if (slot == 0) {
                return insert ? insert(columns, row, hash, index) : -1;
            }
            if ((slot & TAG_MASK) == tag && slots.get(LONG, ((long) index << 4) + 8) == bits
                    && ((int) slot - 1 == keys.nullId()) == rowNull) {
                return (int) slot - 1;
            }
            index = (index + 1) & mask;
        }
    }

    private void checkColumns(KeyColumn[] columns) {
        if (columns.length != types.length) {
            throw new IllegalArgumentException("expected " + types.length + " key columns, got " + columns.length);
        }
        for (int c = 0; c < types.length; c++) {
            if (columns[c].type() != types[c]) {
                throw new IllegalArgumentException("key column " + c + " is " + columns[c].type() + ", not " + types[c]);
            }
        }
    }

    private long[] hash(KeyColumn[] columns, int n, boolean simd) {
        if (batchHashes.length < n) {
            batchHashes = new long[n];
            scratch = new long[n];
        }
        HashExecutor.hash(columns, n, batchHashes, scratch, simd);
        return batchHashes;
    }

    private boolean directIds(KeyColumn[] columns, int n, int[] out, boolean simd) {
        KeyColumn key = columns[0];
        boolean ints = key.type() == KeyType.INT;
        if (ints) {
            DirectIds.intRange(key.data(), n, simd, range);
        } else {
            DirectIds.longRange(key.data(), n, simd, range);
        }
        if (!direct.cover(range[0], range[1])) {
            return false;
        }
        boolean miss = ints ? direct.mapInts(key.data(), n, out, simd) : direct.mapLongs(key.data(), n, out);
        if (miss) {
            for (int i = 0; i < n; i++) {
                if (out[i] < 0 && !key.isNull(i)) {
                    long k = key.keyBits(i);
                    int id = direct.get(k);
                    if (id < 0) {
                        id = deferred ? appendAscending(columns, i, k) : -1;
                        id = id >= 0 ? id : findOrInsert(columns, i, KeyColumn.hashRow(columns, i));
                        direct.put(k, id);
                    }
                    out[i] = id;
                }
            }
        }
        MemorySegment validity = key.validity();
        if (validity != null) {
            int words = Bitmaps.words(n);
            for (int w = 0; w < words; w++) {
                long nulls = ~Bitmaps.validityWord(validity, w, n) & Bitmaps.tailMask(w, n);
                while (nulls != 0) {
                    int i = (w << 6) + Long.numberOfTrailingZeros(nulls);
                    out[i] = findOrInsert(columns, i, KeyColumn.hashRow(columns, i));
                    nulls &= nulls - 1;
                }
            }
        }
        return true;
    }

    /**
     * The group id of row {@code row} whose key hashes to {@code hash}, adding the group if new
     * when {@code insert} (else -1 for a key not in the table); a one-column numeric key is
     * compared by the key bits its slot holds, without reading the stored keys.
     */
    public int locateRow(KeyColumn[] columns, int row, long hash, boolean insert) {
        if (!singleNumeric) {
            return locate(columns, row, hash, insert);
        }
        index();
        KeyColumn key = columns[0];
        boolean rowNull = key.isNull(row);
        return locateSingle(columns, row, hash, rowNull ? 0 : key.keyBits(row), rowNull, insert);
    }

    /** The group id of row {@code row} whose key hashes to {@code hash}, adding the group if new. */
    public int findOrInsert(KeyColumn[] columns, int row, long hash) {
        return locate(columns, row, hash, true);
    }

    /** The group id of row {@code row} whose key hashes to {@code hash}, or -1. */
    public int find(KeyColumn[] columns, int row, long hash) {
        return locate(columns, row, hash, false);
    }

    private int locate(KeyColumn[] columns, int row, long hash, boolean insert) {
        index();
        long tag = hash & TAG_MASK;
        int index = (int) hash & mask;
        while (true) {
            long slot = slots.get(LONG, (long) index << 4);
            if (slot == 0) {
                return insert ? insert(columns, row, hash, index) : -1;
            }
            if ((slot & TAG_MASK) == tag && keys.equalsRow((int) slot - 1, columns, row)) {
                return (int) slot - 1;
            }
            index = (index + 1) & mask;
        }
    }

    private int insert(KeyColumn[] columns, int row, long hash, int index) {
        int id = keys.append(columns, row);
        setSlot(index, hash, id);
        if (bloom != null) {
            addToBloom(hash);
        }
        recordHash(id, hash);
        if ((long) keys.size() * 2 > mask + 1L) {
            rebuild((mask + 1) * 2);
        }
        return id;
    }

    /** Keeps group {@code id}'s hash, from which the slots are rebuilt. */
    private void recordHash(int id, long hash) {
        if ((long) id >= hashes.byteSize() >>> 3) {
            MemorySegment grown = allocator.allocate(hashes.byteSize() * 2);
            MemorySegment.copy(hashes, 0, grown, 0, hashes.byteSize());
            allocator.release(hashes);
            hashes = grown;
        }
        hashes.setAtIndex(LONG, id, hash);
    }

    /** Builds the slots of the groups appended while {@link #deferred}, at most half full. */
    private void index() {
        if (!deferred) {
            return;
        }
        deferred = false;
        int capacity = mask + 1;
        while (capacity > 0 && (long) keys.size() * 2 >= capacity) {
            capacity *= 2;
        }
        rebuild(capacity);
    }

    /** A slot is 16 bytes: tag and id + 1, then (one-column numeric keys) the key bits, read in the same cache line. */
    private void setSlot(int index, long hash, int id) {
        long at = (long) index << 4;
        slots.set(LONG, at, (hash & TAG_MASK) | (id + 1L));
        if (singleNumeric) {
            slots.set(LONG, at + 8, keys.keyBits(0, id));
        }
    }

    /** Puts every group into new slots of {@code capacity} (a power of two). */
    private void rebuild(int capacity) {
        if (capacity <= 0) {
            throw new IllegalStateException("group hash table cannot grow past 2^30 slots");
        }
        // Allocate before releasing: if the query's memory refuses, the table stays whole and closable.
        MemorySegment grown = allocator.allocate((long) capacity << 4);
        MemorySegment grownBloom;
        try {
            grownBloom = bloom == null ? null : newBloom(capacity);
        } catch (RuntimeException e) {
            allocator.release(grown);
            throw e;
        }
        allocator.release(slots);
        slots = grown;
        if (bloom != null) {
            allocator.release(bloom);
            bloom = grownBloom;
        }
        mask = capacity - 1;
        int count = keys.size();
        for (int id = 0; id < count; id++) {
            long hash = hashes.getAtIndex(LONG, id);
            int index = (int) hash & mask;
            while (slots.get(LONG, (long) index << 4) != 0) {
                index = (index + 1) & mask;
            }
            setSlot(index, hash, id);
            if (bloom != null) {
                addToBloom(hash);
            }
        }
    }

    /** Off-heap bytes this table holds (its own allocator only; 0 after close). */
    public long allocatedBytes() {
        return ownAllocator == null ? -1 : ownAllocator.allocatedBytes();
    }

    @Override
    public void close() {
        keys.close();
        if (slots != null) {
            allocator.release(slots);
            slots = null;
        }
        if (hashes != null) {
            allocator.release(hashes);
            hashes = null;
        }
        if (bloom != null) {
            allocator.release(bloom);
            bloom = null;
        }
    }
}
