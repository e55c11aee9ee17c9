package io.blueshift.executor.op;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.expr.Expr;
import io.blueshift.kernels.Bitmaps;
import io.blueshift.columnar.vector.Batches;
import java.util.ArrayList;
import java.util.List;

/**
 * WHERE / HAVING: evaluates the conjuncts one after another, each on the rows the previous ones
 * kept (so later conjuncts cost less, and {@code x <> 0 AND 1 / x > 0} never divides by zero), and
 * compacts the surviving rows into a dense batch; a batch whose rows all pass goes through as is.
 * The leading conjuncts that cannot fail ({@link Expr#total}: comparisons of columns with
 * constants, IN lists, LIKE) are evaluated on every row and their results ANDed, so that the rows
 * are copied once for all of them, not once per conjunct.
 * With output columns (the columns the projection above it uses), the last compaction copies
 * only those: a column read only by the condition is never copied. Runtime filters of joins above
 * it ({@link RuntimeFilter}) test the rows the first conjuncts kept, before the first copy.
 */
public final class FilterOp implements Operator {
    private final ExecContext ctx;
    private final Operator input;
    private final List<Expr> conjuncts;
    private final int[] columns;
    private final List<SqlType> types;
    /** How many leading conjuncts are {@link Expr#total}. */
    private final int totalPrefix;
    private final RuntimeFilter.Probe[] runtime;
    private int[] positions = new int[ExecContext.BATCH_ROWS];

    public FilterOp(ExecContext ctx, Operator input, List<Expr> conjuncts) {
        this(ctx, input, conjuncts, null);
    }

    /** A filter whose batches hold only the input's {@code columns}, in that order (all when null). */
    public FilterOp(ExecContext ctx, Operator input, List<Expr> conjuncts, int[] columns) {
        this(ctx, input, conjuncts, columns, new RuntimeFilter.Probe[0]);
    }

    private FilterOp(ExecContext ctx, Operator input, List<Expr> conjuncts, int[] columns,
            RuntimeFilter.Probe[] runtime) {
        this.ctx = ctx;
        this.runtime = runtime;
        this.input = input;
        this.conjuncts = List.copyOf(conjuncts);
        this.columns = columns == null ? null : columns.clone();
        this.types = picked(input.types(), columns);
        int prefix = 0;
        while (prefix < this.conjuncts.size() && this.conjuncts.get(prefix).total()) {
            prefix++;
        }
        this.totalPrefix = prefix;
    }

    /** The elements of {@code input} at {@code columns}, in that order (all of them when null). */
    static <T> List<T> picked(List<T> input, int[] columns) {
        if (columns == null) {
            return input;
        }
        List<T> out = new ArrayList<>(columns.length);
        for (int c : columns) {
            out.add(input.get(c));
        }
        return List.copyOf(out);
    }

    @Override
    public List<SqlType> types() {
        return types;
    }

    @Override
    public Batch next() {
        if (conjuncts.isEmpty()) {
            return nextRuntimeOnly();
        }
        Batch batch;
        while ((batch = input.next()) != null) {
            boolean narrowed = columns == null;
            int k = 0;
            while (k < conjuncts.size()) {
                // the leading conjuncts that cannot fail are evaluated on every row and ANDed,
                // then the rows compacted once: a comparison costs less than a copy of the rows
                int upTo = k == 0 && totalPrefix > 1 ? totalPrefix : k + 1;
                int n = batch.rowCount();
                int kept;
                try {
                    if (positions.length < n) {
                        positions = new int[n];
                    }
                    kept = upTo == k + 1 ? evaluate(conjuncts.get(k), batch, n) : evaluateAll(upTo, batch, n);
                    if (k == 0) {
                        for (RuntimeFilter.Probe probe : runtime) {
                            kept = probe.apply(batch, positions, kept);
                        }
                    }
                } catch (RuntimeException e) {
                    batch.close();
                    throw e;
                }
                k = upTo;
                if (kept < n) {
                    boolean last = k == conjuncts.size();
                    Batch smaller;
                    try {
                        smaller = Batches.gather(batch, last ? columns : null, positions, kept, ctx.memory());
                    } finally {
                        batch.close();
                    }
                    batch = smaller;
                    narrowed |= last;
                }
                if (kept == 0) {
                    break;
                }
            }
            if (batch.rowCount() > 0) {
                if (!narrowed) {
                    Batch shared;
                    try {
                        shared = Batches.share(batch, columns, ctx.memory());
                    } finally {
                        batch.close();
                    }
                    batch = shared;
                }
                return batch;
            }
            batch.close();
        }
        return null;
    }

    /** A filter of runtime filters only (over a scan): the rows they keep, or a whole batch where they keep all. */
    private Batch nextRuntimeOnly() {
        Batch batch;
        while ((batch = input.next()) != null) {
            int n = batch.rowCount();
            int kept;
            try {
                if (positions.length < n) {
                    positions = new int[n];
                }
                for (int i = 0; i < n; i++) {
                    positions[i] = i;
                }
                kept = n;
                for (RuntimeFilter.Probe probe : runtime) {
                    kept = probe.apply(batch, positions, kept);
                }
            } catch (RuntimeException e) {
                batch.close();
                throw e;
            }
            if (kept == 0) {
                batch.close();
                continue;
            }
            if (kept == n && columns == null) {
                return batch;
            }
            try (Batch all = batch) {
                return kept == n ? Batches.share(all, columns, ctx.memory())
                        : Batches.gather(all, columns, positions, kept, ctx.memory());
            }
        }
        return null;
    }

    /** The rows of {@code batch} where {@code conjunct} is TRUE, into {@link #positions}; returns how many. */
    private int evaluate(Expr conjunct, Batch batch, int n) {
        return Bitmaps.toPositions(conjunct.trueBits(batch, ctx), n, positions);
    }

    /** The rows where each of the first {@code count} conjuncts is TRUE, into {@link #positions}; returns how many. */
    private int evaluateAll(int count, Batch batch, int n) {
        long[] rows = null;
        for (int k = 0; k < count; k++) {
            long[] holds = conjuncts.get(k).trueBits(batch, ctx);
            long any = 0;
            if (rows == null) {
                rows = holds;
                for (long w : rows) {
                    any |= w;
                }
            } else {
                for (int w = 0; w < rows.length; w++) {
                    rows[w] &= holds[w];
                    any |= rows[w];
                }
            }
            if (any == 0) {
                return 0;
            }
        }
        return Bitmaps.toPositions(rows, n, positions);
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public String explain(Explain explain) {
        String filter = conjuncts.isEmpty() ? "Filter" : "Filter  " + Explain.sql(conjuncts, explain.shown(input), " AND ");
        if (columns != null) {
            filter += "  Output: " + String.join(", ", explain.shown(columnNames(explain)));
        }
        List<String> in = explain.shown(input);
        for (RuntimeFilter.Probe probe : runtime) {
            List<String> keys = new ArrayList<>();
            for (int c : probe.use().columns()) {
                keys.add(in.get(c));
            }
            filter += "  Runtime filter: " + String.join(", ", keys) + " IN build(" + probe.use().key().buildKeys()
                    + ")" + (probe.dropped() > 0 ? " dropped " + probe.dropped() : "");
        }
        return filter;
    }

    @Override
    public List<String> columnNames(Explain explain) {
        return picked(explain.names(input), columns);
    }

    @Override
    public String describe() {
        return "Filter " + conjuncts;
    }

    @Override
    public void close() {
        input.close();
    }

    /**
     * The plan: the input plan, the conjuncts, evaluated in order, the input's columns the filter
     * passes on, in order (all of them when null), and the runtime filters of joins above it.
     */
    public record Plan(PhysicalOperator input, List<Expr> conjuncts, int[] columns, List<RuntimeFilter.Use> runtime)
            implements PhysicalOperator.OneInput {
        public Plan {
            conjuncts = List.copyOf(conjuncts);
            columns = columns == null ? null : columns.clone();
            runtime = List.copyOf(runtime);
        }

        public Plan(PhysicalOperator input, List<Expr> conjuncts, int[] columns) {
            this(input, conjuncts, columns, List.of());
        }

        public Plan(PhysicalOperator input, List<Expr> conjuncts) {
            this(input, conjuncts, null);
        }

        /** This filter also applying the runtime filter {@code use}. */
        public Plan with(RuntimeFilter.Use use) {
            List<RuntimeFilter.Use> more = new ArrayList<>(runtime);
            more.add(use);
            return new Plan(input, conjuncts, columns, more);
        }

        /** This filter over another input plan. */
        public Plan over(PhysicalOperator newInput) {
            return new Plan(newInput, conjuncts, columns, runtime);
        }

        @Override
        public List<SqlType> types() {
            return picked(input.types(), columns);
        }

        @Override
        public Operator instantiate(WorkerContext worker) {
            RuntimeFilter.Probe[] probes = RuntimeFilter.probes(runtime, input.types(), worker);
            return new FilterOp(worker.ctx(), input.instantiate(worker), conjuncts, columns, probes);
        }
    }
}
