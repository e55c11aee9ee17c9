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

/** Literal rows (VALUES, and a one-row input for SELECT without FROM). */
public final class ValuesOp implements Operator {
    private final ExecContext ctx;
    private final List<SqlType> types;
    private final List<List<Object>> rows;
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
        done = true;
        if (types.isEmpty()) {
            return Batches.empty(rows.size());
        }
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < types.size(); c++) {
                FieldVector v = Vectors.allocate(ctx.memory(), types.get(c), rows.size());
                vectors.add(v);
                for (int r = 0; r < rows.size(); r++) {
                    Values.set(v, types.get(c), r, Conversions.convert(rows.get(r).get(c), types.get(c)));
                }
                v.setValueCount(rows.size());
            }
            return Batches.of(types, vectors, rows.size());
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
