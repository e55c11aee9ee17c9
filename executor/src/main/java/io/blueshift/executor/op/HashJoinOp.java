package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import io.blueshift.kernels.Simd;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.join.JoinHashTable;
import io.blueshift.kernels.join.JoinProbe;
import io.blueshift.kernels.join.JoinType;
import java.util.Arrays;
import java.util.List;

/**
 * Equi-join: builds a {@link JoinHashTable} from the right input (all of it, in one batch), then
 * streams the left input through {@link JoinProbe}. Keys of the two sides have the same types (the
 * planner casts them). A residual condition (the non-equi part of ON) is applied to candidate
 * pairs; outer, semi and anti joins then follow the pairs that survived it.
 */
public final class HashJoinOp extends BuildProbeJoin {
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final Expr condition;
    private JoinHashTable table;

    public HashJoinOp(ExecContext ctx, Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
            Expr condition) {
        super(ctx, left, right, kind, condition);
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.condition = condition;
    }

    @Override
    void prepare() {
        KeyType[] keyTypes = JoinKeys.types(right.types(), rightKeys);
        table = new JoinHashTable(ctx.memory(), false, Simd.ENABLED,
                Math.max(16, build.rowCount()), keyTypes);
        table.add(JoinKeys.columns(build, rightKeys, keyTypes), build.rowCount());
    }

    @Override
    boolean probe(Batch probe) {
        int n = probe.rowCount();
        KeyType[] keyTypes = JoinKeys.types(left.types(), leftKeys);
        boolean direct = condition == null && (kind == JoinKind.SEMI || kind == JoinKind.ANTI);
        JoinProbe p = new JoinProbe(table, direct ? (kind == JoinKind.SEMI ? JoinType.SEMI : JoinType.ANTI) : JoinType.INNER);
        p.start(JoinKeys.columns(probe, leftKeys, keyTypes), n);
        int[] probeRows = new int[ExecContext.BATCH_ROWS];
        int[] buildRows = new int[ExecContext.BATCH_ROWS];
        boolean[] matched = kind == JoinKind.INNER || kind == JoinKind.RIGHT || direct ? null : new boolean[n];
        int count;
        while ((count = p.next(probeRows, buildRows)) > 0) {
            if (direct) {
                pending.add(output.leftOnly(probe, Arrays.copyOf(probeRows, count)));
                continue;
            }
            Batch joined = output.passing(probe, probeRows, build, buildRows, count, matched);
            if (joined != null) {
                pending.add(joined);
            }
        }
        if (matched != null) {
            Batch rest = output.afterLeftBatch(probe, build, matched, n);
            if (rest != null) {
                pending.add(rest);
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return "HashJoin " + kind + " left" + Arrays.toString(leftKeys) + " = right"
                + Arrays.toString(rightKeys) + (condition == null ? "" : " and " + condition);
    }

    @Override
    void closeMore() {
        if (table != null) {
            table.close();
        }
    }

    /** The plan: both input plans, the key columns of each side, the join kind and the residual condition. */
    public record Plan(PhysicalOperator left, PhysicalOperator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
                       Expr condition) implements PhysicalOperator.TwoInputs {
        public Plan {
            leftKeys = leftKeys.clone();
            rightKeys = rightKeys.clone();
        }

        @Override
        public List<SqlType> types() {
            return JoinOutput.types(left.types(), right.types(), kind);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            List<Operator> in = Operators.instantiateAll(inputs(), worker);
            return new HashJoinOp(worker.ctx(), in.get(0), in.get(1), leftKeys, rightKeys, kind, condition);
        }
    }
}
