package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.agg.HashAggOp;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.expr.Segs;
import io.blueshift.executor.vector.Batches;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.hash.KeyColumn;
import io.blueshift.kernels.hash.KeyType;
import io.blueshift.kernels.join.JoinHashTable;
import io.blueshift.kernels.join.JoinProbe;
import io.blueshift.kernels.join.JoinType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Equi-join: builds a {@link JoinHashTable} from the right input (all of it, in one batch), then
 * streams the left input through {@link JoinProbe}. Keys of the two sides have the same types (the
 * planner casts them). A residual condition (the non-equi part of ON) is applied to candidate
 * pairs; outer, semi and anti joins then follow the pairs that survived it.
 */
public final class HashJoinOp implements Operator {
    private final ExecContext ctx;
    private final Operator left;
    private final Operator right;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final JoinKind kind;
    private final Expr condition;
    private final List<SqlType> types;
    private final JoinOutput output;
    private final Deque<Batch> pending = new ArrayDeque<>();
    private Batch build;
    private JoinHashTable table;
    private boolean leftDone;

    public HashJoinOp(ExecContext ctx, Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinKind kind,
            Expr condition) {
        this.ctx = ctx;
        this.left = left;
        this.right = right;
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.kind = kind;
        this.condition = condition;
        this.types = JoinOutput.types(left.types(), right.types(), kind);
        this.output = new JoinOutput(ctx, left.types(), right.types(), condition, kind);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        if (table == null) {
            buildTable();
        }
        while (pending.isEmpty() && !leftDone) {
            Batch probe = left.next();
            if (probe == null) {
                leftDone = true;
                if (kind.keepsUnmatchedRight()) {
                    try (Batch emptyLeft = Batches.concat(left.types(), List.of(), ctx.memory())) {
                        Batch rest = output.unmatchedRight(emptyLeft, build);
                        if (rest != null) {
                            pending.add(rest);
                        }
                    }
                }
                break;
            }
            try (probe) {
                probe(probe);
            }
        }
        return pending.poll();
    }

    private void buildTable() {
        List<Batch> parts = new ArrayList<>();
        try {
            for (Batch b = right.next(); b != null; b = right.next()) {
                parts.add(b);
            }
            build = Batches.concat(right.types(), parts, ctx.memory());
        } finally {
            parts.forEach(Batch::close);
        }
        KeyType[] keyTypes = keyTypes(right.types(), rightKeys);
        table = new JoinHashTable(ctx.memory(), false, io.blueshift.kernels.Simd.ENABLED,
                Math.max(16, build.rowCount()), keyTypes);
        table.add(columns(build, rightKeys, keyTypes), build.rowCount());
    }

    private void probe(Batch probe) {
        int n = probe.rowCount();
        KeyType[] keyTypes = keyTypes(left.types(), leftKeys);
        boolean direct = condition == null && (kind == JoinKind.SEMI || kind == JoinKind.ANTI);
        JoinProbe p = new JoinProbe(table, direct ? (kind == JoinKind.SEMI ? JoinType.SEMI : JoinType.ANTI) : JoinType.INNER);
        p.start(columns(probe, leftKeys, keyTypes), n);
        int[] probeRows = new int[ExecContext.BATCH_ROWS];
        int[] buildRows = new int[ExecContext.BATCH_ROWS];
        boolean[] matched = kind == JoinKind.INNER || kind == JoinKind.RIGHT || direct ? null : new boolean[n];
        int count;
        while ((count = p.next(probeRows, buildRows)) > 0) {
            if (direct) {
                pending.add(output.leftOnly(probe, java.util.Arrays.copyOf(probeRows, count)));
                continue;
            }
            count = output.filter(probe, probeRows, build, buildRows, count, matched);
            if (count > 0 && !kind.leftOnly()) {
                pending.add(output.pairs(probe, probeRows, build, buildRows, count));
            }
        }
        if (matched != null) {
            if (kind.keepsUnmatchedLeft()) {
                int[] rows = output.leftRowsAfter(matched, n, false);
                if (rows.length > 0) {
                    int[] none = new int[rows.length];
                    java.util.Arrays.fill(none, -1);
                    pending.add(output.pairs(probe, rows, build, none, rows.length));
                }
            } else {
                int[] rows = output.leftRowsAfter(matched, n, kind == JoinKind.SEMI);
                if (rows.length > 0) {
                    pending.add(output.leftOnly(probe, rows));
                }
            }
        }
    }

    private static KeyType[] keyTypes(List<SqlType> types, int[] keys) {
        KeyType[] out = new KeyType[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = Segs.keyType(types.get(keys[i]));
            if (out[i] == null) {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "join on a " + types.get(keys[i]) + " key");
            }
        }
        return out;
    }

    private static KeyColumn[] columns(Batch b, int[] keys, KeyType[] types) {
        KeyColumn[] out = new KeyColumn[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = HashAggOp.keyColumn(types[i], b.vector(keys[i]));
        }
        return out;
    }

    @Override
    public List<Operator> inputs() {
        return List.of(left, right);
    }

    @Override
    public String describe() {
        return "HashJoin " + kind + " left" + java.util.Arrays.toString(leftKeys) + " = right"
                + java.util.Arrays.toString(rightKeys) + (condition == null ? "" : " and " + condition);
    }

    @Override
    public void close() {
        try {
            left.close();
            right.close();
        } finally {
            pending.forEach(Batch::close);
            pending.clear();
            if (table != null) {
                table.close();
            }
            if (build != null) {
                build.close();
            }
        }
    }
}
