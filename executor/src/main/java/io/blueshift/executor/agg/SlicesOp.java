package io.blueshift.executor.agg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.op.Operator;
import java.util.List;

/** One batch handed out in copies of {@link ExecContext#BATCH_ROWS} rows, one at a time; it owns the batch. */
final class SlicesOp implements Operator {
    private final ExecContext ctx;
    private final List<SqlType> types;
    private Batch batch;
    private int at;

    SlicesOp(ExecContext ctx, List<SqlType> types, Batch batch) {
        this.ctx = ctx;
        this.types = List.copyOf(types);
        this.batch = batch;
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        if (batch == null) {
            return null;
        }
        int count = Math.min(ExecContext.BATCH_ROWS, batch.rowCount() - at);
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = at + i;
        }
        Batch slice = Batches.gather(batch, positions, count, ctx.memory());
        at += count;
        if (at == batch.rowCount()) {
            close();
        }
        return slice;
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public String describe() {
        return "Slices";
    }

    @Override
    public void close() {
        if (batch != null) {
            batch.close();
            batch = null;
        }
    }
}
