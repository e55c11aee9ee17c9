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
        this(ctx, left, right, right.types(), kind, condition, null);
    }

    /**
     * A join whose build side {@link #takeBuild} gets elsewhere ({@code right} null) or from
     * {@code right}, emitting the joined columns at {@code output} (null: all; see {@link JoinOutput}).
     */
    BuildProbeJoin(ExecContext ctx, Operator left, Operator right, List<SqlType> rightTypes, JoinKind kind,
            Expr condition, int[] output) {
        this.ctx = ctx;
        this.left = left;
        this.right = right;
        this.kind = kind;
        this.types = JoinOutput.select(JoinOutput.types(left.types(), rightTypes, kind), output);
        this.output = new JoinOutput(ctx, left.types(), rightTypes, condition, kind, true, output);
    }

    /** Reads the build side into {@link #build} and prepares to probe it: all of the right input, by default. */
    void takeBuild() {
        build = Operators.drain(right, ctx.memory());
        prepare();
    }

    /** Called once the build side is in {@link #build}. */
    abstract void prepare();

    /**
     * Joins one left batch, adding result batches to {@link #pending}; returns true when the join
     * keeps the batch to go on with it in {@link #resume} (then it closes the batch itself).
     */
    abstract boolean probe(Batch probe);

    /**
     * Goes on with a left batch {@link #probe} kept, adding at least one step of work; false when
     * no batch is kept. A join whose output per left batch is unbounded (a cross join) emits it a
     * few batches at a time, so memory stays bounded and a cancel is seen between batches.
     */
    boolean resume() {
        return false;
    }

    /**
     * The right rows no left row matched, joined with NULLs on the left (RIGHT and FULL joins),
     * once the left input has ended; null when there are none.
     */
    Batch unmatchedRight(Batch emptyLeft) {
        return output.unmatchedRight(emptyLeft, build, output.rightMatched);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        ctx.checkCancelled();
        if (build == null) {
            takeBuild();
        }
        while (pending.isEmpty() && !leftDone) {
            if (resume()) {
                continue;
            }
            Batch probe = left.next();
            if (probe == null) {
                leftDone = true;
                if (kind.keepsUnmatchedRight()) {
                    try (Batch emptyLeft = Batches.concat(left.types(), List.of(), ctx.memory())) {
                        Batch rest = unmatchedRight(emptyLeft);
                        if (rest != null) {
                            pending.add(rest);
                        }
                    }
                }
                break;
            }
            boolean kept = false;
            try {
                kept = probe(probe);
            } finally {
                if (!kept) {
                    probe.close();
                }
            }
        }
        return pending.poll();
    }

    @Override
    public List<Operator> inputs() {
        return List.of(left, right);
    }

    /** Frees the build side: the right input's state, the build batch and what a subclass holds (its hash table). */
    void closeBuild() {
        try {
            right.close();
        } finally {
            closeMore();
            if (build != null) {
                build.close();
            }
        }
    }

    /** Frees what a subclass holds beyond the build batch (its hash table). */
    void closeMore() {
    }

    @Override
    public void close() {
        try {
            left.close();
        } finally {
            pending.forEach(Batch::close);
            pending.clear();
            closeBuild();
        }
    }
}
