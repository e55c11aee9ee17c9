package io.blueshift.storage;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.MemoryPool;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.storage.table.MemTable;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.hash.HashMix;
import io.blueshift.storage.catalog.TableDef;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Redshift's slices inside one process: every table's chunks belong to one of {@link #COUNT}
 * slices. DISTSTYLE KEY splits each new chunk by a hash of the distribution key, so rows with
 * equal keys share a slice in every table distributed on that key, and a join on the keys runs
 * slice by slice (in parallel, on tables a slice's size). EVEN and AUTO deal whole chunks out in
 * turn; ALL leaves chunks in no slice (every slice reads them).
 */
public final class Slices {
    /** Slices per table (a small cluster's worth: enough to keep every core busy). */
    public static final int COUNT = 8;

    private Slices() {
    }

    /** The slice of an integer-like key value (all integer types and dates hash alike). */
    static int of(long value) {
        return slice(HashMix.hashLong(value));
    }

    private static int ofBytes(MemorySegment data, int from, int to) {
        return slice(HashMix.hashBytes(data, from, to - from));
    }

    private static int slice(long hash) {
        return (int) Long.remainderUnsigned(hash, COUNT);
    }

    /** Whether a column type can be a distribution key that joins slice by slice. */
    public static boolean hashable(SqlType type) {
        PhysicalType p = type.physical();
        return p == PhysicalType.SHORT || p == PhysicalType.INT || p == PhysicalType.LONG || p == PhysicalType.VARCHAR;
    }

    /** A chunk and the slice it belongs to (-1: none, DISTSTYLE ALL), split by key column {@code keyColumn} or -1. */
    public record Piece(Batch chunk, int slice, int keyColumn) {
    }

    /**
     * New chunks for a table, given their slices: split by key for DISTSTYLE KEY (the originals
     * are closed and replaced), dealt out in turn otherwise. A chunk that already has its slice
     * (split as it was loaded, see {@link ChunkSink}) keeps it.
     */
    public static List<Batch> assign(MemoryPool memory, TableDef table, List<Batch> chunks) {
        MemTable data = table.data();
        List<Batch> out = new ArrayList<>();
        try {
            for (Batch b : chunks) {
                if (data.slice(b) >= 0) {
                    out.add(b);
                    continue;
                }
                for (Piece piece : split(memory, table, b)) {
                    if (piece.slice() >= 0) {
                        data.setSlice(piece.chunk(), piece.slice(), piece.keyColumn());
                    }
                    out.add(piece.chunk());
                }
            }
        } catch (RuntimeException e) {
            out.forEach(Batch::close);
            throw e;
        }
        return out;
    }

    /**
     * One new chunk of a table cut by slice: for DISTSTYLE KEY into a piece per slice its rows hash
     * to (the chunk itself when all go to one; otherwise it is closed), for EVEN and AUTO the whole
     * chunk dealt the next slice, for ALL the chunk in no slice. Records nothing in the table.
     */
    public static List<Piece> split(MemoryPool memory, TableDef table, Batch b) {
        MemTable data = table.data();
        String style = table.design().distStyle();
        if (style.equals("ALL")) {
            return List.of(new Piece(b, -1, -1));
        }
        int key = style.equals("KEY") ? table.columnIndex(table.design().distKey()) : -1;
        if (key < 0 || !hashable(table.columns().get(key).type())) {
            return List.of(new Piece(b, data.nextSlice(COUNT), -1));
        }
        if (b.rowCount() == 0) {
            b.close();
            return List.of();
        }
        List<Piece> out = new ArrayList<>();
        try (QueryMemory scratch = memory.newQuery("slices", Long.MAX_VALUE)) {
            int[] slice = slicesOf(b, key);
            int[][] rows = new int[COUNT][];
            int[] counts = new int[COUNT];
            for (int s : slice) {
                counts[s]++;
            }
            for (int s = 0; s < COUNT; s++) {
                if (counts[s] == b.rowCount()) {
                    return List.of(new Piece(b, s, key));
                }
                rows[s] = new int[counts[s]];
                counts[s] = 0;
            }
            for (int r = 0; r < slice.length; r++) {
                rows[slice[r]][counts[slice[r]]++] = r;
            }
            for (int s = 0; s < COUNT; s++) {
                if (counts[s] > 0) {
                    out.add(new Piece(tableChunk(b, rows[s], counts[s], scratch, data), s, key));
                }
            }
        } catch (RuntimeException e) {
            out.forEach(p -> p.chunk().close());
            b.close();
            throw e;
        }
        b.close();
        return out;
    }

    /** Some rows of a batch as a new chunk owned by the table (gathered in scratch memory, then handed over). */
    public static Batch tableChunk(Batch source, int[] rows, int count, QueryMemory scratch, MemTable data) {
        try (Batch piece = Batches.gather(source, rows, count, scratch)) {
            FieldVector[] vectors = new FieldVector[piece.columnCount()];
            SqlType[] types = new SqlType[piece.columnCount()];
            for (int c = 0; c < vectors.length; c++) {
                vectors[c] = Vectors.share(piece.vector(c), data.allocator());
                types[c] = piece.type(c);
            }
            return new Batch(source.names(), types, vectors, count);
        }
    }

    /** The slice of each row of a batch, by its value in {@code column}. */
    public static int[] slicesOf(Batch b, int column) {
        int n = b.rowCount();
        int[] out = new int[n];
        FieldVector v = b.vector(column);
        MemorySegment values = b.values(column);
        PhysicalType p = b.type(column).physical();
        MemorySegment offsets = p == PhysicalType.VARCHAR ? b.offsets(column) : null;
        for (int r = 0; r < n; r++) {
            if (v.isNull(r)) {
                out[r] = 0;
                continue;
            }
            out[r] = switch (p) {
                case SHORT -> of(values.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, r));
                case INT -> of(values.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, r));
                case LONG -> of(values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, r));
                default -> ofBytes(values, offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, r),
                        offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, r + 1));
            };
        }
        return out;
    }
}
