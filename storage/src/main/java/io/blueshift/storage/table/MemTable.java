package io.blueshift.storage.table;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.ZoneMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A table's rows as immutable column chunks (in memory, or stored and read on first use), each
 * with the deletion vector of its deleted rows. Every change publishes a new {@link Version}
 * (copy on write), so a running scan keeps reading the version it started with while INSERTs,
 * DELETEs and UPDATEs land; chunks are shared with scans without copying (reference-counted Arrow
 * buffers).
 */
public final class MemTable implements AutoCloseable {
    private final BufferAllocator allocator;
    private final List<SqlType> types;
    private volatile Version version = new Version(List.of(), Map.of(), 0);
    /** The chunk list of the current version (what the statistics caches are keyed on). */
    private volatile List<Batch> chunks = List.of();

    /**
     * One consistent state of the table: its chunks, the deletion vectors of those that have
     * deleted rows, and the number of live rows.
     */
    public record Version(List<Batch> chunks, Map<Batch, Deletes> deletes, long rowCount) {
        public Version {
            chunks = List.copyOf(chunks);
            deletes = Collections.unmodifiableMap(new IdentityHashMap<>(deletes));
        }

        /** The deleted rows of a chunk of this version, or null when it has none. */
        public Deletes deletes(Batch chunk) {
            return deletes.get(chunk);
        }
    }

    private static final AtomicLong NEXT_ID = new AtomicLong();

    /** Unique in the process and never reused: the order in which a commit takes tables' write locks. */
    private final long id = NEXT_ID.incrementAndGet();

    private final ReentrantLock writeLock = new ReentrantLock();

    /** This table's place in the one order every statement takes write locks in (see {@link #writeLock}). */
    public long id() {
        return id;
    }

    /**
     * Held by a statement that deletes or rewrites rows (UPDATE, DELETE, TRUNCATE, VACUUM, ALTER)
     * for as long as it works out its change: row ids of one version stay valid while it is held
     * (INSERTs, which only append, and readers do not take it).
     */
    public ReentrantLock writeLock() {
        return writeLock;
    }

    public MemTable(BufferAllocator allocator, List<SqlType> types) {
        this.allocator = allocator;
        this.types = List.copyOf(types);
    }

    /** The allocator new chunks must be allocated from (the table owns them). */
    public BufferAllocator allocator() {
        return allocator;
    }

    public List<SqlType> types() {
        return types;
    }

    /** The chunks of one consistent version of the table (deleted rows included; see {@link #version}). */
    public List<Batch> snapshot() {
        return version.chunks();
    }

    /** The current version: chunks and deletion vectors. */
    public Version version() {
        return version;
    }

    /** The number of live rows. */
    public long rowCount() {
        return version.rowCount();
    }

    private void publish(List<Batch> newChunks, Map<Batch, Deletes> deletes) {
        long rows = 0;
        for (Batch b : newChunks) {
            Deletes d = deletes.get(b);
            rows += b.rowCount() - (d == null ? 0 : d.count());
        }
        version = new Version(newChunks, deletes, rows);
        chunks = version.chunks();
    }

    private List<Batch> uniqueFor;
    private List<Integer> unique;

    /** The integer columns without duplicate values in the current version (computed once per version). */
    public synchronized List<Integer> uniqueColumns() {
        if (uniqueFor != chunks) {
            unique = Uniqueness.uniqueColumns(types, chunks, this::zone);
            uniqueFor = chunks;
        }
        return unique;
    }

    private List<Batch> distinctFor;
    private final Map<Integer, Long> distinct = new HashMap<>();
    /** Distinct counts kept from an earlier version (ANALYZE): estimates that may have gone stale. */
    private final Map<Integer, Long> analyzed = new HashMap<>();

    /**
     * The estimated number of distinct non-null values of a column, or -1 where it cannot be
     * estimated: computed once per version and column on first use, unless ANALYZE left an
     * estimate (which stays in use, like Redshift's statistics, until the next ANALYZE).
     */
    public synchronized long distinctCount(int column) {
        if (distinctFor != chunks) {
            distinct.clear();
            distinctFor = chunks;
        }
        Long known = distinct.get(column);
        if (known == null) {
            known = analyzed.get(column);
        }
        if (known == null) {
            known = DistinctCounts.estimate(chunks, column);
            distinct.put(column, known);
        }
        return known;
    }

    /** Statistics of the current version, as ANALYZE computes them and storage keeps them. */
    public record Statistics(List<Integer> uniqueColumns, Map<Integer, Long> distinctCounts) {
    }

    /** Computes every column's statistics for the current version (ANALYZE). */
    public synchronized Statistics analyze() {
        analyzed.clear();
        Map<Integer, Long> ndv = new TreeMap<>();
        for (int c = 0; c < types.size(); c++) {
            ndv.put(c, distinctCount(c));
        }
        analyzed.putAll(ndv);
        return new Statistics(uniqueColumns(), ndv);
    }

    /** What is known of the current version without computing anything (for storage to keep). */
    public synchronized Statistics knownStatistics() {
        Map<Integer, Long> ndv = new TreeMap<>(analyzed);
        if (distinctFor == chunks) {
            ndv.putAll(distinct);
        }
        return new Statistics(uniqueFor == chunks ? unique : null, ndv);
    }

    /** Statistics storage kept for the current version (uniqueness: null when not known). */
    public synchronized void seed(Statistics statistics) {
        if (statistics.uniqueColumns() != null) {
            unique = List.copyOf(statistics.uniqueColumns());
            uniqueFor = chunks;
        }
        analyzed.putAll(statistics.distinctCounts());
    }

    private final Map<Batch, ZoneMap[]> zones = new WeakHashMap<>();

    /**
     * The zone map of one column of one chunk: kept by storage for chunks read from disk, computed
     * once (one pass over the column) for chunks in memory.
     */
    public ZoneMap zone(Batch chunk, int column) {
        ZoneMap stored = chunk.storedZone(column);
        if (stored != null) {
            return stored;
        }
        synchronized (zones) {
            ZoneMap[] perColumn = zones.computeIfAbsent(chunk,
                    c -> new ZoneMap[types.size()]);
            if (perColumn[column] == null) {
                chunk.pin(); // pinned, not held: the buffer pool may evict the column once it is summed up
                try {
                    perColumn[column] = ZoneMap.of(chunk.pinnedVector(column), types.get(column), chunk.rowCount());
                } finally {
                    chunk.unpin();
                }
            }
            return perColumn[column];
        }
    }

    /** Appends chunks (allocated from {@link #allocator()}); the table takes ownership. */
    public synchronized void append(List<Batch> added) {
        change(Map.of(), added);
    }

    /**
     * Appends chunks and deletes rows, as one change (an UPDATE is both). {@code deleted} maps
     * chunks of the current version or of {@code added} to rows to delete, on top of those
     * already deleted.
     */
    public synchronized void change(Map<Batch, Deletes> deleted, List<Batch> added) {
        Version v = version;
        List<Batch> next = new ArrayList<>(v.chunks());
        Map<Batch, Deletes> deletes = new IdentityHashMap<>(v.deletes());
        boolean grew = false;
        for (Batch b : added) {
            if (b.rowCount() > 0) {
                next.add(b);
                grew = true;
            } else {
                b.close();
            }
        }
        Set<Batch> held = Collections.newSetFromMap(new IdentityHashMap<>());
        held.addAll(next);
        for (Map.Entry<Batch, Deletes> e : deleted.entrySet()) {
            if (!held.contains(e.getKey())) {
                throw new IllegalStateException("a delete of a chunk the table does not hold");
            }
            deletes.put(e.getKey(), e.getValue().union(deletes.get(e.getKey())));
        }
        // a change that only deletes keeps the chunk list (and the statistics computed on it)
        publish(grew ? next : v.chunks(), deletes);
    }

    /** Sets the deletion vectors of chunks (storage loading a table), replacing any they had. */
    public synchronized void setDeletes(Map<Batch, Deletes> deletes) {
        Map<Batch, Deletes> all = new IdentityHashMap<>(version.deletes());
        all.putAll(deletes);
        publish(version.chunks(), all);
    }

    private volatile int sortedChunks;

    /** How many leading chunks hold their rows in sort key order (VACUUM sorts; INSERTs append unsorted chunks). */
    public int sortedChunks() {
        return sortedChunks;
    }

    public synchronized void setSortedChunks(int count) {
        sortedChunks = Math.min(count, chunks.size());
    }

    /** Replaces every chunk (ALTER TABLE rewrites, TRUNCATE, VACUUM); the old chunks are freed. */
    public synchronized void replace(List<Batch> all) {
        replace(all, Map.of());
    }

    /** Replaces every chunk, with deletion vectors for some of the new ones, as one version (RESTORE). */
    public synchronized void replace(List<Batch> all, Map<Batch, Deletes> deletes) {
        sortedChunks = 0;
        List<Batch> old = version.chunks();
        publish(List.copyOf(all), deletes);
        retired.addAll(old);
        freeRetired();
    }

    private final Map<Batch, Integer> slices = Collections.synchronizedMap(new IdentityHashMap<>());
    private int nextSlice;

    /** The slice a chunk belongs to, or -1 (a table distributed ALL, or chunks from before slices). */
    public int slice(Batch chunk) {
        Integer s = slices.get(chunk);
        return s == null ? -1 : s;
    }

    public void setSlice(Batch chunk, int slice) {
        slices.put(chunk, slice);
    }

    private final Map<Batch, Integer> sliceKeys = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Records that a chunk holds exactly the rows of its slice whose key column {@code column} hashes there. */
    public void setSlice(Batch chunk, int slice, int column) {
        slices.put(chunk, slice);
        sliceKeys.put(chunk, column);
    }

    /** The key column a chunk was split by into its slice, or -1. */
    public int sliceKey(Batch chunk) {
        Integer k = sliceKeys.get(chunk);
        return k == null ? -1 : k;
    }

    /** Whether every chunk of a version was split by the hash of {@code column} (so joins on it may run slice by slice). */
    public boolean slicedBy(Version v, int column) {
        for (Batch b : v.chunks()) {
            if (sliceKey(b) != column) {
                return false;
            }
        }
        return true;
    }

    /** The next slice in turn (DISTSTYLE EVEN deals chunks out round robin). */
    public synchronized int nextSlice(int count) {
        return nextSlice++ % count;
    }

    /** Readers of some version (scans, transaction snapshots) that have not finished. */
    private int readers;
    /** Chunks no longer in the current version, freed once no reader can still hold them. */
    private final List<Batch> retired = new ArrayList<>();

    /**
     * Marks a reader of the current or an earlier version: chunks a TRUNCATE, VACUUM or ALTER
     * takes out of the table stay allocated until every reader that started before is done.
     * Each pin must be matched by one {@link #unpin}.
     */
    public synchronized void pin() {
        readers++;
    }

    /** Whether no reader holds a version of the table. */
    public synchronized boolean idle() {
        return readers == 0;
    }

    public synchronized void unpin() {
        readers--;
        freeRetired();
        if (closeWhenIdle && readers == 0) {
            close();
        }
    }

    private void freeRetired() {
        if (readers == 0 && !retired.isEmpty()) {
            retired.forEach(b -> {
                slices.remove(b);
                sliceKeys.remove(b);
                b.close();
            });
            retired.clear();
        }
    }

    private boolean closeWhenIdle;
    private boolean closed;

    /**
     * Frees the table once no scan or snapshot reads it any more (at once when none does): what
     * DROP and ALTER TABLE do with a table they take out of the catalog.
     */
    public synchronized void closeWhenIdle() {
        closeWhenIdle = true;
        if (readers == 0) {
            close();
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        retired.forEach(Batch::close);
        retired.clear();
        version.chunks().forEach(Batch::close);
        publish(List.of(), Map.of());
        allocator.close();
    }
}
