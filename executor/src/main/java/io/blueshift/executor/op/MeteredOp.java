package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import java.util.List;
import java.util.Locale;

/**
 * Wraps an operator to count the rows and batches it produced and the time spent inside it
 * (its inputs included, as EXPLAIN ANALYZE reports in Postgres), for EXPLAIN ANALYZE.
 */
public final class MeteredOp implements Operator {
    private final Operator inner;
    private long rows;
    private long batches;
    private long nanos;

    public MeteredOp(Operator inner) {
        this.inner = inner;
    }

    @Override
    public List<SqlType> types() {
        return inner.types();
    }

    @Override
    public Batch next() {
        long start = System.nanoTime();
        try {
            Batch b = inner.next();
            if (b != null) {
                rows += b.rowCount();
                batches++;
            }
            return b;
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    @Override
    public List<Operator> inputs() {
        return inner.inputs();
    }

    @Override
    public String describe() {
        return inner.describe() + " " + actual();
    }

    @Override
    public String explain(Explain explain) {
        return inner.explain(explain) + "  " + actual();
    }

    @Override
    public List<String> columnNames(Explain explain) {
        return explain.names(inner);
    }

    private String actual() {
        return String.format(Locale.ROOT, "(actual rows=%d batches=%d time=%.3f ms)", rows, batches, nanos / 1e6);
    }

    @Override
    public void close() {
        inner.close();
    }

    /** The plan of a metered operator: every state of it counts its own rows, batches and time. */
    public record Plan(PhysicalOperator inner) implements PhysicalOperator {
        @Override
        public List<SqlType> types() {
            return inner.types();
        }

        @Override
        public List<PhysicalOperator> inputs() {
            return inner.inputs();
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            return new MeteredOp(inner.instantiate(worker));
        }
    }
}
