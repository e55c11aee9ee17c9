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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.arrow.vector.FieldVector;

/**
 * SEMI and ANTI joins (EXISTS, IN, NOT EXISTS) whose left input is the smaller one: the hash table
 * is built from the left rows, the right input streams through it marking the left rows it
 * matches (after the residual condition, if any), and at the end the matched (SEMI) or unmatched
 * (ANTI) left rows are emitted. TPC-H's Q4 and Q21 test a few thousand orders against all of
 * lineitem; building lineitem instead would cost a table of millions of rows.
 *
 * <p>With several right states (the workers' states of one parallel pipeline, whose scans share
 * their chunks) each probes in a worker thread of its own, marking the left rows it matches in a
 * bitmap of its own; the bitmaps are ORed once every worker is done. The table is only read while
 * they probe. The first failure of a worker is rethrown as it was thrown and stops the others.
 */
public final class SemiJoinBuildLeftOp implements Operator {
    private final ExecContext ctx;
    private final Operator left;
    private final List<Operator> rights;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final boolean anti;
    private final Expr condition;
    private Batch build;
    private int[] result;
    private int emitted;
    private volatile boolean stopped;

    public SemiJoinBuildLeftOp(ExecContext ctx, Operator left, Operator right, int[] leftKeys, int[] rightKeys,
            boolean anti, Expr condition) {
        this(ctx, left, List.of(right), leftKeys, rightKeys, anti, condition);
    }

    /** A join whose right rows come from {@code rights}, each probed in a worker thread when there are several. */
    public SemiJoinBuildLeftOp(ExecContext ctx, Operator left, List<Operator> rights, int[] leftKeys, int[] rightKeys,
            boolean anti, Expr condition) {
        this.ctx = ctx;
        this.left = left;
        this.rights = List.copyOf(rights);
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
        int n = build.rowCount();
        long[] matched = new long[(n + 63) >>> 6];
        KeyType[] leftTypes = JoinKeys.types(left.types(), leftKeys);
        try (JoinHashTable table = new JoinHashTable(ctx.memory(), false, Simd.ENABLED, Math.max(16, n), leftTypes)) {
            table.add(JoinKeys.columns(build, leftKeys, leftTypes), n);
            if (rights.size() == 1) {
                probeAll(rights.get(0), table, matched);
            } else {
                probeInParallel(table, matched);
            }
        }
        int count = 0;
        for (long word : matched) {
            count += Long.bitCount(word);
        }
        int[] out = new int[anti ? n - count : count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (((matched[i >>> 6] >>> i) & 1) == (anti ? 0 : 1)) {
                out[k++] = i;
            }
        }
        result = out;
    }

    /** Each right state probes in a worker thread, into a bitmap of its own, ORed into {@code matched} at the end. */
    private void probeInParallel(JoinHashTable table, long[] matched) {
        List<Future<long[]>> workers = new ArrayList<>(rights.size());
        for (Operator right : rights) {
            workers.add(GatherOp.WORKERS.submit(() -> {
                long[] mine = new long[matched.length];
                try {
                    probeAll(right, table, mine);
                } catch (Throwable t) {
                    stopped = true;
                    throw t;
                }
                return mine;
            }));
        }
        // Wait for every worker, even when interrupted (then told to stop): the table they read is
        // freed when this returns.
        Throwable failure = null;
        boolean interrupted = false;
        for (Future<long[]> worker : workers) {
            while (true) {
                try {
                    long[] mine = worker.get();
                    for (int w = 0; w < matched.length; w++) {
                        matched[w] |= mine[w];
                    }
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stopped = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            ctx.cancel();
            ctx.checkCancelled();
        }
        if (failure != null) {
            throw Operators.unchecked(failure);
        }
    }

    /** Probes every batch of {@code right}, marking the left rows matched in {@code matched}. */
    private void probeAll(Operator right, JoinHashTable table, long[] matched) {
        KeyType[] rightTypes = JoinKeys.types(right.types(), rightKeys);
        // the left batch is the build, which every worker reads: its columns are copied, never shared
        JoinOutput pairs = new JoinOutput(ctx, left.types(), right.types(), null, JoinKind.INNER, false, null);
        JoinProbe p = new JoinProbe(table, JoinType.INNER);
        int[] probeRows = new int[ExecContext.BATCH_ROWS];
        int[] buildRows = new int[ExecContext.BATCH_ROWS];
        for (Batch b = stopped ? null : right.next(); b != null; b = stopped ? null : right.next()) {
            try (Batch probe = b) {
                p.start(JoinKeys.columns(probe, rightKeys, rightTypes), probe.rowCount());
                int count;
                while ((count = p.next(probeRows, buildRows)) > 0) {
                    mark(pairs, probe, probeRows, buildRows, count, matched);
                }
            }
        }
    }

    private void mark(JoinOutput pairs, Batch probe, int[] probeRows, int[] buildRows, int count, long[] matched) {
        if (condition == null) {
            for (int i = 0; i < count; i++) {
                matched[buildRows[i] >>> 6] |= 1L << buildRows[i];
            }
            return;
        }
        try (Batch joined = pairs.pairs(build, buildRows, probe, probeRows, count);
             FieldVector v = condition.eval(joined, ctx)) {
            int[] keep = new int[count];
            int kept = Bools.trueRows(v, count, keep);
            for (int i = 0; i < kept; i++) {
                int row = buildRows[keep[i]];
                matched[row >>> 6] |= 1L << row;
            }
        }
    }

    @Override
    public List<Operator> inputs() {
        List<Operator> all = new ArrayList<>(rights.size() + 1);
        all.add(left);
        all.addAll(rights);
        return all;
    }

    @Override
    public String explain(Explain explain) {
        String how = rights.size() == 1 ? " (build left)" : " (build left, probed by " + rights.size() + " workers)";
        return Explain.join("HashJoin " + (anti ? "ANTI" : "SEMI") + how, leftKeys, rightKeys, condition,
                explain, left, rights.get(0));
    }

    @Override
    public String describe() {
        return "HashJoin " + (anti ? "ANTI" : "SEMI") + " (build left) left" + Arrays.toString(leftKeys)
                + " = right" + Arrays.toString(rightKeys) + (condition == null ? "" : " and " + condition);
    }

    @Override
    public void close() {
        stopped = true;
        try {
            left.close();
            rights.forEach(Operator::close);
        } finally {
            if (build != null) {
                build.close();
            }
        }
    }

    /**
     * The plan: both input plans, the key columns of each side, SEMI or ANTI, the residual
     * condition, and how many workers probe (more than one: {@code right} is a parallel pipeline
     * whose states, one a worker, share its scans' chunks).
     */
    public record Plan(PhysicalOperator left, PhysicalOperator right, int[] leftKeys, int[] rightKeys, boolean anti,
                       Expr condition, int workers) implements PhysicalOperator.TwoInputs {
        public Plan {
            leftKeys = leftKeys.clone();
            rightKeys = rightKeys.clone();
            workers = Math.max(1, workers);
        }

        /** Probed by one thread. */
        public Plan(PhysicalOperator left, PhysicalOperator right, int[] leftKeys, int[] rightKeys, boolean anti,
                    Expr condition) {
            this(left, right, leftKeys, rightKeys, anti, condition, 1);
        }

        @Override
        public List<SqlType> types() {
            return left.types();
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            Operator l = left.instantiate(worker);
            List<Operator> rs;
            try {
                rs = workers == 1 ? List.of(right.instantiate(worker))
                        : Operators.instantiateAll(Collections.nCopies(workers, right), worker.forWorkers());
            } catch (RuntimeException e) {
                l.close();
                throw e;
            }
            return new SemiJoinBuildLeftOp(worker.ctx(), l, rs, leftKeys, rightKeys, anti, condition);
        }
    }
}
