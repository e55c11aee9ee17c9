package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import io.blueshift.executor.vector.Batches;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Joins without an equality to hash on (CROSS JOIN, ON a < b): every left row against every right
 * row, in pair batches, with the condition evaluated on each pair batch. The right input is held
 * in one batch.
 */
public final class NestedLoopJoinOp implements Operator {
    private final ExecContext ctx;
    private final Operator left;
    private final Operator right;
    private final JoinKind kind;
    private final List<SqlType> types;
    private final JoinOutput output;
    private final Deque<Batch> pending = new ArrayDeque<>();
    private Batch build;
    private boolean leftDone;

    public NestedLoopJoinOp(ExecContext ctx, Operator left, Operator right, JoinKind kind, Expr condition) {
        this.ctx = ctx;
        this.left = left;
        this.right = right;
        this.kind = kind;
        this.types = JoinOutput.types(left.types(), right.types(), kind);
        this.output = new JoinOutput(ctx, left.types(), right.types(), condition, kind);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        if (build == null) {
            List<Batch> parts = new ArrayList<>();
            try {
                for (Batch b = right.next(); b != null; b = right.next()) {
                    parts.add(b);
                }
                build = Batches.concat(right.types(), parts, ctx.memory());
            } finally {
                parts.forEach(Batch::close);
            }
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

    private void probe(Batch probe) {
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
                java.util.Arrays.fill(none, -1);
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
    public List<Operator> inputs() {
        return List.of(left, right);
    }

    @Override
    public String describe() {
        return "NestedLoopJoin " + kind;
    }

    @Override
    public void close() {
        try {
            left.close();
            right.close();
        } finally {
            pending.forEach(Batch::close);
            pending.clear();
            if (build != null) {
                build.close();
            }
        }
    }
}
