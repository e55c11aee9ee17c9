package io.blueshift.storage;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.ColumnEncodings;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.format.Manifest;
import io.blueshift.storage.format.SegmentWriter;
import io.blueshift.storage.format.StoredColumn;
import io.blueshift.storage.table.DistinctCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a bulk load (COPY) puts a table's new chunks as it makes them, so the load holds only the
 * chunks in flight whatever the size of its input. On a database directory each chunk is cut by
 * slice, encoded on the thread that parsed it ({@link #prepare}) and written in order to one
 * staged segment file ({@link #accept}); {@link #finish} forces the file and hands back stored
 * chunks that read their columns from it on first use, which the statement then appends as one
 * change and commits (the commit references the file, writing nothing again). A load that fails or
 * is cancelled closes the sink, which deletes the file: nothing of it was ever visible. In memory
 * the chunks are kept as they are.
 */
public final class ChunkSink implements AutoCloseable {
    /** A chunk ready to append: in memory, or encoded for the staged file; with its slice. */
    public record Prepared(Batch chunk, SegmentWriter.EncodedChunk encoded, int slice, int keyColumn) {
        /** Frees a chunk the sink never took. */
        public void close() {
            if (chunk != null) {
                chunk.close();
            }
        }
    }

    /** A chunk written to the staged file: its row group there and its slice. */
    private record Written(int rowGroup, int slice, int keyColumn) {
    }

    private final DatabaseStorage storage;
    private final TableDef table;
    private final MemoryPool memory;
    private final List<StoredColumn.Choice> choices = new ArrayList<>();
    private final String segment;
    private final SegmentWriter writer;
    private final List<Prepared> inMemory = new ArrayList<>();
    private final List<Written> written = new ArrayList<>();
    private long rows;
    /**
     * Distinct-value sketches per column, one array per loading thread, kept while loading into an
     * empty table (Redshift's COPY updates the statistics of an empty table the same way), so the
     * planner need not read the columns back to estimate them; null otherwise.
     */
    private final Map<Thread, DistinctCounts.Sketch[]> sketches;
    /** Columns a sketch cannot hash. */
    private final Set<Integer> unsketched = ConcurrentHashMap.newKeySet();
    /** The chunks went to the caller ({@link #finish}); closing frees nothing then. */
    private boolean handedOver;

    private ChunkSink(DatabaseStorage storage, TableDef table, MemoryPool memory) {
        this.storage = storage;
        this.table = table;
        this.memory = memory;
        for (ColumnDef c : table.columns()) {
            choices.add(ColumnEncodings.choice(c.encoding(), c.type()));
        }
        sketches = table.data().version().rowCount() == 0 ? new ConcurrentHashMap<>() : null;
        if (storage != null) {
            segment = storage.directory().stageSegmentName();
            try {
                writer = SegmentWriter.create(storage.directory().segmentPath(segment));
            } catch (RuntimeException e) {
                storage.directory().unstage(segment);
                throw e;
            }
        } else {
            segment = null;
            writer = null;
        }
    }

    /** A sink for new chunks of {@code table}: staged on disk when {@code storage} is not null. */
    static ChunkSink of(DatabaseStorage storage, TableDef table, MemoryPool memory) {
        return new ChunkSink(storage, table, memory);
    }

    /**
     * Cuts a new chunk by slice and, on disk, encodes its pieces; the chunk is consumed. Runs on
     * any thread; hand the result to {@link #accept} in the order the rows should keep.
     */
    public List<Prepared> prepare(Batch chunk) {
        if (sketches != null) {
            try {
                sketch(chunk);
            } catch (RuntimeException e) {
                chunk.close();
                throw e;
            }
        }
        List<Slices.Piece> pieces = Slices.split(memory, table, chunk);
        List<Prepared> out = new ArrayList<>(pieces.size());
        int next = 0;
        try {
            for (; next < pieces.size(); next++) {
                Slices.Piece p = pieces.get(next);
                if (writer == null) {
                    out.add(new Prepared(p.chunk(), null, p.slice(), p.keyColumn()));
                } else {
                    try (Batch piece = p.chunk()) {
                        out.add(new Prepared(null, SegmentWriter.encode(piece, choices), p.slice(), p.keyColumn()));
                    }
                }
            }
        } catch (RuntimeException e) {
            out.forEach(Prepared::close);
            pieces.subList(Math.min(next + 1, pieces.size()), pieces.size()).forEach(p -> p.chunk().close());
            throw e;
        }
        return out;
    }

    private void sketch(Batch chunk) {
        DistinctCounts.Sketch[] mine = sketches.computeIfAbsent(Thread.currentThread(), t -> {
            DistinctCounts.Sketch[] s = new DistinctCounts.Sketch[table.columns().size()];
            for (int c = 0; c < s.length; c++) {
                s[c] = new DistinctCounts.Sketch();
            }
            return s;
        });
        for (int c = 0; c < mine.length; c++) {
            if (!unsketched.contains(c) && !mine[c].add(chunk, c)) {
                unsketched.add(c);
            }
        }
    }

    /**
     * The estimated distinct values per column of what the sink took, when it sketched them (a
     * load into an empty table), else null.
     */
    public synchronized Map<Integer, Long> distinctCounts() {
        if (sketches == null || rows == 0) {
            return null;
        }
        Map<Integer, Long> out = new TreeMap<>();
        for (int c = 0; c < table.columns().size(); c++) {
            if (unsketched.contains(c)) {
                continue;
            }
            DistinctCounts.Sketch all = new DistinctCounts.Sketch();
            for (DistinctCounts.Sketch[] s : sketches.values()) {
                all.merge(s[c]);
            }
            out.put(c, all.estimate());
        }
        return out;
    }

    /** Takes prepared chunks as the load's next rows (on disk: writes them now); they are the sink's from here. */
    public synchronized void accept(List<Prepared> prepared) {
        if (handedOver) {
            prepared.forEach(Prepared::close);
            throw new IllegalStateException("chunk sink already finished");
        }
        for (Prepared p : prepared) {
            if (writer != null) {
                written.add(new Written(writer.append(p.encoded()), p.slice(), p.keyColumn()));
                rows += p.encoded().rowCount();
            } else {
                inMemory.add(p);
                rows += p.chunk().rowCount();
            }
        }
    }

    /** Rows accepted so far. */
    public synchronized long rows() {
        return rows;
    }

    /**
     * The accepted chunks, in order, with their slices recorded in the table; on disk the staged
     * file is finished and forced first. The caller owns the chunks and appends them as one change.
     */
    public synchronized List<Batch> finish() {
        List<Batch> chunks = new ArrayList<>();
        if (writer == null) {
            for (Prepared p : inMemory) {
                chunks.add(slice(p.chunk(), p.slice(), p.keyColumn()));
            }
        } else if (written.isEmpty()) {
            // nothing loaded: no file for a manifest to reference
            handedOver = true;
            try {
                writer.close();
            } finally {
                storage.directory().unstage(segment);
            }
            return chunks;
        } else {
            var groups = writer.finish();
            for (Written w : written) {
                chunks.add(slice(storage.storedChunk(new Manifest.ChunkRef(segment, w.rowGroup(), groups.get(w.rowGroup()).rowCount()),
                        table.columns(), table.data().allocator()), w.slice(), w.keyColumn()));
            }
        }
        handedOver = true;
        inMemory.clear();
        return chunks;
    }

    private Batch slice(Batch chunk, int slice, int keyColumn) {
        if (slice >= 0) {
            table.data().setSlice(chunk, slice, keyColumn);
        }
        return chunk;
    }

    /** Frees what was not handed over: chunks in memory, or the staged file. */
    @Override
    public synchronized void close() {
        if (handedOver) {
            return;
        }
        handedOver = true;
        inMemory.forEach(Prepared::close);
        inMemory.clear();
        if (writer != null) {
            try {
                writer.close();
            } finally {
                storage.directory().unstage(segment);
            }
        }
    }

    /**
     * After the chunks of {@link #finish} were given up (their change failed, or the transaction
     * holding them rolled back): the staged file goes too.
     */
    public void discard() {
        if (segment != null) {
            storage.directory().unstage(segment);
        }
    }
}
