package io.blueshift.executor.window;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.vector.Batches;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.executor.ExecContext;
import io.blueshift.executor.op.Operator;
import io.blueshift.executor.op.SortOp;
import io.blueshift.storage.format.SpillFile;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Window functions over rows that do not fit in memory and cannot be split by partition (no
 * PARTITION BY column common to every clause, or one partition too big however it is split):
 * clause after clause, the rows are sorted by the clause's PARTITION BY and ORDER BY columns (a
 * {@link SortOp}, which sorts runs on disk and merges them), written to a spill file in that
 * order, and read back by the clause's cursors, a few forward passes ({@link ClauseEvaluator});
 * each row comes out with the clause's results after its columns, into the next clause's sort.
 * Memory holds the sort's share and a batch per cursor, whatever the size of a partition. Rows
 * come out in the last clause's window order.
 */
final class SortedWindow implements AutoCloseable {
    private final Operator output;
    private final List<Clause> clauses = new ArrayList<>();

    SortedWindow(ExecContext ctx, Operator input, List<WindowSpec> specs) {
        Operator in = input;
        for (WindowSpec spec : specs) {
            Clause c = new Clause(ctx, in, spec);
            clauses.add(c);
            in = c;
        }
        this.output = in;
    }

    /** The next batch of rows with every clause's results, or null after the last. */
    Batch next() {
        return output.next();
    }

    /** Rows written to spill files in window order, over every clause. */
    long spilledRows() {
        return clauses.stream().mapToLong(c -> c.rows).sum();
    }

    /** Bytes written to spill files: the sorts' runs and the rows in window order. */
    long spilledBytes() {
        return clauses.stream().mapToLong(Clause::spilledBytes).sum();
    }

    @Override
    public void close() {
        output.close();
    }

    /** One clause: its input sorted, spilled in window order, and read back with its results added. */
    private static final class Clause implements Operator {
        private final ExecContext ctx;
        private final Operator input;
        private final WindowSpec spec;
        private final List<SqlType> types;
        private SortOp sort;
        private SpillFile file;
        private long rows;
        private SpillFile.Reader reader;
        private ClauseEvaluator evaluator;
        private boolean started;
        private boolean inputClosed;

        Clause(ExecContext ctx, Operator input, WindowSpec spec) {
            this.ctx = ctx;
            this.input = input;
            this.spec = spec;
            this.types = WindowOp.typesOf(input.types(), List.of(spec));
        }

        @Override
        public List<SqlType> types() {
            return types;
        }

        @Override
        public Batch next() {
            if (!started) {
                started = true;
                spill();
            }
            ctx.checkCancelled();
            Batch in = reader.next();
            if (in == null) {
                return null;
            }
            int count = in.rowCount();
            List<FieldVector> vectors = new ArrayList<>();
            try (in) {
                for (int c = 0; c < in.columnCount(); c++) {
                    vectors.add(Vectors.share(in.vector(c), ctx.memory()));
                }
                List<WindowCall> calls = spec.calls();
                for (WindowCall call : calls) {
                    vectors.add(Vectors.allocate(ctx.memory(), call.type(), count));
                }
                Object[] values = new Object[calls.size()];
                long[] longs = new long[calls.size()];
                for (int r = 0; r < count; r++) {
                    evaluator.next(values, longs);
                    for (int f = 0; f < values.length; f++) {
                        FieldVector v = vectors.get(in.columnCount() + f);
                        if (evaluator.longResult(f)) {
                            ((BigIntVector) v).set(r, longs[f]);
                            continue;
                        }
                        WindowEvaluator.set(v, calls.get(f).type(), r, values[f]);
                    }
                }
                for (int f = 0; f < calls.size(); f++) {
                    vectors.get(in.columnCount() + f).setValueCount(count);
                }
            } catch (RuntimeException e) {
                Vectors.closeAll(vectors);
                throw e;
            }
            return Batches.of(types, vectors, count);
        }

        /** Writes the input, sorted by the clause's keys, to the spill file, and opens the cursors over it. */
        private void spill() {
            List<SortOp.Key> keys = new ArrayList<>();
            for (int p : spec.partition()) {
                keys.add(new SortOp.Key(p, false, false));
            }
            keys.addAll(spec.order());
            Operator sorted = input;
            if (!keys.isEmpty()) {
                sort = new SortOp(ctx, input, keys);
                sorted = sort;
            }
            file = ctx.spill().create("window", input.types());
            int sliceRows = 0;
            for (Batch next = sorted.next(); next != null; next = sorted.next()) {
                try (Batch b = next) {
                    ctx.checkCancelled();
                    if (sliceRows == 0) {
                        sliceRows = sliceRows(b);
                    }
                    write(b, sliceRows);
                }
            }
            file.finish();
            inputClosed = true;
            sorted.close(); // the sort's runs are merged and gone; the rows are all in the file
            reader = file.reader(ctx.memory());
            evaluator = new ClauseEvaluator(spec, WindowRows.spilled(file, input.types(), rows, ctx.memory()), ctx.memory());
        }

        /**
         * Rows per batch in the file: every cursor of every clause holds one, so a batch is at
         * most a 512th of the query's limit (with the row size of {@code b}), and at most a batch
         * of the usual size.
         */
        private int sliceRows(Batch b) {
            long rowBytes = Math.max(1, Batches.bytes(b) / Math.max(1, b.rowCount()));
            return (int) Math.max(16, Math.min(ExecContext.BATCH_ROWS, ctx.memory().limit() / 512 / rowBytes));
        }

        /** Appends the live rows of {@code b} to the file in batches of at most {@code sliceRows}. */
        private void write(Batch b, int sliceRows) {
            int live = b.liveCount();
            if (live <= sliceRows) {
                file.write(b, ctx.memory());
            } else {
                for (int at = 0; at < live; at += sliceRows) {
                    int count = Math.min(sliceRows, live - at);
                    int[] rows = new int[count];
                    for (int i = 0; i < count; i++) {
                        rows[i] = b.selection() == null ? at + i : b.selection().get(at + i);
                    }
                    try (Batch slice = Batches.gather(b, rows, count, ctx.memory())) {
                        file.write(slice, ctx.memory());
                    }
                }
            }
            rows += live;
        }

        long spilledBytes() {
            return (sort == null ? 0 : sort.spilledBytes()) + (file == null ? 0 : file.bytes());
        }

        @Override
        public List<Operator> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "Window clause " + spec.calls().stream().map(WindowCall::function).toList() + " over spilled rows";
        }

        @Override
        public void close() {
            try {
                if (!inputClosed) {
                    inputClosed = true;
                    (sort != null ? sort : input).close();
                }
            } finally {
                if (evaluator != null) {
                    evaluator.close();
                }
                if (file != null) {
                    file.close();
                }
            }
        }
    }
}
