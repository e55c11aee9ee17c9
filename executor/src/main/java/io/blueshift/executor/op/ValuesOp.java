package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.Values;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Conversions;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Literal rows (VALUES, and a one-row input for SELECT without FROM), in batches of at most
 * {@link ExecContext#BATCH_ROWS} rows.
 */
public final class ValuesOp implements Operator {
    private final ExecContext ctx;
    private final List<SqlType> types;
    private final List<List<Object>> rows;
    /** The rows already emitted. */
    private int emitted;
    private boolean done;

    public ValuesOp(ExecContext ctx, List<SqlType> types, List<List<Object>> rows) {
        this.ctx = ctx;
        this.types = List.copyOf(types);
        this.rows = rows;
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        if (done) {
            return null;
        }
        ctx.checkCancelled();
        int from = emitted;
        int count = Math.min(ExecContext.BATCH_ROWS, rows.size() - from);
        emitted += count;
        // no rows is still one (empty) batch, as a VALUES list filtered to nothing was before
        done = emitted == rows.size();
        if (types.isEmpty()) {
            return Batches.empty(count);
        }
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < types.size(); c++) {
                FieldVector v = Vectors.allocate(ctx.memory(), types.get(c), count);
                vectors.add(v);
                for (int r = 0; r < count; r++) {
                    Values.set(v, types.get(c), r, Conversions.convert(rows.get(from + r).get(c), types.get(c)));
                }
                v.setValueCount(count);
            }
            return Batches.of(types, vectors, count);
        } catch (RuntimeException e) {
            Vectors.closeAll(vectors);
            throw e;
        }
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public String explain(Explain explain) {
        return "Values  rows: " + rows.size();
    }

    @Override
    public String describe() {
        return "Values rows=" + rows.size();
    }

    @Override
    public void close() {
    }

    /** The plan: the column types and the literal rows. */
    public record Plan(List<SqlType> types, List<List<Object>> rows) implements PhysicalOperator.Leaf {
        public Plan {
            types = List.copyOf(types);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new ValuesOp(worker.ctx(), types, rows);
        }
    }
}
