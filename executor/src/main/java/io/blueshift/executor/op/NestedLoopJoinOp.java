package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import java.util.List;

/**
 * Joins without an equality to hash on (CROSS JOIN, ON a < b): every left row against every right
 * row, in pair batches, with the condition evaluated on each pair batch. The right input is held
 * in one batch. A left batch's pairs are made one pair batch at a time as the consumer asks: a
 * 4,096-row left batch against a million right rows is four billion pairs, which made at once
 * grew the server by gigabytes and kept a cancel waiting until they had all been consumed.
 */
public final class NestedLoopJoinOp extends BuildProbeJoin {
    private final int[] leftRows = new int[ExecContext.BATCH_ROWS];
    private final int[] rightRows = new int[ExecContext.BATCH_ROWS];
    /** The left batch being joined, and the next pair to make: left row {@code i}, right row {@code j}. */
    private Batch current;
    private int i;
    private int j;
    private boolean[] matched;

    public NestedLoopJoinOp(ExecContext ctx, Operator left, Operator right, JoinKind kind, Expr condition) {
        super(ctx, left, right, kind, condition);
    }

    @Override
    void prepare() {
    }

    @Override
    boolean probe(Batch probe) {
        current = probe;
        i = 0;
        j = 0;
        matched = new boolean[probe.rowCount()];
        return true;
    }

    @Override
    boolean resume() {
        Batch probe = current;
        if (probe == null) {
            return false;
        }
        int n = probe.rowCount();
        int m = build.rowCount();
        int chunk = ExecContext.BATCH_ROWS;
        while (pending.isEmpty() && i < n) {
            int count = 0;
            while (count < chunk && i < n) {
                int take = Math.min(chunk - count, m - j);
                for (int k = 0; k < take; k++) {
                    leftRows[count] = i;
                    rightRows[count] = j + k;
                    count++;
                }
                j += take;
                if (j >= m) {
                    j = 0;
                    i++;
                }
            }
            emit(probe, leftRows, rightRows, count, matched);
            ctx.checkCancelled();
        }
        if (i < n) {
            return true;
        }
        current = null;
        try (probe) {
            Batch rest = output.afterLeftBatch(probe, build, matched, n);
            if (rest != null) {
                pending.add(rest);
            }
        }
        return true;
    }

    @Override
    void closeMore() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private void emit(Batch probe, int[] l, int[] r, int count, boolean[] matched) {
        Batch joined = output.passing(probe, l, build, r, count, matched);
        if (joined != null) {
            pending.add(joined);
        }
    }

    @Override
    public String explain(Explain explain) {
        return Explain.join("NestedLoopJoin " + kind, new int[0], new int[0], output.condition(), explain, left, right);
    }

    @Override
    public List<String> columnNames(Explain explain) {
        return Explain.joined(explain, left, right, types().size());
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
