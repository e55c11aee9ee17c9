package io.blueshift.sql.commands;

import io.blueshift.kernels.sort.SortKey;
import io.blueshift.storage.Slices;
import io.blueshift.sql.session.StatementContext;
import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.op.Operators;
import io.blueshift.executor.op.ScanOp;
import io.blueshift.executor.op.SortOp;
import io.blueshift.storage.table.MemTable;
import io.blueshift.kernels.sort.Sorter;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Rewrites a table's rows as chunks of {@link #CHUNK_ROWS} rows, in sort key order when asked
 * (the first index's columns stand in for a missing sort key):
 * what VACUUM does (many small INSERTs leave many small chunks; sorted chunks give zone maps
 * narrow ranges) and what CREATE TABLE AS does for a table with a sort key.
 */
final class TableRewriter {
    /** Rows per chunk (and so per stored row group and zone map). */
    static final int CHUNK_ROWS = 65_536;

    private TableRewriter() {
    }

    /** Replaces the table's chunks; with {@code sort} and a sort key, in key order (NULLs last). */
    static void rewrite(StatementContext session, TableDef table, boolean sort) {
        table.data().writeLock().lock();
        try {
            rewriteLocked(session, table, sort);
        } finally {
            table.data().writeLock().unlock();
        }
    }

    /**
     * The columns rows are kept in order of: the sort key; without one (AUTO), the columns of the
     * table's first index, so that an index a Postgres schema declares narrows the zone maps of its
     * columns as a sort key would.
     */
    static List<String> sortColumns(TableDef table) {
        if (!table.design().sortKey().isEmpty() || !table.design().sortStyle().equals("AUTO")
                || table.design().indexes().isEmpty()) {
            return table.design().sortKey();
        }
        return table.design().indexes().getFirst().columns();
    }

    private static void rewriteLocked(StatementContext session, TableDef table, boolean sort) {
        MemTable data = table.data();
        List<String> names = table.columns().stream().map(ColumnDef::name).toList();
        List<Integer> key = sort ? sortColumns(table).stream().map(table::columnIndex).toList() : List.of();
        List<Batch> chunks = new ArrayList<>();
        try (QueryMemory memory = session.memoryPool().newQuery("rewrite " + table.name(), Long.MAX_VALUE)) {
            ExecContext ctx = new ExecContext(memory, List.of(), Instant.now());
            int[] columns = IntStream.range(0, names.size()).toArray();
            try (ScanOp scan = new ScanOp(ctx, table.name(), data, columns);
                 Batch all = Operators.drain(scan, memory)) {
                int n = all.rowCount();
                int[] order;
                if (key.isEmpty() || n == 0) {
                    order = IntStream.range(0, n).toArray();
                } else {
                    var keys = key.stream().map(c -> SortOp.sortKey(all, new SortOp.Key(c, false, false)))
                            .toArray(SortKey[]::new);
                    order = Sorter.sort(keys, n);
                }
                // with DISTSTYLE KEY, each slice's rows (in key order) make their own chunks
                int distKey = table.design().distStyle().equals("KEY") ? table.columnIndex(table.design().distKey()) : -1;
                int[] slice = distKey >= 0 && Slices.hashable(table.columns().get(distKey).type()) && n > 0
                        ? Slices.slicesOf(all, distKey) : null;
                for (int s = 0; s < (slice == null ? 1 : Slices.COUNT); s++) {
                    int[] part = order;
                    if (slice != null) {
                        final int target = s;
                        part = Arrays.stream(order).filter(r -> slice[r] == target).toArray();
                    }
                    for (int from = 0; from < part.length; from += CHUNK_ROWS) {
                        int count = Math.min(CHUNK_ROWS, part.length - from);
                        int[] rows = Arrays.copyOfRange(part, from, from + count);
                        Batch chunk = Slices.tableChunk(all, rows, count, memory, data);
                        chunks.add(chunk);
                        if (slice != null) {
                            data.setSlice(chunk, s, distKey);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            chunks.forEach(Batch::close);
            throw e;
        }
        if (!table.design().distStyle().equals("KEY") && !table.design().distStyle().equals("ALL")) {
            chunks.forEach(c -> data.setSlice(c, data.nextSlice(Slices.COUNT)));
        }
        data.replace(chunks);
        data.setSortedChunks(key.isEmpty() ? 0 : chunks.size());
    }
}
