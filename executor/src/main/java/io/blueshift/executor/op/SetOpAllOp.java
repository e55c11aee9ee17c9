package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.columnar.vector.Batches;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;

/**
 * INTERSECT ALL and EXCEPT ALL over the distinct rows of their inputs, each row followed by one
 * BIGINT count per set-operation input (how often the row occurs there): a row is repeated
 * {@code min(counts)} times for INTERSECT ALL and {@code counts[0] - sum(counts[1..])} times (at
 * least zero) for EXCEPT ALL, as SQL counts duplicates. The count columns stay in the output for
 * the caller to project away. Output batches hold at most {@link ExecContext#BATCH_ROWS} rows, so
 * a row counted millions of times does not make one huge batch.
 */
public final class SetOpAllOp implements Operator {
    /** Which set operation the counts decide. */
    public enum Kind { INTERSECT, EXCEPT }

    private final ExecContext ctx;
    private final Operator input;
    private final Kind kind;
    private final int countColumns;
    private final int firstCount;
    private Batch current;
    private int row;
    private long repeatsLeft;

    public SetOpAllOp(ExecContext ctx, Operator input, Kind kind, int countColumns) {
        this.ctx = ctx;
        this.input = input;
        this.kind = kind;
        this.countColumns = countColumns;
        this.firstCount = input.types().size() - countColumns;
    }

    @Override
    public List<SqlType> types() {
        return input.types();
    }

    @Override
    public Batch next() {
        int[] positions = new int[ExecContext.BATCH_ROWS];
        while (true) {
            if (current == null) {
                current = input.next();
                if (current == null) {
                    return null;
                }
                row = 0;
                repeatsLeft = current.rowCount() > 0 ? repeats(current, 0) : 0;
            }
            int n = 0;
            while (n < positions.length && row < current.rowCount()) {
                if (repeatsLeft == 0) {
                    row++;
                    repeatsLeft = row < current.rowCount() ? repeats(current, row) : 0;
                    continue;
                }
                positions[n++] = row;
                repeatsLeft--;
            }
            Batch b = current;
            if (row >= current.rowCount()) {
                current = null;
            }
            try {
                if (n > 0) {
                    return Batches.gather(b, positions, n, ctx.memory());
                }
            } finally {
                if (current == null) {
                    b.close();
                }
            }
        }
    }

    private long repeats(Batch b, int at) {
        long first = ((BigIntVector) b.vector(firstCount)).get(at);
        long out = first;
        for (int c = 1; c < countColumns; c++) {
            long count = ((BigIntVector) b.vector(firstCount + c)).get(at);
            out = switch (kind) {
                case INTERSECT -> Math.min(out, count);
                case EXCEPT -> out - count;
            };
        }
        return Math.max(out, 0);
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return kind == Kind.INTERSECT ? "IntersectAll" : "ExceptAll";
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        input.close();
    }

    /** The plan: the grouped input plan, the set operation and how many count columns end each row. */
    public record Plan(PhysicalOperator input, Kind kind, int countColumns) implements PhysicalOperator.SameTypes {
        @Override
        public Operator instantiate(WorkerContext worker) {
            return new SetOpAllOp(worker.ctx(), input.instantiate(worker), kind, countColumns);
        }
    }
}
