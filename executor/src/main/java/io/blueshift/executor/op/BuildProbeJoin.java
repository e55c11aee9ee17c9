package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import io.blueshift.columnar.vector.Batches;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the hash and nested-loop joins share: the right input is read whole (the build side), the
 * left input streams through {@link #probe}, and RIGHT/FULL joins end with the right rows no left
 * row matched.
 */
abstract class BuildProbeJoin implements Operator {
    final ExecContext ctx;
    final Operator left;
    final Operator right;
    final JoinKind kind;
    final JoinOutput output;
    final Deque<Batch> pending = new ArrayDeque<>();
    private final List<SqlType> types;
    Batch build;
    private boolean leftDone;

    BuildProbeJoin(ExecContext ctx, Operator left, Operator right, JoinKind kind, Expr condition) {
        this.ctx = ctx;
        this.left = left;
        this.right = right;
        this.kind = kind;
        this.types = JoinOutput.types(left.types(), right.types(), kind);
        this.output = new JoinOutput(ctx, left.types(), right.types(), condition, kind);
    }

    /** Called once the build side is in {@link #build}. */
    abstract void prepare();

    /** Joins one left batch, adding result batches to {@link #pending}. */
    abstract void probe(Batch probe);

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        if (build == null) {
            build = Operators.drain(right, ctx.memory());
            prepare();
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

    @Override
    public List<Operator> inputs() {
        return List.of(left, right);
    }

    /** Frees what a subclass holds beyond the build batch (its hash table). */
    void closeMore() {
    }

    @Override
    public void close() {
        try {
            left.close();
            right.close();
        } finally {
            pending.forEach(Batch::close);
            pending.clear();
            closeMore();
            if (build != null) {
                build.close();
            }
        }
    }
}
