package io.blueshift.columnar;

import io.blueshift.kernels.Selection;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A few thousand rows of several columns: Arrow vectors (off-heap values and validity bitmaps)
 * plus an optional {@link Selection} of the live rows. A filter attaches a selection instead of
 * copying rows; without one every row is live.
 *
 * <p>The batch owns its vectors and frees them on {@link #close()}. The memory views it hands to
 * kernels ({@link #values}, {@link #validity}, {@link #offsets}) are valid until the batch is
 * closed or a vector is reallocated.
 */
public final class Batch implements AutoCloseable {
    private final List<String> names;
    private final SqlType[] types;
    private final FieldVector[] vectors;
    private final ColumnSource source;
    /** The pool a stored batch keeps its columns in, or null (kept until closed). */
    private final BufferPool pool;
    /** Per column of a stored batch in a pool: its slot there while loaded (guarded by this). */
    private final BufferPool.Entry[] entries;
    /** Readers holding a stored batch's columns in memory ({@link #pin}; guarded by this). */
    private int pins;
    /** The query that pinned the batch last ({@link #pin(long)}; 0 for none), whose reads its columns count as (guarded by this). */
    private long reader;
    private int rowCount;
    private Selection selection;

    /** Reads a column of a stored batch when it is first used. */
    @FunctionalInterface
    public interface ColumnSource {
        /** The column's values as a new vector of the batch's row count; the batch takes ownership. */
        FieldVector load(int column);

        /** What storage knows of the column's values without reading them, or null. */
        default ZoneMap zone(int column) {
            return null;
        }

        /** Where storage keeps the rows (storage's own reference, opaque here), or null. */
        default Object location() {
            return null;
        }
    }

    /**
     * A batch over {@code vectors}, taking ownership of them. Every vector must hold at least
     * {@code rowCount} values.
     */
    public Batch(List<String> names, SqlType[] types, FieldVector[] vectors, int rowCount) {
        if (names.size() != types.length || types.length != vectors.length) {
            throw new IllegalArgumentException("names, types and vectors differ in count");
        }
        this.names = List.copyOf(names);
        this.types = types.clone();
        this.vectors = vectors.clone();
        this.source = null;
        this.pool = null;
        this.entries = null;
        setRowCount(rowCount);
    }

    private Batch(List<String> names, SqlType[] types, int rowCount, ColumnSource source, BufferPool pool) {
        if (names.size() != types.length) {
            throw new IllegalArgumentException("names and types differ in count");
        }
        this.names = List.copyOf(names);
        this.types = types.clone();
        this.vectors = new FieldVector[types.length];
        this.source = source;
        this.pool = pool;
        this.entries = pool == null ? null : new BufferPool.Entry[types.length];
        this.rowCount = rowCount;
    }

    /**
     * A batch of stored rows whose columns are read from {@code source} on first use and then kept
     * (a table chunk backed by a segment file: a query reads only the columns it touches).
     */
    public static Batch stored(List<String> names, SqlType[] types, int rowCount, ColumnSource source) {
        return new Batch(names, types, rowCount, source, null);
    }

    /**
     * A stored batch whose columns, once read, are kept in {@code pool}: evicted when the pool
     * needs the room and nothing holds them, and read again on the next use.
     */
    public static Batch stored(List<String> names, SqlType[] types, int rowCount, ColumnSource source, BufferPool pool) {
        return new Batch(names, types, rowCount, source, pool);
    }

    /** An empty batch of the given columns with room for {@code capacity} rows. */
    public static Batch allocate(QueryMemory memory, List<String> names, List<SqlType> types, int capacity) {
        FieldVector[] vectors = new FieldVector[types.size()];
        try {
            for (int i = 0; i < vectors.length; i++) {
                Field field = ArrowTypes.field(names.get(i), types.get(i), true);
                vectors[i] = memory.newVector(field, capacity);
            }
        } catch (RuntimeException e) {
            for (FieldVector v : vectors) {
                if (v != null) {
                    v.close();
                }
            }
            throw e;
        }
        return new Batch(names, types.toArray(new SqlType[0]), vectors, 0);
    }

    public int columnCount() {
        return vectors.length;
    }

    /** The number of rows held, live or not. */
    public int rowCount() {
        return rowCount;
    }

    /** Sets the number of rows held (after writing them) and clears the selection. */
    public void setRowCount(int rowCount) {
        if (source != null) {
            throw new IllegalStateException("a stored batch is immutable");
        }
        for (FieldVector v : vectors) {
            if (v.getValueCapacity() < rowCount) {
                throw new IllegalArgumentException("vector " + v.getName() + " holds " + v.getValueCapacity()
                        + " values, fewer than " + rowCount);
            }
            v.setValueCount(rowCount);
        }
        this.rowCount = rowCount;
        this.selection = null;
        assert checkInvariants();
    }

    /** The live rows, or null when every row is live. */
    public Selection selection() {
        return selection;
    }

    /** Attaches a selection of live rows (null: all rows); its positions must be below the row count. */
    public void setSelection(Selection selection) {
        this.selection = selection;
        assert checkInvariants();
    }

    /** Checks docs/invariants.md for this batch; called under {@code assert}. */
    boolean checkInvariants() {
        for (int c = 0; c < vectors.length; c++) {
            FieldVector v = vectors[c];
            if (v != null && v.getValueCount() != rowCount) {
                throw new AssertionError("column " + names.get(c) + " has " + v.getValueCount()
                        + " values in a batch of " + rowCount);
            }
        }
        if (selection != null && !selection.isEmpty()) {
            int last = selection.get(selection.count() - 1);
            if (selection.get(0) < 0 || last >= rowCount) {
                throw new AssertionError(selection + " outside a batch of " + rowCount + " rows");
            }
        }
        return true;
    }

    /** The number of live rows. */
    public int liveCount() {
        return selection == null ? rowCount : selection.count();
    }

    public String name(int column) {
        return names.get(column);
    }

    public List<String> names() {
        return names;
    }

    public SqlType type(int column) {
        return types[column];
    }

    /**
     * A column's vector, owned by the batch. A column of a stored batch in a buffer pool is held in
     * memory for good once taken this way (the caller may keep the vector as long as the batch
     * lives); readers that can say when they are done use {@link #pin} and {@link #pinnedVector}.
     */
    public FieldVector vector(int column) {
        return source == null ? vectors[column] : load(column, true);
    }

    /**
     * Holds a stored batch's columns in memory until {@link #unpin}: no pool evicts them meanwhile.
     * Nothing for a batch that is not stored.
     */
    public void pin() {
        pin(0);
    }

    /**
     * {@link #pin()} for the query numbered {@code reader} ({@link QueryMemory#id}): the columns
     * it reads before {@link #unpin} count as its reads, which a buffer pool keeps from being
     * evicted by the same query's later reads.
     */
    public void pin(long reader) {
        if (pool != null) {
            synchronized (this) {
                pins++;
                this.reader = reader;
            }
        }
    }

    public void unpin() {
        if (pool != null) {
            boolean release;
            synchronized (this) {
                if (pins <= 0) {
                    throw new IllegalStateException("a stored batch unpinned more often than pinned");
                }
                pins--;
                release = pins == 0 && onProbation;
                if (release) {
                    onProbation = false;
                }
            }
            if (release) {
                pool.release(this); // outside this monitor: the pool's comes first
            }
        }
    }

    /** Whether the pool put one of this batch's columns on probation since it was last unpinned (guarded by this). */
    private boolean onProbation;

    /** The pool put a column of this batch on probation: free it when the batch is next unpinned. */
    synchronized void onProbation() {
        onProbation = true;
    }

    /**
     * A column's vector while the batch is pinned (valid until {@link #unpin}; to keep its values
     * longer, share them: {@code Vectors.share}).
     */
    public FieldVector pinnedVector(int column) {
        return source == null ? vectors[column] : load(column, false);
    }

    /** The zone map storage keeps for a column of a stored batch (read without loading it), or null. */
    public ZoneMap storedZone(int column) {
        return source == null ? null : source.zone(column);
    }

    /** Where storage keeps a stored batch's rows ({@link ColumnSource#location}), or null. */
    public Object storedLocation() {
        return source == null ? null : source.location();
    }

    private boolean closed;

    /**
     * A stored column, read on first use; with a pool, the read column is admitted to it (a miss)
     * and a loaded one counted as a hit, outside this batch's monitor (the pool's comes first).
     */
    private FieldVector load(int column, boolean hold) {
        FieldVector v;
        BufferPool.Entry admitted = null;
        BufferPool.Entry holdNow = null;
        synchronized (this) {
            if (!hold && pool != null && pins <= 0) {
                throw new IllegalStateException("column " + names.get(column) + " of a stored batch read without a pin");
            }
            v = vectors[column];
            if (v == null) {
                if (closed) {
                    throw new IllegalStateException("column " + names.get(column) + " of a closed stored batch");
                }
                v = source.load(column);
                if (v.getValueCount() != rowCount) {
                    v.close();
                    throw new IllegalStateException("column " + names.get(column) + " loaded with " + v.getValueCount()
                            + " values for a batch of " + rowCount);
                }
                vectors[column] = v;
                if (pool != null) {
                    admitted = new BufferPool.Entry(this, column, BufferPool.bytes(v));
                    admitted.reader = reader;
                    entries[column] = admitted;
                }
            } else if (pool != null && entries[column] != null) {
                BufferPool.Entry e = entries[column];
                e.referenced = true;
                e.reader = reader;
                if (hold && !e.heldByBatch) {
                    e.heldByBatch = true;
                    holdNow = e;
                }
            }
            if (admitted != null) {
                admitted.heldByBatch = hold;
            }
        }
        if (admitted != null) {
            pool.admit(admitted, hold);
        } else if (pool != null) {
            pool.hit();
            if (holdNow != null) {
                pool.hold(holdNow);
            }
        }
        return v;
    }

    /** Frees a column the pool chose, unless the batch is pinned or the column held; whether it is gone. */
    synchronized boolean evict(BufferPool.Entry e) {
        if (closed) {
            return true;
        }
        if (pins > 0 || e.heldByBatch || entries[e.column] != e) {
            return false;
        }
        vectors[e.column].close();
        vectors[e.column] = null;
        entries[e.column] = null;
        return true;
    }

    /** Whether the batch was closed or no longer keeps the column of {@code e}. */
    synchronized boolean gone(BufferPool.Entry e) {
        return closed || entries[e.column] != e;
    }

    /** Whether a stored column is in memory now (for tests of the pool). */
    public synchronized boolean isLoaded(int column) {
        return vectors[column] != null;
    }

    /** The values of a column: fixed-width values, bits for BOOLEAN, UTF-8 bytes for strings. */
    public MemorySegment values(int column) {
        return QueryMemory.segment(vector(column).getDataBuffer());
    }

    /** The int32 offsets (row count + 1 of them) of a string column. */
    public MemorySegment offsets(int column) {
        if (!(vector(column) instanceof BaseVariableWidthVector v)) {
            throw new IllegalStateException("column " + names.get(column) + " is not variable width");
        }
        return QueryMemory.segment(v.getOffsetBuffer());
    }

    /** The validity bitmap of a column, or null when it has no nulls (the kernels' fast path). */
    public MemorySegment validity(int column) {
        FieldVector v = vector(column);
        return v.getNullCount() == 0 ? null : QueryMemory.segment(v.getValidityBuffer());
    }

    /** One value as a Java object (see {@link Values}); slow, for tests and results. */
    public Object get(int column, int row) {
        return Values.get(vector(column), types[column], row);
    }

    /** Stores one value, growing the column when needed; slow, for loading rows and tests. */
    public void set(int column, int row, Object value) {
        if (source != null) {
            throw new IllegalStateException("a stored batch is immutable");
        }
        Values.set(vectors[column], types[column], row, value);
    }

    @Override
    public void close() {
        List<BufferPool.Entry> gone = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (int c = 0; c < vectors.length; c++) {
                if (vectors[c] != null) {
                    vectors[c].close();
                    if (source != null) {
                        vectors[c] = null;
                    }
                }
                if (entries != null && entries[c] != null) {
                    gone.add(entries[c]);
                    entries[c] = null;
                }
            }
        }
        if (!gone.isEmpty()) {
            pool.forget(gone);
        }
    }
}
