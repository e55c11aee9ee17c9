package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.expr.SqlText;
import io.blueshift.storage.format.IoStats;
import io.blueshift.executor.ExecContext;
import io.blueshift.storage.table.Deletes;
import io.blueshift.storage.table.MemTable;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads some columns of a table, a chunk at a time, sharing the chunk's buffers (no copy). The
 * chunks are those of the table's version when the scan was created, all of them or those it
 * takes from {@link Morsels} shared with other workers. With {@link Range}s (what a filter above
 * requires of integer-like columns) it skips the chunks whose zone maps rule every row out,
 * without reading them.
 */
public final class ScanOp implements Operator {
    private final ExecContext ctx;
    private final String tableName;
    private final List<Batch> chunks;
    private final int[] columns;
    private final List<SqlType> types;
    private final Morsels morsels;
    private final MemTable table;
    private final List<Range> ranges;
    private final MemTable.Version version;
    private List<String> columnNames;
    private int next;
    private long chunksRead;
    private long chunksSkipped;
    private long bytesRead;

    /**
     * A filter's requirement {@code lo <= column <= hi} on the stored form of an integer-like
     * column (a table column index); NULL never satisfies it.
     */
    public record Range(int column, String name, long lo, long hi) {
        @Override
        public String toString() {
            return name + " in [" + lo + ", " + hi + "]";
        }

        /** The range as a SQL condition on the column {@code column} of type {@code type}, bounds as literals. */
        String sql(String column, SqlType type) {
            if (lo > hi) {
                return "false";
            }
            if (lo == Long.MIN_VALUE && hi == Long.MAX_VALUE) {
                return column + " IS NOT NULL";
            }
            if (lo == hi) {
                return column + " = " + bound(lo, type);
            }
            if (lo == Long.MIN_VALUE) {
                return column + " <= " + bound(hi, type);
            }
            if (hi == Long.MAX_VALUE) {
                return column + " >= " + bound(lo, type);
            }
            return column + " BETWEEN " + bound(lo, type) + " AND " + bound(hi, type);
        }

        /** A value of the column's stored form (days, microseconds, a scaled decimal) as a SQL literal. */
        private static String bound(long stored, SqlType type) {
            Object value = switch (type.kind()) {
                case DATE -> LocalDate.ofEpochDay(stored);
                case TIMESTAMP -> LocalDateTime.of(1970, 1, 1, 0, 0).plus(stored, ChronoUnit.MICROS);
                case DECIMAL -> BigDecimal.valueOf(stored, type.scale());
                default -> stored;
            };
            return SqlText.literal(value, type);
        }
    }

    public ScanOp(ExecContext ctx, String tableName, MemTable table, int[] columns) {
        this(ctx, tableName, table, columns, null);
    }

    /**
     * A scan that reads the chunks it takes from {@code morsels}, shared with the scans of the other
     * workers of a parallel pipeline (null: all chunks of the table's current version).
     */
    public ScanOp(ExecContext ctx, String tableName, MemTable table, int[] columns, Morsels morsels) {
        this(ctx, tableName, table, columns, morsels, List.of());
    }

    /** A scan that skips the chunks no row of which can satisfy every range. */
    public ScanOp(ExecContext ctx, String tableName, MemTable table, int[] columns, Morsels morsels, List<Range> ranges) {
        this.ctx = ctx;
        this.table = table;
        this.ranges = List.copyOf(ranges);
        this.tableName = tableName;
        this.morsels = morsels;
        table.pin();
        ctx.track(this);
        this.version = morsels == null ? ctx.version(table) : morsels.version();
        this.chunks = version.chunks();
        this.columns = columns.clone();
        this.types = typesOf(table, columns);
    }

    /** The types of the table's columns {@code columns} (the index past the last: row ids, BIGINT). */
    static List<SqlType> typesOf(MemTable table, int[] columns) {
        List<SqlType> t = new ArrayList<>();
        for (int c : columns) {
            t.add(c == table.types().size() ? SqlType.BIGINT : table.types().get(c));
        }
        return List.copyOf(t);
    }

    /**
     * The stored form of a row id: the chunk's index in the scan's version (high 32 bits) and the
     * row's index in the chunk. A scan emits row ids for the column index just past the table's
     * columns (what UPDATE and DELETE plan with).
     */
    public static long rowId(int chunk, int row) {
        return ((long) chunk << 32) | row;
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        ctx.checkCancelled();
        Batch chunk;
        int index;
        Deletes deletes;
        do {
            index = morsels != null ? morsels.take() : next < chunks.size() ? next++ : -1;
            if (index < 0) {
                return null;
            }
            chunk = chunks.get(index);
            deletes = version.deletes(chunk);
        } while (deletes != null && deletes.count() == chunk.rowCount() || skip(chunk));
        chunksRead++;
        int[] live = deletes == null || deletes.count() == 0 ? null : deletes.live();
        int rows = live == null ? chunk.rowCount() : live.length;
        if (columns.length == 0) {
            return Batches.empty(rows);
        }
        List<FieldVector> vectors = new ArrayList<>(columns.length);
        long before = IoStats.threadBytesRead();
        // pinned while its columns are shared or gathered: the shares then keep their memory
        // alive however long the query holds them, though the buffer pool may evict the columns
        chunk.pin(ctx.memory().id());
        try {
            for (int c : columns) {
                if (c == table.types().size()) {
                    vectors.add(rowIds(index, chunk.rowCount(), live));
                } else if (live == null) {
                    vectors.add(Vectors.share(chunk.pinnedVector(c), ctx.memory()));
                } else {
                    vectors.add(Vectors.gather(ctx.memory(), table.types().get(c), chunk.pinnedVector(c), live, live.length));
                }
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(vectors);
            throw e;
        } finally {
            chunk.unpin();
            bytesRead += IoStats.threadBytesRead() - before;
        }
        return Batches.of(types, vectors, rows);
    }

    private FieldVector rowIds(int chunk, int rows, int[] live) {
        int n = live == null ? rows : live.length;
        FieldVector v = Vectors.allocate(ctx.memory(), SqlType.BIGINT, n);
        MemorySegment out = QueryMemory.segment(v.getDataBuffer());
        for (int i = 0; i < n; i++) {
            out.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, rowId(chunk, live == null ? i : live[i]));
            Vectors.markValid(v, i);
        }
        v.setValueCount(n);
        return v;
    }

    private int slice = -1;

    /**
     * Reads only the chunks of one slice (and those in no slice: a table distributed ALL), as one
     * part of a join run slice by slice.
     */
    public ScanOp onlySlice(int s) {
        this.slice = s;
        return this;
    }

    private boolean skip(Batch chunk) {
        if (slice >= 0) {
            int of = table.slice(chunk);
            if (of >= 0 && of != slice) {
                return true;
            }
        }
        for (Range r : ranges) {
            long before = IoStats.threadBytesRead();
            boolean may = table.zone(chunk, r.column()).mayMatch(r.lo(), r.hi());
            bytesRead += IoStats.threadBytesRead() - before;
            if (!may) {
                chunksSkipped++;
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public List<String> columnNames(Explain explain) {
        List<String> out = new ArrayList<>(columns.length);
        for (int c : columns) {
            out.add(tableName + "." + columnName(c));
        }
        return out;
    }

    private String columnName(int column) {
        if (columnNames != null && column < columnNames.size()) {
            return columnNames.get(column);
        }
        return column == table.types().size() ? "ctid" : "column" + (column + 1);
    }

    /** Names the table's columns for EXPLAIN (null: column1, column2, ...). */
    ScanOp named(List<String> names) {
        this.columnNames = names;
        return this;
    }

    @Override
    public String explain(Explain explain) {
        StringBuilder sb = new StringBuilder("Scan ").append(tableName).append("  columns: ");
        List<String> shown = explain.shown(this);
        sb.append(String.join(", ", shown));
        if (morsels != null) {
            sb.append(" (parallel)");
        }
        if (slice >= 0) {
            sb.append("  slice: ").append(slice);
        }
        if (!ranges.isEmpty()) {
            sb.append("  zone filter: ");
            for (int i = 0; i < ranges.size(); i++) {
                Range r = ranges.get(i);
                sb.append(i == 0 ? "" : " AND ").append(r.sql(columnName(r.column()), table.types().get(r.column())));
            }
        }
        if (chunksRead + chunksSkipped > 0) {
            sb.append("  (chunks read=").append(chunksRead).append(" skipped=").append(chunksSkipped)
                    .append(", bytes from disk=").append(bytesRead).append(')');
        }
        return sb.toString();
    }

    @Override
    public String describe() {
        String text = "Scan " + tableName + " columns=" + Arrays.toString(columns) + (morsels != null ? " (shared)" : "");
        if (slice >= 0) {
            text += " slice=" + slice;
        }
        if (!ranges.isEmpty()) {
            text += " zone filter: " + String.join(" and ", ranges.stream().map(Range::toString).toList());
        }
        if (chunksRead + chunksSkipped > 0) {
            text += " (chunks read=" + chunksRead + " skipped=" + chunksSkipped + ", bytes from disk=" + bytesRead + ")";
        }
        return text;
    }

    private boolean closed;

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            table.unpin();
        }
    }

    /**
     * The plan of a scan: the table, the columns read, the zone-map ranges, the slice it keeps to
     * (-1: every slice) and whether its states share the table's chunks, taking them from one
     * {@link Morsels} per {@link WorkerContext} scope. The version read is the query's, resolved
     * when a state is made (which also pins the table).
     */
    public record Plan(String tableName, MemTable table, int[] columns, boolean shared, List<Range> ranges, int slice,
                       List<SqlType> types, List<String> columnNames) implements PhysicalOperator.Leaf {
        /** Every chunk of the table, on one thread. */
        public Plan(String tableName, MemTable table, int[] columns) {
            this(tableName, table, columns, false, List.of(), -1);
        }

        public Plan(String tableName, MemTable table, int[] columns, boolean shared, List<Range> ranges, int slice) {
            this(tableName, table, columns, shared, ranges, slice, typesOf(table, columns), null);
        }

        /**
         * A scan whose EXPLAIN names the table's columns {@code columnNames} (all of the table's, in
         * order; null: column1, column2, ...).
         */
        public Plan {
            columns = columns.clone();
            ranges = List.copyOf(ranges);
            types = List.copyOf(types);
            columnNames = columnNames == null ? null : List.copyOf(columnNames);
        }

        /** This scan with its table's columns named for EXPLAIN. */
        public Plan named(List<String> names) {
            return new Plan(tableName, table, columns, shared, ranges, slice, types, names);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            ScanOp scan = new ScanOp(worker.ctx(), tableName, table, columns, shared ? worker.morsels(this, table) : null,
                    ranges);
            scan.named(columnNames);
            return slice >= 0 ? scan.onlySlice(slice) : scan;
        }
    }
}
