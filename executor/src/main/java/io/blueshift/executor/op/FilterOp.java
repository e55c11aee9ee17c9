package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Bools;
import io.blueshift.executor.expr.Expr;
import io.blueshift.columnar.vector.Batches;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * WHERE / HAVING: evaluates the conjuncts one after another, each on the rows the previous ones
 * kept (so later conjuncts cost less, and {@code x <> 0 AND 1 / x > 0} never divides by zero), and
 * compacts the surviving rows into a dense batch; a batch whose rows all pass goes through as is.
 * With output columns (the columns the projection above it uses), the last compaction copies
 * only those: a column read only by the condition is never copied.
 */
public final class FilterOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final List<Expr> conjuncts;
    private final int[] columns;
    private final List<SqlType> types;
    private int[] positions = new int[ExecContext.BATCH_ROWS];

    public FilterOp(ExecContext ctx, Operator input, List<Expr> conjuncts) {
        this(ctx, input, conjuncts, null);
    }

    /** A filter whose batches hold only the input's {@code columns}, in that order (all when null). */
    public FilterOp(ExecContext ctx, Operator input, List<Expr> conjuncts, int[] columns) {
        this.ctx = ctx;
        this.input = input;
        this.conjuncts = List.copyOf(conjuncts);
        this.columns = columns == null ? null : columns.clone();
        this.types = outputTypes(input.types(), columns);
    }

    static List<SqlType> outputTypes(List<SqlType> input, int[] columns) {
        if (columns == null) {
            return input;
        }
        List<SqlType> out = new ArrayList<>(columns.length);
        for (int c : columns) {
            out.add(input.get(c));
        }
        return List.copyOf(out);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        Batch batch;
        while ((batch = input.next()) != null) {
            boolean narrowed = columns == null;
            for (int k = 0; k < conjuncts.size(); k++) {
                int n = batch.rowCount();
                int kept;
                try (FieldVector v = conjuncts.get(k).eval(batch, ctx)) {
                    if (positions.length < n) {
                        positions = new int[n];
                    }
                    kept = Bools.trueRows(v, n, positions);
                } catch (RuntimeException e) {
                    batch.close();
                    throw e;
                }
                if (kept < n) {
                    boolean last = k == conjuncts.size() - 1;
                    Batch smaller;
                    try {
                        smaller = Batches.gather(batch, last ? columns : null, positions, kept, ctx.memory());
                    } finally {
                        batch.close();
                    }
                    batch = smaller;
                    narrowed |= last;
                }
                if (kept == 0) {
                    break;
                }
            }
            if (batch.rowCount() > 0) {
                if (!narrowed) {
                    Batch shared;
                    try {
                        shared = Batches.share(batch, columns, ctx.memory());
                    } finally {
                        batch.close();
                    }
                    batch = shared;
                }
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
        String filter = "Filter  " + Explain.sql(conjuncts, explain.shown(input), " AND ");
        return columns == null ? filter : filter + "  Output: " + String.join(", ", explain.shown(columnNames(explain)));
    }

    @Override
    public List<String> columnNames(Explain explain) {
        List<String> in = explain.names(input);
        if (columns == null) {
            return in;
        }
        List<String> out = new ArrayList<>(columns.length);
        for (int c : columns) {
            out.add(in.get(c));
        }
        return out;
    }

    @Override
    public String describe() {
        return "Filter " + conjuncts;
    }

    @Override
    public void close() {
        input.close();
    }

    /**
     * The plan: the input plan, the conjuncts, evaluated in order, and the input's columns the
     * filter passes on, in order (all of them when null).
     */
    public record Plan(PhysicalOperator input, List<Expr> conjuncts, int[] columns) implements PhysicalOperator.OneInput {
        public Plan {
            conjuncts = List.copyOf(conjuncts);
            columns = columns == null ? null : columns.clone();
        }

        public Plan(PhysicalOperator input, List<Expr> conjuncts) {
            this(input, conjuncts, null);
        }

        @Override
        public List<SqlType> types() {
            return outputTypes(input.types(), columns);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new FilterOp(worker.ctx(), input.instantiate(worker), conjuncts, columns);
        }
    }
}
