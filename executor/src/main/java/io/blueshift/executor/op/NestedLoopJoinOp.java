package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import java.util.Arrays;
import java.util.List;

/**
 * Joins without an equality to hash on (CROSS JOIN, ON a < b): every left row against every right
 * row, in pair batches, with the condition evaluated on each pair batch. The right input is held
 * in one batch.
 */
public final class NestedLoopJoinOp extends BuildProbeJoin {
    public NestedLoopJoinOp(ExecContext ctx, Operator left, Operator right, JoinKind kind, Expr condition) {
        super(ctx, left, right, kind, condition);
    }

    @Override
    void prepare() {
    }

    @Override
    void probe(Batch probe) {
        int n = probe.rowCount();
        int m = build.rowCount();
        boolean[] matched = new boolean[n];
        int chunk = ExecContext.BATCH_ROWS;
        int[] l = new int[chunk];
        int[] r = new int[chunk];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                l[count] = i;
                r[count] = j;
                if (++count == chunk) {
                    emit(probe, l, r, count, matched);
                    count = 0;
                    l = new int[chunk];
                    r = new int[chunk];
                }
            }
            ctx.checkCancelled();
        }
        emit(probe, l, r, count, matched);
        if (kind.keepsUnmatchedLeft()) {
            int[] rows = output.leftRowsAfter(matched, n, false);
            if (rows.length > 0) {
                int[] none = new int[rows.length];
                Arrays.fill(none, -1);
                pending.add(output.pairs(probe, rows, build, none, rows.length));
            }
        } else if (kind.leftOnly()) {
            int[] rows = output.leftRowsAfter(matched, n, kind == JoinKind.SEMI);
            if (rows.length > 0) {
                pending.add(output.leftOnly(probe, rows));
            }
        }
    }

    private void emit(Batch probe, int[] l, int[] r, int count, boolean[] matched) {
        int kept = output.filter(probe, l, build, r, count, matched);
        if (kept > 0 && !kind.leftOnly()) {
            pending.add(output.pairs(probe, l, build, r, kept));
        }
    }

    @Override
    public String describe() {
        return "NestedLoopJoin " + kind;
    }

    /** The plan: both input plans, the join kind and the condition (null: every pair). */
    public record Plan(PhysicalOperator left, PhysicalOperator right, JoinKind kind, Expr condition)
            implements PhysicalOperator.TwoInputs {
        @Override
        public List<SqlType> types() {
            return JoinOutput.types(left.types(), right.types(), kind);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            List<Operator> in = Operators.instantiateAll(inputs(), worker);
            return new NestedLoopJoinOp(worker.ctx(), in.get(0), in.get(1), kind, condition);
        }
    }
}
