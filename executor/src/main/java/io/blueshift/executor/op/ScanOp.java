package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.table.MemTable;
import io.blueshift.executor.vector.Batches;
import io.blueshift.executor.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads some columns of a table, a chunk at a time, sharing the chunk's buffers (no copy). The
 * chunks are those of the table's version when the scan was created, all of them or those it
 * takes from {@link Morsels} shared with other workers.
 */
public final class ScanOp implements Operator {
    private final ExecContext ctx;
    private final String tableName;
    private final List<Batch> chunks;
    private final int[] columns;
    private final List<SqlType> types;
    private final Morsels morsels;
    private int next;

    public ScanOp(ExecContext ctx, String tableName, MemTable table, int[] columns) {
        this(ctx, tableName, table, columns, null);
    }

    /**
     * A scan that reads the chunks it takes from {@code morsels}, shared with the scans of the other
     * workers of a parallel pipeline (null: all chunks of the table's current version).
     */
    public ScanOp(ExecContext ctx, String tableName, MemTable table, int[] columns, Morsels morsels) {
        this.ctx = ctx;
        this.tableName = tableName;
        this.morsels = morsels;
        this.chunks = morsels == null ? table.snapshot() : List.of();
        this.columns = columns.clone();
        List<SqlType> t = new ArrayList<>();
        for (int c : columns) {
            t.add(table.types().get(c));
        }
        this.types = List.copyOf(t);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        ctx.checkCancelled();
        Batch chunk = morsels != null ? morsels.take() : next < chunks.size() ? chunks.get(next++) : null;
        if (chunk == null) {
            return null;
        }
        if (columns.length == 0) {
            return Batches.empty(chunk.rowCount());
        }
        List<FieldVector> vectors = new ArrayList<>(columns.length);
        try {
            for (int c : columns) {
                vectors.add(Vectors.share(chunk.vector(c), ctx.memory()));
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return Batches.of(types, vectors, chunk.rowCount());
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public String describe() {
        return "Scan " + tableName + " columns=" + java.util.Arrays.toString(columns) + (morsels != null ? " (shared)" : "");
    }

    @Override
    public void close() {
    }
}
