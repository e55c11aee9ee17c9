package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.executor.ExecContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One subtree that several places of a query read (a WITH query referenced twice: TPC-H Q15's
 * revenue view is aggregated from lineitem once for the join and once for its maximum), computed
 * once and read by each: the first state to ask drains the subtree's rows and keeps them, every
 * state reads all of them (batches sharing the kept buffers), and the last state to close frees
 * them. PostgreSQL materializes such a CTE the same way (a CTE Scan over one CTE).
 *
 * <p>EXPLAIN shows the subtree under the first state and a {@code Spool} line without it under
 * the others.
 */
public final class SpoolOp implements Operator {
    private final ExecContext ctx;
    private final Shared shared;
    private final boolean showsInput;
    private int next;
    private boolean closed;

    private SpoolOp(ExecContext ctx, Shared shared, boolean showsInput) {
        this.ctx = ctx;
        this.shared = shared;
        this.showsInput = showsInput;
    }

    @Override
    public List<SqlType> types() {
        return shared.input.types();
    }

    @Override
    public Batch next() {
        ctx.checkCancelled();
        List<Batch> rows = shared.rows(ctx);
        return next < rows.size() ? Batches.share(rows.get(next++), ctx.memory()) : null;
    }

    @Override
    public List<Operator> inputs() {
        return showsInput ? List.of(shared.input) : List.of();
    }

    @Override
    public String describe() {
        return showsInput ? "Spool (read " + shared.users + " times)" : "Spool (the rows of the spool above)";
    }

    @Override
    public List<String> columnNames(Explain explain) {
        return explain.names(shared.input);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            shared.release();
        }
    }

    /** The state every {@link SpoolOp} of one plan in one query shares: the subtree's state and its rows. */
    static final class Shared {
        private final Operator input;
        private final Runnable forget;
        private int users;
        private List<Batch> rows;
        private Throwable failure;

        Shared(Operator input, Runnable forget) {
            this.input = input;
            this.forget = forget;
        }

        synchronized boolean use() {
            return users++ == 0;
        }

        /** The subtree's rows, drained by the first caller (another waits). */
        synchronized List<Batch> rows(ExecContext ctx) {
            if (failure != null) {
                throw Operators.unchecked(failure);
            }
            if (rows == null) {
                List<Batch> drained = new ArrayList<>();
                try {
                    for (Batch b = input.next(); b != null; b = input.next()) {
                        drained.add(b);
                        ctx.checkCancelled();
                    }
                } catch (Throwable t) {
                    drained.forEach(Batch::close);
                    failure = t;
                    throw t;
                }
                rows = drained;
            }
            return rows;
        }

        /** Gives back one use; the last frees the rows and the subtree's state. */
        synchronized void release() {
            if (--users > 0) {
                return;
            }
            forget.run();
            try {
                input.close();
            } finally {
                if (rows != null) {
                    rows.forEach(Batch::close);
                    rows = null;
                }
            }
        }
    }

    /**
     * The plan: one subtree that several places of the query plan hold as this same object. The
     * states instantiated from it in one query share one {@link Shared}; once the last of them
     * closes, a later instantiation (a recursive query's next round) computes the rows again.
     */
    public record Plan(PhysicalOperator input) implements PhysicalOperator.SameTypes {
        @Override
        public Operator instantiate(WorkerContext worker) {
            Shared shared = worker.spool(this, forget -> new Shared(input.instantiate(worker), forget));
            return new SpoolOp(worker.ctx(), shared, shared.use());
        }
    }
}
