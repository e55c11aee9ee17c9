package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.arrow.vector.FieldVector;

/**
 * WITH RECURSIVE: emits the seed's rows, then runs the recursive part again and again, each time
 * over the rows the previous round produced (the working table), until a round produces none.
 * UNION (without ALL) drops rows seen before, which is also what ends many recursions.
 */
public final class RepeatUnionOp implements Operator {
    /** Too many rounds means a recursion that never ends. */
    static final int MAX_ROUNDS = 100_000;

    /** The rows of the previous round, read by the recursive part's scans of the CTE. */
    public static final class WorkingTable {
        private List<Batch> batches = List.of();

        public List<Batch> batches() {
            return batches;
        }
    }

    private final ExecContext ctx;
    private final Operator seed;
    private final Supplier<Operator> recursive;
    private final WorkingTable working;
    private final boolean all;
    private final Set<List<Object>> seen = new HashSet<>();
    private final Deque<Batch> pending = new ArrayDeque<>();
    private List<Batch> next = new ArrayList<>();
    private boolean seedDone;
    private boolean done;
    private int rounds;

    public RepeatUnionOp(ExecContext ctx, Operator seed, Supplier<Operator> recursive, WorkingTable working, boolean all) {
        this.ctx = ctx;
        this.seed = seed;
        this.recursive = recursive;
        this.working = working;
        this.all = all;
    }

    @Override
    public List<SqlType> types() {
        return seed.types();
    }

    @Override
    public Batch next() {
        while (pending.isEmpty() && !done) {
            if (!seedDone) {
                Batch b = seed.next();
                if (b == null) {
                    seedDone = true;
                } else {
                    accept(b);
                }
                continue;
            }
            round();
        }
        return pending.poll();
    }

    private void round() {
        close(working.batches);
        working.batches = next;
        next = new ArrayList<>();
        if (working.batches.isEmpty()) {
            done = true;
            return;
        }
        if (++rounds > MAX_ROUNDS) {
            throw new BlueshiftException(ErrorCode.PROGRAM_LIMIT_EXCEEDED,
                    "recursive query did not end after " + MAX_ROUNDS + " rounds");
        }
        try (Operator op = recursive.get()) {
            for (Batch b = op.next(); b != null; b = op.next()) {
                accept(b);
            }
        }
        ctx.checkCancelled();
    }

    /** Keeps a batch's new rows for the output and for the next round. */
    private void accept(Batch b) {
        Batch kept = b;
        if (!all) {
            int[] rows = new int[b.rowCount()];
            int count = 0;
            for (int i = 0; i < b.rowCount(); i++) {
                List<Object> row = new ArrayList<>(b.columnCount());
                for (int c = 0; c < b.columnCount(); c++) {
                    row.add(b.get(c, i));
                }
                if (seen.add(row)) {
                    rows[count++] = i;
                }
            }
            if (count < b.rowCount()) {
                try (b) {
                    kept = Batches.gather(b, rows, count, ctx.memory());
                }
            }
        }
        if (kept.rowCount() == 0) {
            kept.close();
            return;
        }
        List<FieldVector> copy = new ArrayList<>();
        for (int c = 0; c < kept.columnCount(); c++) {
            copy.add(Vectors.share(kept.vector(c), ctx.memory()));
        }
        next.add(Batches.of(types(), copy, kept.rowCount()));
        pending.add(kept);
    }

    private static void close(List<Batch> batches) {
        batches.forEach(Batch::close);
    }

    @Override
    public List<Operator> inputs() {
        return List.of(seed);
    }

    @Override
    public String describe() {
        return "RepeatUnion" + (all ? " all" : "");
    }

    @Override
    public void close() {
        try {
            seed.close();
        } finally {
            close(working.batches);
            working.batches = List.of();
            close(next);
            next = List.of();
            pending.forEach(Batch::close);
            pending.clear();
        }
    }

    /**
     * The plan: the seed's plan, the recursive part's plan (instantiated again for every round),
     * the key under which the recursive part's {@link WorkingTableScanOp.Plan}s find the working
     * table each state makes, and UNION ALL or UNION.
     */
    public record Plan(PhysicalOperator seed, PhysicalOperator recursive, Object working, boolean all)
            implements PhysicalOperator {
        @Override
        public List<SqlType> types() {
            return seed.types();
        }

        @Override
        public List<PhysicalOperator> inputs() {
            return List.of(seed);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            WorkingTable table = worker.newWorkingTable(working);
            return new RepeatUnionOp(worker.ctx(), seed.instantiate(worker), () -> recursive.instantiate(worker), table, all);
        }
    }
}
