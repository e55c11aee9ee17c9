package io.blueshift.sql;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.table.MemTable;
import io.blueshift.executor.vector.Vectors;
import io.blueshift.sql.catalog.TableDef;
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
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) ((h >>> 40) % COUNT);
    }

    private static int ofBytes(MemorySegment data, int from, int to) {
        long h = 1125899906842597L;
        for (int i = from; i < to; i++) {
            h = 31 * h + data.get(ValueLayout.JAVA_BYTE, i);
        }
        return of(h);
    }

    /** Whether a column type can be a distribution key that joins slice by slice. */
    public static boolean hashable(SqlType type) {
        PhysicalType p = type.physical();
        return p == PhysicalType.SHORT || p == PhysicalType.INT || p == PhysicalType.LONG || p == PhysicalType.VARCHAR;
    }

    /**
     * New chunks for a table, given their slices: split by key for DISTSTYLE KEY (the originals
     * are closed and replaced), dealt out in turn otherwise.
     */
    static List<Batch> assign(Session session, TableDef table, List<Batch> chunks) {
        MemTable data = table.data();
        String style = table.design().distStyle();
        if (style.equals("ALL")) {
            return chunks;
        }
        int key = style.equals("KEY") ? table.columnIndex(table.design().distKey()) : -1;
        if (key < 0 || !hashable(table.columns().get(key).type())) {
            for (Batch b : chunks) {
                data.setSlice(b, data.nextSlice(COUNT));
            }
            return chunks;
        }
        List<Batch> out = new ArrayList<>();
        try (QueryMemory scratch = session.database().memoryPool().newQuery("slices", Long.MAX_VALUE)) {
            for (Batch b : chunks) {
                int[] slice = slicesOf(b, key);
                int[][] rows = new int[COUNT][];
                int[] counts = new int[COUNT];
                for (int s : slice) {
                    counts[s]++;
                }
                for (int s = 0; s < COUNT; s++) {
                    rows[s] = new int[counts[s]];
                    counts[s] = 0;
                }
                for (int r = 0; r < slice.length; r++) {
                    rows[slice[r]][counts[slice[r]]++] = r;
                }
                for (int s = 0; s < COUNT; s++) {
                    if (counts[s] == 0) {
                        continue;
                    }
                    if (counts[s] == b.rowCount()) {
                        data.setSlice(b, s, key);
                        out.add(b);
                        b = null;
                        break;
                    }
                    FieldVector[] vectors = new FieldVector[b.columnCount()];
                    for (int c = 0; c < vectors.length; c++) {
                        try (FieldVector part = Vectors.gather(scratch, b.type(c), b.vector(c), rows[s], counts[s])) {
                            vectors[c] = Vectors.share(part, data.allocator());
                        }
                    }
                    SqlType[] types = new SqlType[b.columnCount()];
                    for (int c = 0; c < types.length; c++) {
                        types[c] = b.type(c);
                    }
                    Batch piece = new Batch(b.names(), types, vectors, counts[s]);
                    data.setSlice(piece, s, key);
                    out.add(piece);
                }
                if (b != null) {
                    b.close();
                }
            }
        } catch (RuntimeException e) {
            out.forEach(Batch::close);
            throw e;
        }
        return out;
    }

    /** The slice of each row of a batch, by its value in {@code column}. */
    static int[] slicesOf(Batch b, int column) {
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
