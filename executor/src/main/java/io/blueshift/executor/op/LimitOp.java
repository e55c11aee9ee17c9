package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Batches;
import java.util.List;

/** OFFSET / LIMIT: skips rows, then passes at most {@code limit} rows and stops pulling. */
public final class LimitOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final long offset;
    private final long limit;
    private long toSkip;
    private long remaining;

    public LimitOp(ExecContext ctx, Operator input, long offset, long limit) {
        this.ctx = ctx;
        this.input = input;
        this.offset = offset;
        this.limit = limit;
        this.toSkip = offset;
        this.remaining = limit;
    }

    @Override
    public List<SqlType> types() {
        return input.types();
    }

    @Override
    public Batch next() {
        while (remaining > 0) {
            Batch b = input.next();
            if (b == null) {
                return null;
            }
            int n = b.rowCount();
            int from = (int) Math.min(toSkip, n);
            toSkip -= from;
            int count = (int) Math.min(remaining, n - from);
            if (count <= 0) {
                b.close();
                continue;
            }
            remaining -= count;
            if (from == 0 && count == n) {
                return b;
            }
            int[] positions = new int[count];
            for (int i = 0; i < count; i++) {
                positions[i] = from + i;
            }
            try (b) {
                return Batches.gather(b, positions, count, ctx.memory());
            }
        }
        return null;
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String explain(Explain explain) {
        return "Limit  " + limit + (offset > 0 ? " offset " + offset : "");
    }

    @Override
    public String describe() {
        return "Limit offset=" + toSkip + " limit=" + remaining;
    }

    @Override
    public void close() {
        input.close();
    }

    /** The plan: the input plan, the rows to skip and the rows to pass at most. */
    public record Plan(PhysicalOperator input, long offset, long limit) implements PhysicalOperator.SameTypes {
        @Override
        public Operator instantiate(WorkerContext worker) {
            return new LimitOp(worker.ctx(), input.instantiate(worker), offset, limit);
        }
    }
}
