package io.blueshift.executor.table;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A table's rows in memory as immutable column chunks. Appending publishes a new list of chunks
 * (copy on write), so a running scan keeps reading the chunks it started with while INSERTs land;
 * chunks are shared with scans without copying (reference-counted Arrow buffers) and freed when
 * the table and every scan that holds them are done. The storage issue replaces this with
 * persisted segments behind the same scan interface.
 */
public final class MemTable implements AutoCloseable {
    private final BufferAllocator allocator;
    private final List<SqlType> types;
    private volatile List<Batch> chunks = List.of();
    private volatile long rowCount;

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

    /** The chunks of one consistent version of the table. */
    public List<Batch> snapshot() {
        return chunks;
    }

    public long rowCount() {
        return rowCount;
    }

    private List<Batch> uniqueFor;
    private List<Integer> unique;

    /** The integer columns without duplicate values in the current version (computed once per version). */
    public synchronized List<Integer> uniqueColumns() {
        if (uniqueFor != chunks) {
            unique = Uniqueness.uniqueColumns(types, chunks);
            uniqueFor = chunks;
        }
        return unique;
    }

    private List<Batch> distinctFor;
    private final java.util.Map<Integer, Long> distinct = new java.util.HashMap<>();
    /** Distinct counts kept from an earlier version (ANALYZE): estimates that may have gone stale. */
    private final java.util.Map<Integer, Long> analyzed = new java.util.HashMap<>();

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
    public record Statistics(List<Integer> uniqueColumns, java.util.Map<Integer, Long> distinctCounts) {
    }

    /** Computes every column's statistics for the current version (ANALYZE). */
    public synchronized Statistics analyze() {
        analyzed.clear();
        java.util.Map<Integer, Long> ndv = new java.util.TreeMap<>();
        for (int c = 0; c < types.size(); c++) {
            ndv.put(c, distinctCount(c));
        }
        analyzed.putAll(ndv);
        return new Statistics(uniqueColumns(), ndv);
    }

    /** What is known of the current version without computing anything (for storage to keep). */
    public synchronized Statistics knownStatistics() {
        java.util.Map<Integer, Long> ndv = new java.util.TreeMap<>(analyzed);
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

    private final java.util.Map<Batch, io.blueshift.columnar.store.ZoneMap[]> zones = new java.util.WeakHashMap<>();

    /**
     * The zone map of one column of one chunk: kept by storage for chunks read from disk, computed
     * once (one pass over the column) for chunks in memory.
     */
    public io.blueshift.columnar.store.ZoneMap zone(Batch chunk, int column) {
        io.blueshift.columnar.store.ZoneMap stored = chunk.storedZone(column);
        if (stored != null) {
            return stored;
        }
        synchronized (zones) {
            io.blueshift.columnar.store.ZoneMap[] perColumn = zones.computeIfAbsent(chunk,
                    c -> new io.blueshift.columnar.store.ZoneMap[types.size()]);
            if (perColumn[column] == null) {
                perColumn[column] = io.blueshift.columnar.store.ZoneMap.of(chunk.vector(column), types.get(column),
                        chunk.rowCount());
            }
            return perColumn[column];
        }
    }

    /** Appends chunks (allocated from {@link #allocator()}); the table takes ownership. */
    public synchronized void append(List<Batch> added) {
        List<Batch> next = new ArrayList<>(chunks);
        long rows = rowCount;
        for (Batch b : added) {
            if (b.rowCount() > 0) {
                next.add(b);
                rows += b.rowCount();
            } else {
                b.close();
            }
        }
        chunks = List.copyOf(next);
        rowCount = rows;
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
        sortedChunks = 0;
        List<Batch> old = chunks;
        chunks = List.copyOf(all);
        long rows = 0;
        for (Batch b : all) {
            rows += b.rowCount();
        }
        rowCount = rows;
        old.forEach(Batch::close);
    }

    @Override
    public synchronized void close() {
        chunks.forEach(Batch::close);
        chunks = List.of();
        rowCount = 0;
        allocator.close();
    }
}
