package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Bools;
import io.blueshift.executor.expr.Expr;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.join.JoinHashTable;
import io.blueshift.kernels.join.JoinProbe;
import io.blueshift.kernels.join.JoinType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * SEMI and ANTI joins (EXISTS, IN, NOT EXISTS) whose left input is the smaller one: the hash table
 * is built from the left rows, the right input streams through it marking the left rows it
 * matches (after the residual condition, if any), and at the end the matched (SEMI) or unmatched
 * (ANTI) left rows are emitted. TPC-H's Q4 and Q21 test a few thousand orders against all of
 * lineitem; building lineitem instead would cost a table of millions of rows.
 */
public final class SemiJoinBuildLeftOp implements Operator {
    private final ExecContext ctx;
    private final Operator left;
    private final Operator right;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final boolean anti;
    private final Expr condition;
    private Batch build;
    private int[] result;
    private int emitted;

    public SemiJoinBuildLeftOp(ExecContext ctx, Operator left, Operator right, int[] leftKeys, int[] rightKeys,
            boolean anti, Expr condition) {
        this.ctx = ctx;
        this.left = left;
        this.right = right;
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.anti = anti;
        this.condition = condition;
    }

    @Override
    public List<SqlType> types() {
        return left.types();
    }

    @Override
    public Batch next() {
        if (result == null) {
            run();
        }
        if (emitted >= result.length) {
            return null;
        }
        int count = Math.min(ExecContext.BATCH_ROWS, result.length - emitted);
        int[] rows = Arrays.copyOfRange(result, emitted, emitted + count);
        emitted += count;
        return Batches.gather(build, rows, count, ctx.memory());
    }

    private void run() {
        build = Operators.drain(left, ctx.memory());
        BitSet matched = new BitSet(build.rowCount());
        KeyType[] leftTypes = JoinKeys.types(left.types(), leftKeys);
        KeyType[] rightTypes = JoinKeys.types(right.types(), rightKeys);
        try (JoinHashTable table = new JoinHashTable(ctx.memory(), false, Simd.ENABLED,
                Math.max(16, build.rowCount()), leftTypes)) {
            table.add(JoinKeys.columns(build, leftKeys, leftTypes), build.rowCount());
            JoinOutput pairs = new JoinOutput(ctx, left.types(), right.types(), null, JoinKind.INNER);
            int[] probeRows = new int[ExecContext.BATCH_ROWS];
            int[] buildRows = new int[ExecContext.BATCH_ROWS];
            for (Batch b = right.next(); b != null; b = right.next()) {
                try (Batch probe = b) {
                    JoinProbe p = new JoinProbe(table, JoinType.INNER);
                    p.start(JoinKeys.columns(probe, rightKeys, rightTypes), probe.rowCount());
                    int count;
                    while ((count = p.next(probeRows, buildRows)) > 0) {
                        mark(pairs, probe, probeRows, buildRows, count, matched);
                    }
                }
            }
        }
        int n = build.rowCount();
        int[] out = new int[anti ? n - matched.cardinality() : matched.cardinality()];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (matched.get(i) != anti) {
                out[k++] = i;
            }
        }
        result = out;
    }

    private void mark(JoinOutput pairs, Batch probe, int[] probeRows, int[] buildRows, int count, BitSet matched) {
        if (condition == null) {
            for (int i = 0; i < count; i++) {
                matched.set(buildRows[i]);
            }
            return;
        }
        try (Batch joined = pairs.pairs(build, buildRows, probe, probeRows, count);
             FieldVector v = condition.eval(joined, ctx)) {
            int[] keep = new int[count];
            int kept = Bools.trueRows(v, count, keep);
            for (int i = 0; i < kept; i++) {
                matched.set(buildRows[keep[i]]);
            }
        }
    }

    @Override
    public List<Operator> inputs() {
        return List.of(left, right);
    }

    @Override
    public String explain(Explain explain) {
        return Explain.join("HashJoin " + (anti ? "ANTI" : "SEMI") + " (build left)", leftKeys, rightKeys, condition,
                explain, left, right);
    }

    @Override
    public String describe() {
        return "HashJoin " + (anti ? "ANTI" : "SEMI") + " (build left) left" + Arrays.toString(leftKeys)
                + " = right" + Arrays.toString(rightKeys) + (condition == null ? "" : " and " + condition);
    }

    @Override
    public void close() {
        try {
            left.close();
            right.close();
        } finally {
            if (build != null) {
                build.close();
            }
        }
    }

    /** The plan: both input plans, the key columns of each side, SEMI or ANTI and the residual condition. */
    public record Plan(PhysicalOperator left, PhysicalOperator right, int[] leftKeys, int[] rightKeys, boolean anti,
                       Expr condition) implements PhysicalOperator.TwoInputs {
        public Plan {
            leftKeys = leftKeys.clone();
            rightKeys = rightKeys.clone();
        }

        @Override
        public List<SqlType> types() {
            return left.types();
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            List<Operator> in = Operators.instantiateAll(inputs(), worker);
            return new SemiJoinBuildLeftOp(worker.ctx(), in.get(0), in.get(1), leftKeys, rightKeys, anti, condition);
        }
    }
}
