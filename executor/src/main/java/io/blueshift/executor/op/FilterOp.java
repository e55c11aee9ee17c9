package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Bools;
import io.blueshift.executor.expr.Expr;
import io.blueshift.columnar.vector.Batches;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * WHERE / HAVING: evaluates the conjuncts one after another, each on the rows the previous ones
 * kept (so later conjuncts cost less, and {@code x <> 0 AND 1 / x > 0} never divides by zero), and
 * compacts the surviving rows into a dense batch; a batch whose rows all pass goes through as is.
 */
public final class FilterOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final List<Expr> conjuncts;
    private int[] positions = new int[ExecContext.BATCH_ROWS];

    public FilterOp(ExecContext ctx, Operator input, List<Expr> conjuncts) {
        this.ctx = ctx;
        this.input = input;
        this.conjuncts = List.copyOf(conjuncts);
    }

    @Override
    public List<SqlType> types() {
        return input.types();
    }

    @Override
    public Batch next() {
        Batch batch;
        while ((batch = input.next()) != null) {
            for (Expr conjunct : conjuncts) {
                int n = batch.rowCount();
                int kept;
                try (FieldVector v = conjunct.eval(batch, ctx)) {
                    if (positions.length < n) {
                        positions = new int[n];
                    }
                    kept = Bools.trueRows(v, n, positions);
                } catch (RuntimeException e) {
                    batch.close();
                    throw e;
                }
                if (kept < n) {
                    Batch smaller;
                    try {
                        smaller = Batches.gather(batch, positions, kept, ctx.memory());
                    } finally {
                        batch.close();
                    }
                    batch = smaller;
                }
                if (kept == 0) {
                    break;
                }
            }
            if (batch.rowCount() > 0) {
                return batch;
            }
            batch.close();
        }
        return null;
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String explain(Explain explain) {
        return "Filter  " + Explain.sql(conjuncts, explain.shown(input), " AND ");
    }

    @Override
    public String describe() {
        return "Filter " + conjuncts;
    }

    @Override
    public void close() {
        input.close();
    }

    /** The plan: the input plan and the conjuncts, evaluated in order. */
    public record Plan(PhysicalOperator input, List<Expr> conjuncts) implements PhysicalOperator.SameTypes {
        public Plan {
            conjuncts = List.copyOf(conjuncts);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new FilterOp(worker.ctx(), input.instantiate(worker), conjuncts);
        }
    }
}
