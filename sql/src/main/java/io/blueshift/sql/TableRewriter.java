package io.blueshift.sql;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.op.Operators;
import io.blueshift.executor.op.ScanOp;
import io.blueshift.executor.op.SortOp;
import io.blueshift.executor.table.MemTable;
import io.blueshift.executor.vector.Batches;
import io.blueshift.executor.vector.Vectors;
import io.blueshift.kernels.sort.Sorter;
import io.blueshift.sql.catalog.ColumnDef;
import io.blueshift.sql.catalog.TableDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Rewrites a table's rows as chunks of {@link #CHUNK_ROWS} rows, in sort key order when asked:
 * what VACUUM does (many small INSERTs leave many small chunks; sorted chunks give zone maps
 * narrow ranges) and what CREATE TABLE AS does for a table with a sort key.
 */
final class TableRewriter {
    /** Rows per chunk (and so per stored row group and zone map). */
    static final int CHUNK_ROWS = 65_536;

    private TableRewriter() {
    }

    /** Replaces the table's chunks; with {@code sort} and a sort key, in key order (NULLs last). */
    static void rewrite(Session session, TableDef table, boolean sort) {
        table.data().writeLock().lock();
        try {
            rewriteLocked(session, table, sort);
        } finally {
            table.data().writeLock().unlock();
        }
    }

    private static void rewriteLocked(Session session, TableDef table, boolean sort) {
        MemTable data = table.data();
        List<String> names = table.columns().stream().map(ColumnDef::name).toList();
        List<Integer> key = sort ? table.design().sortKey().stream().map(table::columnIndex).toList() : List.of();
        List<Batch> chunks = new ArrayList<>();
        try (QueryMemory memory = session.database().memoryPool().newQuery("rewrite " + table.name(), Long.MAX_VALUE)) {
            ExecContext ctx = new ExecContext(memory, List.of(), Instant.now());
            int[] columns = java.util.stream.IntStream.range(0, names.size()).toArray();
            try (ScanOp scan = new ScanOp(ctx, table.name(), data, columns);
                 Batch all = Operators.drain(scan, memory)) {
                int n = all.rowCount();
                int[] order;
                if (key.isEmpty() || n == 0) {
                    order = java.util.stream.IntStream.range(0, n).toArray();
                } else {
                    var keys = key.stream().map(c -> SortOp.sortKey(all, new SortOp.Key(c, false, false)))
                            .toArray(io.blueshift.kernels.sort.SortKey[]::new);
                    order = Sorter.sort(keys, n);
                }
                for (int from = 0; from < n; from += CHUNK_ROWS) {
                    int count = Math.min(CHUNK_ROWS, n - from);
                    int[] rows = java.util.Arrays.copyOfRange(order, from, from + count);
                    try (Batch part = Batches.gather(all, rows, count, memory)) {
                        FieldVector[] vectors = new FieldVector[part.columnCount()];
                        for (int c = 0; c < vectors.length; c++) {
                            vectors[c] = Vectors.share(part.vector(c), data.allocator());
                        }
                        chunks.add(new Batch(names, data.types().toArray(new SqlType[0]), vectors, count));
                    }
                }
            }
        } catch (RuntimeException e) {
            chunks.forEach(Batch::close);
            throw e;
        }
        data.replace(chunks);
        data.setSortedChunks(key.isEmpty() ? 0 : chunks.size());
    }
}
